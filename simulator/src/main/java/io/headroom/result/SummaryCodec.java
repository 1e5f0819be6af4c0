package io.headroom.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.request.ErrorCause;
import io.headroom.run.Checks;
import io.headroom.slo.Incident;
import io.headroom.slo.SloVerdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} to and from {@link Summary}: the one writer and the one reader of the
 * result schema. Keys come in a fixed order (DESIGN.md's "Results"); a count is written whole for
 * one run and as the decimal mean for replications; NaN is {@code null}. Reading is lenient: a key
 * that is missing reads as NaN (or empty), so a partial file still renders.
 */
public final class SummaryCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SummaryCodec() {
    }

    // ---- writing ----

    public static ObjectNode write(Summary s) {
        Writer w = new Writer(s.replication() == null);
        return w.summary(s);
    }

    private record Writer(boolean whole) {
        ObjectNode summary(Summary s) {
            ObjectNode root = F.objectNode();
            Summary.Run r = s.run();
            root.put("schema_version", r.schemaVersion());
            root.put("design", r.design());
            root.put("profile", r.profile());
            root.put("seed", r.seed());
            number(root, "simulated_s", r.simulatedS());
            number(root, "warmup_s", r.warmupS());
            number(root, "drained_s", r.drainedS());
            if (r.stoppedEarlyS() != null) {
                number(root, "stopped_early_s", r.stoppedEarlyS());
            }
            count(root, "events", r.events());
            count(root, "peak_in_flight", r.peakInFlight());
            root.set("overall", requests(s.overall()));
            ObjectNode endpoints = root.putObject("endpoints");
            s.endpoints().forEach((name, e) -> endpoints.set(name, requests(e)));
            ObjectNode components = root.putObject("components");
            s.components().forEach((name, c) -> components.set(name, component(c)));
            if (s.cost() != null) {
                Summary.Cost cost = s.cost();
                ObjectNode c = root.putObject("cost");
                number(c, "total_usd", cost.totalUsd());
                number(c, "per_hour_usd", cost.perHourUsd());
                number(c, "per_million_requests_usd", cost.perMillionRequestsUsd());
                number(c, "idle_usd", cost.idleUsd());
                ObjectNode byComponent = c.putObject("by_component");
                cost.byComponent().forEach((k, v) -> number(byComponent, k, v));
                ObjectNode byMarket = c.putObject("by_market");
                cost.byMarket().forEach((k, v) -> number(byMarket, k, v));
                if (!cost.storage().isEmpty()) {
                    ObjectNode storage = c.putObject("storage");
                    cost.storage().forEach((k, f) -> storage.set(k, store(f)));
                }
                if (!Double.isNaN(cost.perMonthUsd())) { // a summary written before the key reads back without it
                    number(c, "per_month_usd", cost.perMonthUsd());
                }
                if (cost.allocation() != null) {
                    c.set("allocation", allocation(cost.allocation()));
                }
                if (cost.budget() != null) {
                    c.set("budget", budget(cost.budget()));
                }
            }
            if (s.cluster() != null) {
                root.set("cluster", cluster(s.cluster()));
            }
            if (!s.rollouts().isEmpty()) {
                root.set("rollouts", rollouts(s.rollouts()));
            }
            if (!s.databases().isEmpty()) {
                root.set("databases", DatabaseCodec.write(s.databases(), whole));
            }
            if (s.regions() != null) {
                regions(root, s.regions());
            }
            if (s.iterations() != null) {
                ObjectNode it = root.putObject("iterations");
                count(it, "completed", s.iterations().completed());
                count(it, "interrupted", s.iterations().interrupted());
                count(it, "dropped_iterations", s.iterations().dropped());
            }
            root.set("slo", slo(s.slo()));
            root.set("incidents", incidents(s.incidents()));
            ArrayNode unstable = root.putArray("unstable");
            s.unstable().forEach(unstable::add);
            ArrayNode warnings = root.putArray("warnings");
            s.warnings().forEach(warnings::add);
            if (s.warmupMethod() != null) {
                root.put("warmup_method", s.warmupMethod());
            }
            Summary.Transient t = s.transientFigures();
            if (t != null) {
                ObjectNode o = root.putObject("transient");
                number(o, "busiest_window_start_s", t.busiestWindowStartS());
                number(o, "busiest_window_arrivals_per_s", t.busiestWindowArrivalsPerS());
                number(o, "busiest_window_p99_ms", t.busiestWindowP99Ms());
                number(o, "instances_peak", t.instancesPeak());
                if (t.costPeakUsdPerHour() != null) {
                    number(o, "cost_peak_usd_per_hour", t.costPeakUsdPerHour());
                }
            }
            if (s.checks() != null) {
                root.set("checks", checks(s.checks()));
            }
            if (s.replication() != null) {
                root.put("replications", s.replication().count());
                root.set("ci95", s.replication().json());
            }
            return root;
        }

        private ObjectNode store(io.headroom.pricing.StorageFigures f) {
            ObjectNode o = F.objectNode();
            o.put("type", f.type());
            number(o, "gb_start", f.gbStart());
            number(o, "gb_end", f.gbEnd());
            number(o, "usd", f.usd());
            ObjectNode byClass = o.putObject("by_class");
            f.byClass().forEach((k, v) -> number(byClass, k, v));
            number(o, "provisioned_usd", f.provisionedUsd());
            number(o, "transitions", f.transitions());
            number(o, "transition_usd", f.transitionUsd());
            number(o, "retrieval_gb", f.retrievalGb());
            number(o, "retrieval_usd", f.retrievalUsd());
            return o;
        }

        private ArrayNode rollouts(List<io.headroom.run.RolloutFigures> rollouts) {
            ArrayNode out = F.arrayNode();
            for (io.headroom.run.RolloutFigures f : rollouts) {
                ObjectNode o = out.addObject();
                o.put("service", f.service());
                number(o, "at_s", f.atS());
                o.put("strategy", f.strategy());
                o.put("outcome", f.outcome());
                optional(o, "duration_s", f.durationS());
                optional(o, "switched_at_s", f.switchedAtS());
                optional(o, "aborted_at_s", f.abortedAtS());
                if (f.abortedAtS() != null) {
                    o.put("failed_measurements", f.failedMeasurements());
                }
                number(o, "peak_instances", f.peakInstances());
                optional(o, "peak_nodes", f.peakNodes());
                number(o, "min_ready", f.minReady());
                count(o, "requests", f.requests());
                count(o, "errors", f.errors());
                optional(o, "p99_ms", f.p99Ms());
                number(o, "extra_instance_hours", f.extraInstanceHours());
                optional(o, "extra_node_hours", f.extraNodeHours());
                optional(o, "extra_cost_usd", f.extraCostUsd());
            }
            return out;
        }

        private static void optional(ObjectNode o, String key, Double v) {
            if (v != null) {
                number(o, key, v);
            }
        }

        private ObjectNode cluster(io.headroom.cluster.ClusterFigures c) {
            ObjectNode o = F.objectNode();
            ObjectNode pools = o.putObject("pools");
            c.pools().forEach((name, p) -> {
                ObjectNode n = pools.putObject(name);
                number(n, "nodes_mean", p.nodesMean());
                number(n, "nodes_peak", p.nodesPeak());
                number(n, "node_hours", p.nodeHours());
                number(n, "cost_usd", p.costUsd());
                number(n, "cpu_requested", p.cpuRequested());
                number(n, "cpu_used", p.cpuUsed());
                number(n, "idle_usd", p.idleUsd());
                io.headroom.cluster.ClusterFigures.KarpenterPool k = c.karpenter().get(name);
                if (k != null) {
                    ObjectNode kn = n.putObject("karpenter");
                    number(kn, "nodeclaims", k.nodeClaims());
                    ObjectNode cons = kn.putObject("consolidations");
                    number(cons, "empty", k.emptyDeletes());
                    number(cons, "underutilized_delete", k.underutilizedDeletes());
                    number(cons, "replace", k.replaces());
                    number(kn, "nodes_consolidated", k.nodesConsolidated());
                    number(kn, "expired", k.expired());
                    ObjectNode hours = kn.putObject("node_hours_by_type");
                    k.nodeHoursByOffering().forEach((offering, h) -> number(hours, offering, h));
                }
            });
            number(o, "pods_pending_peak", c.podsPendingPeak());
            ObjectNode t = o.putObject("pending_s");
            number(t, "p50", c.pendingS().p50());
            number(t, "p95", c.pendingS().p95());
            number(t, "max", c.pendingS().max());
            number(t, "pods", c.pendingS().pods());
            number(o, "preemptions", c.preemptions());
            number(o, "evictions", c.evictions());
            number(o, "spot_interruptions", c.spotInterruptions());
            ObjectNode services = o.putObject("services");
            c.allocatedCostUsd().forEach((name, v) -> number(services.putObject(name), "allocated_cost_usd", v));
            c.vpa().forEach((name, v) -> {
                ObjectNode s = services.has(name) ? (ObjectNode) services.get(name) : services.putObject(name);
                ObjectNode r = s.putObject("vpa");
                number(r, "target_milli", v.targetMilli());
                number(r, "lower_milli", v.lowerMilli());
                number(r, "upper_milli", v.upperMilli());
                number(r, "history_days", v.historyDays());
                r.put("enough_history", v.enoughHistory());
                number(r, "evictions", v.evictions());
                number(r, "resizes", v.resizes());
                number(r, "resize_fallbacks", v.resizeFallbacks());
            });
            c.throttling().forEach((name, v) -> {
                ObjectNode s = services.has(name) ? (ObjectNode) services.get(name) : services.putObject(name);
                number(s, "throttled_periods", v.throttledPeriods());
                number(s, "throttled_s", v.throttledS());
                number(s, "throttled_ms_per_request", v.throttledMsPerRequest());
            });
            return o;
        }

        private ObjectNode component(Summary.Component component) {
            ObjectNode c = F.objectNode();
            if (component instanceof Summary.Cdn cdn) {
                c.put("type", "cdn");
                number(c, "hit_ratio", cdn.hitRatio());
                count(c, "requests", cdn.requests());
                count(c, "hits", cdn.hits());
                ObjectNode edges = c.putObject("edges");
                cdn.edges().forEach((name, e) -> {
                    ObjectNode o = edges.putObject(name);
                    count(o, "requests", e.requests());
                    number(o, "hit_ratio", e.hitRatio());
                });
                number(c, "bytes_out_gb", cdn.bytesOutGb());
                number(c, "cost_usd", cdn.costUsd());
            } else if (component instanceof Summary.Cache cache) {
                c.put("type", "cache");
                number(c, "hit_ratio", cache.hitRatio());
                count(c, "lookups", cache.lookups());
                count(c, "crashes", cache.crashes());
                count(c, "bypassed", cache.bypassed());
                if (cache.writes() != null) {
                    count(c, "writes", cache.writes());
                    count(c, "invalidations", cache.invalidations());
                }
            } else if (component instanceof Summary.Service s) {
                c.put("type", s.sharded() ? "sharded-store" : "service");
                count(c, "replicas", s.replicas());
                count(c, "concurrency", s.concurrency());
                count(c, "cores", s.cores());
                number(c, "utilisation", s.utilisation());
                number(c, "cpu", s.cpu());
                number(c, "instances_mean", s.instancesMean());
                count(c, "instances_peak", s.instancesPeak());
                number(c, "queue_mean", s.queueMean());
                number(c, "instance_hours", s.instanceHours());
                number(c, "arrival_rate_per_s", s.arrivalRatePerS());
                number(c, "in_system_mean", s.inSystemMean());
                number(c, "sojourn_mean_ms", s.sojournMeanMs());
                count(c, "rejected", s.rejected());
                count(c, "timed_out", s.timedOut());
                count(c, "attempts", s.attempts());
                count(c, "calls_not_permitted", s.callsNotPermitted());
                count(c, "lost", s.lost());
                count(c, "crashes", s.crashes());
                count(c, "interruptions", s.interruptions());
                count(c, "launches", s.launches());
                count(c, "scale_outs", s.scaleOuts());
                count(c, "scale_ins", s.scaleIns());
                ArrayNode per = c.putArray("instance_requests");
                for (double v : s.instanceRequests()) {
                    if (whole) {
                        per.add((long) v);
                    } else {
                        per.add(v); // a mean over replications with fewer instances is NaN, written as such
                    }
                }
                if (s.shards() != null) {
                    ArrayNode shards = c.putArray("shards");
                    for (Summary.Shard shard : s.shards()) {
                        ObjectNode o = shards.addObject();
                        number(o, "utilisation", shard.utilisation());
                        count(o, "requests", shard.requests());
                    }
                    number(c, "hottest_shard_utilisation", s.hottestShardUtilisation());
                }
                if (s.pools() != null) {
                    ObjectNode pools = c.putObject("pools");
                    s.pools().forEach((callee, p) -> {
                        ObjectNode o = pools.putObject(callee);
                        count(o, "size", p.size());
                        count(o, "calls", p.calls());
                        count(o, "waited", p.waited());
                        number(o, "wait_mean_ms", p.waitMeanMs());
                        number(o, "wait_p99_ms", p.waitP99Ms());
                        count(o, "pool_timeouts", p.poolTimeouts());
                        number(o, "connections_mean", p.connectionsMean());
                        number(o, "connections_short", p.connectionsShort());
                    });
                }
                if (s.connections() != null) {
                    count(c, "connections_refused", s.connections().refused());
                    count(c, "connections_peak", s.connections().peak());
                }
            }
            return c;
        }

        /** {@code regions}: per region its users' share, the requests served there and its cost; {@code routing}: per router. */
        private void regions(ObjectNode root, Summary.Regions regions) {
            ObjectNode out = root.putObject("regions");
            regions.regions().forEach((name, r) -> {
                ObjectNode o = out.putObject(name);
                number(o, "users_share", r.usersShare());
                o.setAll(requests(r.served()));
                number(o, "cost_usd", r.costUsd());
            });
            ObjectNode routing = root.putObject("routing");
            regions.routing().forEach((name, r) -> {
                ObjectNode o = routing.putObject(name);
                ObjectNode served = o.putObject("served");
                r.served().forEach((population, row) -> {
                    ObjectNode p = served.putObject(population);
                    row.forEach((region, n) -> count(p, region, n));
                });
                ArrayNode changes = o.putArray("health_changes");
                for (io.headroom.run.RegionFigures.HealthChange h : r.healthChanges()) {
                    ObjectNode c = changes.addObject();
                    c.put("region", h.region());
                    number(c, "at_s", h.atS());
                    c.put("healthy", h.healthy());
                }
            });
        }

        private ObjectNode requests(Summary.Requests r) {
            ObjectNode o = F.objectNode();
            count(o, "requests", r.requests());
            count(o, "completed", r.completed());
            count(o, "attempts", r.attempts());
            ObjectNode errors = o.putObject("errors");
            r.errors().forEach((cause, n) -> count(errors, cause.key(), n));
            count(o, "in_flight", r.inFlight());
            number(o, "throughput_per_s", r.throughputPerS());
            Summary.Latency l = r.latencyMs();
            ObjectNode lat = o.putObject("latency_ms");
            number(lat, "mean", l.mean());
            number(lat, "p50", l.p50());
            number(lat, "p90", l.p90());
            number(lat, "p95", l.p95());
            number(lat, "p99", l.p99());
            number(lat, "p99_9", l.p99_9());
            number(lat, "max", l.max());
            return o;
        }

        private ObjectNode checks(Summary.Checks c) {
            ObjectNode o = F.objectNode();
            o.put("passed", c.passed());
            if (c.replicationsFailed() != null) {
                o.put("replications_failed", c.replicationsFailed());
            }
            ArrayNode failures = o.putArray("failures");
            c.failures().forEach(failures::add);
            if (c.overall() != null) {
                ObjectNode conservation = o.putObject("conservation");
                conservation.set("overall", balance(c.overall()));
                ObjectNode components = conservation.putObject("components");
                c.components().forEach((name, b) -> components.set(name, balance(b)));
                ObjectNode little = o.putObject("littles_law");
                little.put("tolerance", Checks.TOLERANCE);
                little.set("overall", little(c.overallLittle()));
                ObjectNode littles = little.putObject("components");
                c.componentLittle().forEach((name, l) -> littles.set(name, little(l)));
            }
            return o;
        }

        private ObjectNode balance(Summary.Balance b) {
            ObjectNode o = F.objectNode();
            count(o, "arrived", b.arrived());
            count(o, "completed", b.completed());
            if (!Double.isNaN(b.passedOn())) {
                count(o, "passed_on", b.passedOn());
            }
            ObjectNode errors = o.putObject("errors");
            b.errors().forEach((cause, n) -> count(errors, cause.key(), n));
            count(o, "in_flight", b.inFlight());
            return o;
        }

        private static ObjectNode little(Summary.Little l) {
            ObjectNode o = F.objectNode();
            number(o, "integral", l.integral());
            number(o, "sum", l.sum());
            number(o, "relative_error", l.relativeError());
            return o;
        }

        /** A count: whole for one run, the decimal mean for replications; NaN is null. */
        private void count(ObjectNode o, String key, double v) {
            if (Double.isNaN(v)) {
                o.putNull(key);
            } else if (whole) {
                o.put(key, (long) v);
            } else {
                o.put(key, v);
            }
        }
    }

    /** The SLO outcomes as {@code summary.json}'s {@code slo} array holds them. */
    public static ArrayNode slo(List<Summary.SloResult> outcomes) {
        ArrayNode slo = F.arrayNode();
        for (Summary.SloResult o : outcomes) {
            ObjectNode n = slo.addObject();
            n.put("expr", o.expr());
            number(n, "value", o.value());
            n.put("pass", o.pass());
            if (!Double.isNaN(o.passedShare())) {
                n.put("passed_share", o.passedShare());
            }
            SloVerdict.Windows w = o.windows();
            if (w != null) {
                number(n, "window_s", w.windowS());
                n.put("windows_judged", w.judged());
                number(n, "worst_window_start_s", w.worstWindowStartS());
                number(n, "worst_value", w.worstValue());
                n.put("violating_windows", w.violating());
                number(n, "violating_s", w.violatingS());
            }
            SloVerdict.Budget b = o.budget();
            if (b != null) {
                number(n, "target", b.target());
                number(n, "period_s", b.periodS());
                n.put("events", b.events());
                n.put("bad_events", b.bad());
                number(n, "good_fraction", b.goodFraction());
                number(n, "budget_spent", b.budgetSpent());
                ArrayNode rules = n.putArray("rules");
                for (SloVerdict.Rule r : b.rules()) {
                    ObjectNode x = rules.addObject();
                    x.put("rule", r.rule());
                    x.put("severity", r.severity());
                    number(x, "burn_rate", r.burnRate());
                    number(x, "long_window_s", r.longS());
                    number(x, "short_window_s", r.shortS());
                    x.put("status", r.status());
                }
                ArrayNode alerts = n.putArray("alerts");
                for (SloVerdict.Alert a : b.alerts()) {
                    ObjectNode x = alerts.addObject();
                    if (a.replication() > 0) {
                        x.put("replication", a.replication());
                    }
                    x.put("rule", a.rule());
                    number(x, "fired_at_s", a.firedAtS());
                    number(x, "resolved_at_s", a.resolvedAtS());
                }
            }
        }
        return slo;
    }

    /** The incidents as {@code summary.json}'s {@code incidents} array holds them. */
    public static ArrayNode incidents(List<Incident> incidents) {
        ArrayNode out = F.arrayNode();
        for (Incident i : incidents) {
            ObjectNode n = out.addObject();
            if (i.replication() > 0) {
                n.put("replication", i.replication());
            }
            number(n, "start_s", i.startS());
            number(n, "end_s", i.endS());
            n.put("slo", i.slo());
            number(n, "worst_value", i.worstValue());
            ArrayNode causes = n.putArray("causes");
            i.causes().forEach(causes::add);
        }
        return out;
    }

    /** A number, or null where there is no value (NaN): JSON has no NaN. */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    // ---- reading ----

    /** The summary in {@code json}; missing keys read as NaN, empty or absent. */
    public static Summary read(JsonNode json) {
        Summary.Run run = new Summary.Run(json.path("schema_version").asInt(Summary.SCHEMA_VERSION), text(json.get("design")),
                text(json.get("profile")), json.path("seed").asLong(0), d(json.get("simulated_s")), d(json.get("warmup_s")),
                d(json.get("drained_s")), json.has("stopped_early_s") ? d(json.get("stopped_early_s")) : null,
                d(json.get("events")), d(json.get("peak_in_flight")));
        Map<String, Summary.Requests> endpoints = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("endpoints").fields(); it.hasNext(); ) {
            var e = it.next();
            endpoints.put(e.getKey(), requests(e.getValue()));
        }
        Map<String, Summary.Component> components = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("components").fields(); it.hasNext(); ) {
            var e = it.next();
            components.put(e.getKey(), component(e.getValue()));
        }
        Summary.Cost cost = json.path("cost").isObject() ? cost(json.get("cost")) : null;
        List<Summary.SloResult> slo = new ArrayList<>();
        for (JsonNode o : json.path("slo")) {
            slo.add(sloResult(o));
        }
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode i : json.path("incidents")) {
            incidents.add(new Incident(d(i.get("start_s")), d(i.get("end_s")), i.path("slo").asText(""), d(i.get("worst_value")),
                    texts(i.path("causes")), i.path("replication").asInt(0)));
        }
        JsonNode t = json.path("transient");
        Summary.Transient figures = t.isObject() ? new Summary.Transient(d(t.get("busiest_window_start_s")),
                d(t.get("busiest_window_arrivals_per_s")), d(t.get("busiest_window_p99_ms")), d(t.get("instances_peak")),
                t.has("cost_peak_usd_per_hour") ? d(t.get("cost_peak_usd_per_hour")) : null) : null;
        Replication replication = json.path("ci95").isObject()
                ? new Replication(json.path("replications").asInt(), (ObjectNode) json.get("ci95")) : null;
        return new Summary(run, requests(json.path("overall")), endpoints, components, cost, slo, incidents,
                texts(json.path("unstable")),
                texts(json.path("warnings")), json.has("warmup_method") ? json.get("warmup_method").asText() : null, figures,
                replication, json.path("checks").isObject() ? checks(json.get("checks")) : null,
                json.path("cluster").isObject() ? cluster(json.get("cluster")) : null, rollouts(json.path("rollouts")),
                json.path("databases").isObject() ? DatabaseCodec.read(json.get("databases")) : Map.of(),
                json.path("regions").isObject() ? regions(json.get("regions"), json.path("routing")) : null,
                json.path("iterations").isObject() ? new Summary.Iterations(d(json.get("iterations").get("completed")),
                        d(json.get("iterations").get("interrupted")), d(json.get("iterations").get("dropped_iterations"))) : null);
    }

    private static Summary.Regions regions(JsonNode regions, JsonNode routing) {
        Map<String, Summary.Region> out = new LinkedHashMap<>();
        regions.fields().forEachRemaining(e -> out.put(e.getKey(), new Summary.Region(d(e.getValue().get("users_share")),
                requests(e.getValue()), d(e.getValue().get("cost_usd")))));
        Map<String, io.headroom.run.RegionFigures.Routing> routers = new LinkedHashMap<>();
        routing.fields().forEachRemaining(e -> {
            Map<String, Map<String, Long>> served = new LinkedHashMap<>();
            e.getValue().path("served").fields().forEachRemaining(p -> {
                Map<String, Long> row = new LinkedHashMap<>();
                p.getValue().fields().forEachRemaining(r -> row.put(r.getKey(), r.getValue().asLong()));
                served.put(p.getKey(), row);
            });
            List<io.headroom.run.RegionFigures.HealthChange> changes = new ArrayList<>();
            for (JsonNode c : e.getValue().path("health_changes")) {
                changes.add(new io.headroom.run.RegionFigures.HealthChange(c.path("region").asText(), d(c.get("at_s")),
                        c.path("healthy").asBoolean()));
            }
            routers.put(e.getKey(), new io.headroom.run.RegionFigures.Routing(served, changes));
        });
        return new Summary.Regions(out, routers);
    }

    private static List<io.headroom.run.RolloutFigures> rollouts(JsonNode a) {
        List<io.headroom.run.RolloutFigures> out = new ArrayList<>();
        for (JsonNode o : a) {
            out.add(new io.headroom.run.RolloutFigures(o.path("service").asText(), o.path("strategy").asText(), d(o.get("at_s")),
                    o.path("outcome").asText(), o.has("duration_s") ? d(o.get("duration_s")) : null,
                    o.has("switched_at_s") ? d(o.get("switched_at_s")) : null, o.has("aborted_at_s") ? d(o.get("aborted_at_s")) : null,
                    o.path("failed_measurements").asInt(0), d(o.get("peak_instances")),
                    o.has("peak_nodes") ? d(o.get("peak_nodes")) : null, d(o.get("min_ready")),
                    o.path("requests").asLong(), o.path("errors").asLong(), o.has("p99_ms") ? d(o.get("p99_ms")) : null,
                    d(o.get("extra_instance_hours")), o.has("extra_node_hours") ? d(o.get("extra_node_hours")) : null,
                    o.has("extra_cost_usd") ? d(o.get("extra_cost_usd")) : null, List.of()));
        }
        return out;
    }

    private static io.headroom.cluster.ClusterFigures cluster(JsonNode c) {
        Map<String, io.headroom.cluster.ClusterFigures.Pool> pools = new LinkedHashMap<>();
        Map<String, io.headroom.cluster.ClusterFigures.KarpenterPool> karpenter = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("pools").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = e.getValue();
            pools.put(e.getKey(), new io.headroom.cluster.ClusterFigures.Pool(d(p.get("nodes_mean")), d(p.get("nodes_peak")),
                    d(p.get("node_hours")), d(p.get("cost_usd")), d(p.get("cpu_requested")), d(p.get("cpu_used")), d(p.get("idle_usd"))));
            JsonNode k = p.path("karpenter");
            if (k.isObject()) {
                Map<String, Double> hours = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> h = k.path("node_hours_by_type").fields(); h.hasNext(); ) {
                    var o = h.next();
                    hours.put(o.getKey(), d(o.getValue()));
                }
                JsonNode cons = k.path("consolidations");
                karpenter.put(e.getKey(), new io.headroom.cluster.ClusterFigures.KarpenterPool(d(k.get("nodeclaims")),
                        d(cons.get("empty")), d(cons.get("underutilized_delete")), d(cons.get("replace")),
                        d(k.get("nodes_consolidated")), d(k.get("expired")), hours));
            }
        }
        Map<String, Double> allocated = new LinkedHashMap<>();
        Map<String, io.headroom.cluster.ClusterFigures.Vpa> vpa = new LinkedHashMap<>();
        Map<String, io.headroom.cluster.ClusterFigures.Throttling> throttling = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("services").fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().has("allocated_cost_usd")) {
                allocated.put(e.getKey(), d(e.getValue().get("allocated_cost_usd")));
            }
            if (e.getValue().has("throttled_periods")) {
                JsonNode th = e.getValue();
                throttling.put(e.getKey(), new io.headroom.cluster.ClusterFigures.Throttling(d(th.get("throttled_periods")),
                        d(th.get("throttled_s")), d(th.get("throttled_ms_per_request"))));
            }
            JsonNode v = e.getValue().path("vpa");
            if (v.isObject()) {
                vpa.put(e.getKey(), new io.headroom.cluster.ClusterFigures.Vpa(d(v.get("target_milli")), d(v.get("lower_milli")),
                        d(v.get("upper_milli")), d(v.get("history_days")), v.path("enough_history").asBoolean(),
                        d(v.get("evictions")), d(v.get("resizes")), d(v.get("resize_fallbacks"))));
            }
        }
        JsonNode t = c.path("pending_s");
        return new io.headroom.cluster.ClusterFigures(pools, d(c.get("pods_pending_peak")),
                new io.headroom.cluster.ClusterFigures.PendingTimes(d(t.get("p50")), d(t.get("p95")), d(t.get("max")), d(t.get("pods"))),
                d(c.get("preemptions")), d(c.get("evictions")), d(c.get("spot_interruptions")), allocated, vpa, null, karpenter,
                throttling);
    }

    private static Summary.Checks checks(JsonNode c) {
        Summary.Balance overall = null;
        Map<String, Summary.Balance> components = null;
        Summary.Little overallLittle = null;
        Map<String, Summary.Little> littles = null;
        if (c.path("conservation").isObject()) {
            overall = balance(c.path("conservation").path("overall"));
            components = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path("conservation").path("components").fields(); it.hasNext(); ) {
                var e = it.next();
                components.put(e.getKey(), balance(e.getValue()));
            }
            overallLittle = little(c.path("littles_law").path("overall"));
            littles = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path("littles_law").path("components").fields(); it.hasNext(); ) {
                var e = it.next();
                littles.put(e.getKey(), little(e.getValue()));
            }
        }
        return new Summary.Checks(c.path("passed").asBoolean(false), texts(c.path("failures")),
                c.has("replications_failed") ? c.get("replications_failed").asInt() : null, overall, components, overallLittle, littles);
    }

    private static Summary.Balance balance(JsonNode b) {
        EnumMap<ErrorCause, Double> errors = new EnumMap<>(ErrorCause.class);
        for (ErrorCause cause : ErrorCause.all()) {
            if (b.path("errors").has(cause.key())) {
                errors.put(cause, d(b.path("errors").get(cause.key())));
            }
        }
        return new Summary.Balance(d(b.get("arrived")), d(b.get("completed")), d(b.get("passed_on")), errors, d(b.get("in_flight")));
    }

    private static Summary.Little little(JsonNode l) {
        return new Summary.Little(d(l.get("integral")), d(l.get("sum")), d(l.get("relative_error")));
    }

    /** One entry of an {@code slo} array. */
    public static Summary.SloResult sloResult(JsonNode o) {
        SloVerdict.Windows windows = o.has("windows_judged") ? new SloVerdict.Windows(d(o.get("window_s")),
                o.path("windows_judged").asLong(), d(o.get("worst_window_start_s")), d(o.get("worst_value")),
                o.path("violating_windows").asLong(), d(o.get("violating_s"))) : null;
        SloVerdict.Budget budget = null;
        if (o.has("budget_spent")) {
            List<SloVerdict.Rule> rules = new ArrayList<>();
            for (JsonNode r : o.path("rules")) {
                rules.add(new SloVerdict.Rule(r.path("rule").asText(), r.path("severity").asText(), d(r.get("burn_rate")),
                        d(r.get("long_window_s")), d(r.get("short_window_s")), r.path("status").asText()));
            }
            List<SloVerdict.Alert> alerts = new ArrayList<>();
            for (JsonNode a : o.path("alerts")) {
                alerts.add(new SloVerdict.Alert(a.path("rule").asText(), d(a.get("fired_at_s")), d(a.get("resolved_at_s")),
                        a.path("replication").asInt(0)));
            }
            budget = new SloVerdict.Budget(d(o.get("target")), d(o.get("period_s")), o.path("events").asLong(),
                    o.path("bad_events").asLong(), d(o.get("good_fraction")), d(o.get("budget_spent")), rules, alerts);
        }
        return new Summary.SloResult(o.path("expr").asText(""), d(o.get("value")), o.path("pass").asBoolean(false), windows, budget,
                o.has("passed_share") ? d(o.get("passed_share")) : Double.NaN);
    }

    private static Summary.Requests requests(JsonNode o) {
        EnumMap<ErrorCause, Double> errors = new EnumMap<>(ErrorCause.class);
        JsonNode e = o.path("errors");
        for (ErrorCause c : ErrorCause.all()) {
            if (e.has(c.key())) {
                errors.put(c, d(e.get(c.key())));
            }
        }
        JsonNode l = o.path("latency_ms");
        return new Summary.Requests(d(o.get("requests")), d(o.get("completed")), d(o.get("attempts")), errors,
                d(o.get("in_flight")), d(o.get("throughput_per_s")), new Summary.Latency(d(l.get("mean")), d(l.get("p50")),
                d(l.get("p90")), d(l.get("p95")), d(l.get("p99")), d(l.get("p99_9")), d(l.get("max"))));
    }

    private static Summary.Component component(JsonNode c) {
        if ("cdn".equals(c.path("type").asText())) {
            Map<String, Summary.CdnEdge> edges = new LinkedHashMap<>();
            c.path("edges").fields().forEachRemaining(e -> edges.put(e.getKey(),
                    new Summary.CdnEdge(d(e.getValue().get("requests")), d(e.getValue().get("hit_ratio")))));
            return new Summary.Cdn(d(c.get("hit_ratio")), d(c.get("requests")), d(c.get("hits")), edges, d(c.get("bytes_out_gb")),
                    d(c.get("cost_usd")));
        }
        if ("cache".equals(c.path("type").asText())) {
            return new Summary.Cache(d(c.get("hit_ratio")), d(c.get("lookups")), d(c.get("crashes")), d(c.get("bypassed")),
                    c.has("writes") ? d(c.get("writes")) : null, c.has("invalidations") ? d(c.get("invalidations")) : null);
        }
        List<Double> perInstance = new ArrayList<>();
        for (JsonNode v : c.path("instance_requests")) {
            perInstance.add(d(v));
        }
        List<Summary.Shard> shards = null;
        if (c.path("shards").isArray()) {
            shards = new ArrayList<>();
            for (JsonNode s : c.get("shards")) {
                shards.add(new Summary.Shard(d(s.get("utilisation")), d(s.get("requests"))));
            }
        }
        return new Summary.Service(d(c.get("replicas")), d(c.get("concurrency")), d(c.get("cores")), d(c.get("utilisation")),
                d(c.get("cpu")), d(c.get("instances_mean")), d(c.get("instances_peak")), d(c.get("queue_mean")),
                d(c.get("instance_hours")), d(c.get("arrival_rate_per_s")), d(c.get("in_system_mean")),
                d(c.get("sojourn_mean_ms")), d(c.get("rejected")), d(c.get("timed_out")), d(c.get("attempts")),
                d(c.get("calls_not_permitted")), d(c.get("lost")), d(c.get("crashes")), d(c.get("interruptions")),
                d(c.get("launches")), d(c.get("scale_outs")), d(c.get("scale_ins")), perInstance, shards,
                d(c.get("hottest_shard_utilisation")), pools(c.get("pools")),
                c.has("connections_refused") ? new Summary.Connections(d(c.get("connections_refused")), d(c.get("connections_peak"))) : null);
    }

    private static Map<String, Summary.Pool> pools(JsonNode o) {
        if (o == null || !o.isObject()) {
            return null;
        }
        Map<String, Summary.Pool> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            out.put(e.getKey(), new Summary.Pool(d(p.get("size")), d(p.get("calls")), d(p.get("waited")), d(p.get("wait_mean_ms")),
                    d(p.get("wait_p99_ms")), d(p.get("pool_timeouts")), d(p.get("connections_mean")), d(p.get("connections_short"))));
        });
        return out;
    }

    private static Summary.Cost cost(JsonNode c) {
        double perHour = d(c.get("per_hour_usd"));
        return new Summary.Cost(d(c.get("total_usd")), perHour, d(c.get("per_million_requests_usd")),
                d(c.get("idle_usd")), numbers(c.path("by_component")), numbers(c.path("by_market")), stores(c.path("storage")),
                c.has("per_month_usd") ? d(c.get("per_month_usd")) : Double.NaN,
                c.path("allocation").isObject() ? allocation(c.get("allocation")) : null,
                c.path("budget").isObject() ? budget(c.get("budget")) : null);
    }

    /**
     * {@code cost.allocation}: {@code shared} (the rule) and {@code by_tag}, per key {@code values} (value → {@code usd},
     * {@code per_month_usd}), {@code unallocated} (the same two) — in cents, adding up to the total to the cent — and
     * {@code shared}: each shared line's split, value → share (an empty object: unallocated).
     */
    private static ObjectNode allocation(Summary.Allocation a) {
        ObjectNode o = F.objectNode();
        o.put("shared", a.shared());
        ObjectNode byTag = o.putObject("by_tag");
        a.byTag().forEach((key, r) -> {
            ObjectNode k = byTag.putObject(key);
            ObjectNode values = k.putObject("values");
            r.values().forEach((v, usd) -> {
                ObjectNode e = values.putObject(v);
                number(e, "usd", usd);
                number(e, "per_month_usd", r.valuesPerMonth().get(v));
            });
            ObjectNode u = k.putObject("unallocated");
            number(u, "usd", r.unallocatedUsd());
            number(u, "per_month_usd", r.unallocatedPerMonthUsd());
            ObjectNode shared = k.putObject("shared");
            r.shared().forEach((line, split) -> {
                ObjectNode l = shared.putObject(line);
                split.forEach((v, f) -> number(l, v, f));
            });
        });
        return o;
    }

    private static Summary.Allocation allocation(JsonNode o) {
        Map<String, Summary.TagRollup> byTag = new LinkedHashMap<>();
        o.path("by_tag").fields().forEachRemaining(e -> {
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, Double> perMonth = new LinkedHashMap<>();
            e.getValue().path("values").fields().forEachRemaining(v -> {
                values.put(v.getKey(), d(v.getValue().get("usd")));
                perMonth.put(v.getKey(), d(v.getValue().get("per_month_usd")));
            });
            JsonNode u = e.getValue().path("unallocated");
            Map<String, Map<String, Double>> shared = new LinkedHashMap<>();
            e.getValue().path("shared").fields().forEachRemaining(l -> shared.put(l.getKey(), numbers(l.getValue())));
            byTag.put(e.getKey(), new Summary.TagRollup(values, d(u.get("usd")), perMonth, d(u.get("per_month_usd")), shared));
        });
        return new Summary.Allocation(o.path("shared").asText(), byTag);
    }

    /** {@code cost.budget}: the budget, the projected month, over or not, and each alert's threshold, USD, hour and day (null: not reached). */
    private static ObjectNode budget(io.headroom.pricing.BudgetProjection b) {
        ObjectNode o = F.objectNode();
        number(o, "monthly_usd", b.monthlyUsd());
        number(o, "projected_month_usd", b.projectedUsd());
        number(o, "projected_share", Math.round(b.share() * 1e6) / 1e6);
        o.put("over_budget", b.overBudget());
        ArrayNode alerts = o.putArray("alerts");
        for (io.headroom.pricing.BudgetProjection.Alert a : b.alerts()) {
            ObjectNode x = alerts.addObject();
            number(x, "threshold", a.threshold());
            number(x, "usd", a.usd());
            if (a.hour() == null) {
                x.putNull("hour");
                x.putNull("day");
            } else {
                number(x, "hour", a.hour());
                x.put("day", a.day());
            }
        }
        return o;
    }

    private static io.headroom.pricing.BudgetProjection budget(JsonNode o) {
        List<io.headroom.pricing.BudgetProjection.Alert> alerts = new ArrayList<>();
        o.path("alerts").forEach(a -> alerts.add(new io.headroom.pricing.BudgetProjection.Alert(d(a.get("threshold")), d(a.get("usd")),
                a.path("hour").isNumber() ? a.get("hour").asDouble() : null, a.path("day").isNumber() ? a.get("day").asInt() : null)));
        return new io.headroom.pricing.BudgetProjection(d(o.get("monthly_usd")), d(o.get("projected_month_usd")), alerts);
    }

    private static Map<String, io.headroom.pricing.StorageFigures> stores(JsonNode o) {
        Map<String, io.headroom.pricing.StorageFigures> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            JsonNode f = e.getValue();
            out.put(e.getKey(), new io.headroom.pricing.StorageFigures(f.path("type").asText(), d(f.get("gb_start")), d(f.get("gb_end")),
                    d(f.get("usd")), numbers(f.path("by_class")), d(f.get("provisioned_usd")), d(f.get("transitions")),
                    d(f.get("transition_usd")), d(f.get("retrieval_gb")), d(f.get("retrieval_usd"))));
        });
        return out;
    }

    private static Map<String, Double> numbers(JsonNode o) {
        Map<String, Double> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), d(e.getValue())));
        return out;
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A number; anything else (null, missing, the text "NaN" a mean of missing values is written as) is NaN. */
    private static double d(JsonNode v) {
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
