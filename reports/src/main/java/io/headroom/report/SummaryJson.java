package io.headroom.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.metrics.LatencyStats.LatencySummary;
import io.headroom.run.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code summary.json}: the contract outside scripts read (keys as in DESIGN.md's "Results").
 * Latencies in milliseconds over successful requests, every error cause present, keys in a fixed
 * order and numbers rounded so that the same run gives the same bytes.
 */
public final class SummaryJson {
    /** Bumped when a key changes meaning or disappears; adding keys does not bump it. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static ObjectNode toJson(RunResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("design", r.design());
        root.put("profile", r.profile());
        root.put("seed", r.seed());
        root.put("simulated_s", Numbers.round(r.simulatedS(), 6));
        root.put("warmup_s", Numbers.round(r.warmupS(), 6));
        root.put("drained_s", Numbers.round(r.drainedS(), 6));
        if (r.stoppedEarlyS() != null) {
            root.put("stopped_early_s", Numbers.round(r.stoppedEarlyS(), 6));
        }
        root.put("events", r.events());
        root.put("peak_in_flight", r.peakInFlight());
        root.set("overall", requests(r.overall()));
        ObjectNode endpoints = root.putObject("endpoints");
        r.endpoints().forEach((name, stats) -> endpoints.set(name, requests(stats)));
        ObjectNode components = root.putObject("components");
        r.components().forEach((name, s) -> {
            ObjectNode c = components.putObject(name);
            c.put("type", s.shards() == null ? "service" : "sharded-store");
            c.put("replicas", s.replicas());
            c.put("concurrency", s.concurrency());
            c.put("cores", s.cores());
            number(c, "utilisation", s.utilisation(), 6);
            number(c, "cpu", s.cpu(), 6);
            number(c, "instances_mean", s.instancesMean(), 6);
            c.put("instances_peak", s.instancesPeak());
            number(c, "queue_mean", s.queueMean(), 6);
            number(c, "instance_hours", s.instanceHours(), 6);
            number(c, "arrival_rate_per_s", s.arrivalRatePerS(), 6);
            number(c, "in_system_mean", s.inSystemMean(), 6);
            number(c, "sojourn_mean_ms", s.sojournMeanMs(), 4);
            c.put("rejected", s.rejected());
            c.put("timed_out", s.timedOut());
            c.put("attempts", s.attempts());
            c.put("calls_not_permitted", s.callsNotPermitted());
            c.put("lost", s.lifecycle().lost());
            c.put("crashes", s.lifecycle().crashes());
            c.put("interruptions", s.lifecycle().interruptions());
            c.put("launches", s.lifecycle().launches());
            c.put("scale_outs", s.lifecycle().scaleOuts());
            c.put("scale_ins", s.lifecycle().scaleIns());
            ArrayNode per = c.putArray("instance_requests");
            s.instanceRequests().forEach(per::add);
            if (s.shards() != null) {
                ArrayNode shards = c.putArray("shards");
                for (var shard : s.shards()) {
                    ObjectNode o = shards.addObject();
                    number(o, "utilisation", shard.utilisation(), 6);
                    o.put("requests", shard.requests());
                }
                number(c, "hottest_shard_utilisation", s.hottestShardUtilisation(), 6);
            }
        });
        r.caches().forEach((name, cache) -> {
            ObjectNode c = components.putObject(name);
            c.put("type", "cache");
            number(c, "hit_ratio", cache.hitRatio(), 6);
            c.put("lookups", cache.lookups());
            c.put("crashes", cache.crashes());
            c.put("bypassed", cache.bypassed());
        });
        if (r.cost() != null) {
            var cost = r.cost();
            ObjectNode c = root.putObject("cost");
            number(c, "total_usd", cost.totalUsd(), 6);
            number(c, "per_hour_usd", cost.perHourUsd(), 6);
            number(c, "per_million_requests_usd", cost.perMillionRequestsUsd(), 6);
            number(c, "idle_usd", cost.idleUsd(), 6);
            ObjectNode byComponent = c.putObject("by_component");
            new java.util.TreeMap<>(cost.byComponent()).forEach((k, v) -> number(byComponent, k, v, 6));
            ObjectNode byMarket = c.putObject("by_market");
            io.headroom.pricing.CostLedger.MARKETS.forEach(k -> number(byMarket, k, cost.byMarket().getOrDefault(k, 0.0), 6));
        }
        ArrayNode slo = root.putArray("slo");
        for (var o : r.slos()) {
            ObjectNode n = slo.addObject();
            n.put("expr", o.expression());
            number(n, "value", o.value(), 4);
            n.put("pass", o.met());
        }
        ArrayNode unstable = root.putArray("unstable");
        r.unstable().forEach(unstable::add);
        ArrayNode warnings = root.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return root;
    }

    private static ObjectNode requests(RunResult.RequestStats s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("requests", s.requests());
        o.put("completed", s.completed());
        o.put("attempts", s.attempts());
        ObjectNode errors = o.putObject("errors");
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            errors.put(e.getKey(), e.getValue());
        }
        o.put("in_flight", s.inFlight());
        number(o, "throughput_per_s", s.throughputPerS(), 6);
        LatencySummary l = s.latencyMs();
        ObjectNode lat = o.putObject("latency_ms");
        ms(lat, "mean", l.mean());
        ms(lat, "p50", l.p50());
        ms(lat, "p90", l.p90());
        ms(lat, "p95", l.p95());
        ms(lat, "p99", l.p99());
        ms(lat, "p99_9", l.p99_9());
        ms(lat, "max", l.max());
        return o;
    }

    private static void ms(ObjectNode o, String key, double v) {
        number(o, key, v, 4);
    }

    /** A rounded number, or null where there is no value (NaN): JSON has no NaN. */
    private static void number(ObjectNode o, String key, double v, int places) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, Numbers.round(v, places));
        }
    }

    public static String render(RunResult r) throws IOException {
        return render(toJson(r));
    }

    /** Pretty JSON with the project's spacing, ending in a newline. */
    static String render(ObjectNode json) throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(pp).writeValueAsString(json) + "\n";
    }

    public static void write(Path file, RunResult r) throws IOException {
        AtomicFiles.write(file, render(r));
    }

    /** Stages summary.json beside {@code file} (see {@link AtomicFiles#commit}). */
    public static Path stage(Path file, RunResult r) throws IOException {
        String text = render(r);
        return AtomicFiles.stage(file, w -> w.write(text));
    }
}
