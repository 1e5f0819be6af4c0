package io.headroom.result;

import static io.headroom.result.JsonValues.d;
import static io.headroom.result.JsonValues.number;
import static io.headroom.result.JsonValues.text;
import static io.headroom.result.JsonValues.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.request.ErrorCause;
import io.headroom.slo.Incident;
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
 * that is missing reads as NaN (or empty), so a partial file still renders ({@link JsonValues}).
 * The larger sections have codecs of their own, each writing and reading its part: {@link CostCodec},
 * {@link ClusterCodec}, {@link DatabaseCodec}, {@link SloCodec} (also a sweep's rows') and {@link ChecksCodec}.
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
                root.set("cost", CostCodec.write(s.cost()));
            }
            if (s.cluster() != null) {
                root.set("cluster", ClusterCodec.write(s.cluster()));
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
            root.set("slo", SloCodec.write(s.slo()));
            root.set("incidents", SloCodec.writeIncidents(s.incidents()));
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
                root.set("checks", ChecksCodec.write(s.checks(), whole));
            }
            if (s.replication() != null) {
                root.put("replications", s.replication().count());
                root.set("ci95", s.replication().json());
            }
            return root;
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

        /** A count: whole for one run, the decimal mean for replications; NaN is null. */
        private void count(ObjectNode o, String key, double v) {
            JsonValues.count(o, key, v, whole);
        }
    }

    /** The SLO outcomes as {@code summary.json}'s {@code slo} array holds them ({@link SloCodec}). */
    public static ArrayNode slo(List<Summary.SloResult> outcomes) {
        return SloCodec.write(outcomes);
    }

    /** The incidents as {@code summary.json}'s {@code incidents} array holds them ({@link SloCodec}). */
    public static ArrayNode incidents(List<Incident> incidents) {
        return SloCodec.writeIncidents(incidents);
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
        Summary.Cost cost = json.path("cost").isObject() ? CostCodec.read(json.get("cost")) : null;
        List<Summary.SloResult> slo = new ArrayList<>();
        for (JsonNode o : json.path("slo")) {
            slo.add(SloCodec.read(o));
        }
        List<Incident> incidents = SloCodec.readIncidents(json.path("incidents"));
        JsonNode t = json.path("transient");
        Summary.Transient figures = t.isObject() ? new Summary.Transient(d(t.get("busiest_window_start_s")),
                d(t.get("busiest_window_arrivals_per_s")), d(t.get("busiest_window_p99_ms")), d(t.get("instances_peak")),
                t.has("cost_peak_usd_per_hour") ? d(t.get("cost_peak_usd_per_hour")) : null) : null;
        Replication replication = json.path("ci95").isObject()
                ? new Replication(json.path("replications").asInt(), (ObjectNode) json.get("ci95")) : null;
        return new Summary(run, requests(json.path("overall")), endpoints, components, cost, slo, incidents,
                texts(json.path("unstable")),
                texts(json.path("warnings")), json.has("warmup_method") ? json.get("warmup_method").asText() : null, figures,
                replication, json.path("checks").isObject() ? ChecksCodec.read(json.get("checks")) : null,
                json.path("cluster").isObject() ? ClusterCodec.read(json.get("cluster")) : null, rollouts(json.path("rollouts")),
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

    /** One entry of an {@code slo} array ({@link SloCodec}). */
    public static Summary.SloResult sloResult(JsonNode o) {
        return SloCodec.read(o);
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
}
