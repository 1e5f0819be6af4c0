package io.headroom.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.study.StudyPoint;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One point's line in a sweep's results, taken from the point's {@code summary.json} (of one run, or of
 * replications with their {@code ci95}): the values set, the key metrics, and the SLO outcomes. Cost
 * keys appear when the summary has them and something was priced.
 */
public final class SweepRow {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Metric key → where it is in a summary ({@code null}: computed). */
    public static final List<String[]> METRICS = List.of(
            new String[] {"requests", "/overall/requests"},
            new String[] {"throughput_per_s", "/overall/throughput_per_s"},
            new String[] {"errors_pct", null},
            new String[] {"mean_ms", "/overall/latency_ms/mean"},
            new String[] {"p50_ms", "/overall/latency_ms/p50"},
            new String[] {"p90_ms", "/overall/latency_ms/p90"},
            new String[] {"p95_ms", "/overall/latency_ms/p95"},
            new String[] {"p99_ms", "/overall/latency_ms/p99"},
            new String[] {"p99_9_ms", "/overall/latency_ms/p99_9"},
            new String[] {"instance_hours", null},
            new String[] {"instances_peak", null},
            new String[] {"busiest_p99_ms", "/transient/busiest_window_p99_ms"},
            new String[] {"cost_total_usd", "/cost/total_usd"},
            new String[] {"cost_per_hour_usd", "/cost/per_hour_usd"},
            new String[] {"cost_per_million_usd", "/cost/per_million_requests_usd"},
            new String[] {"warmup_s", "/warmup_s"});

    private SweepRow() {
    }

    public static ObjectNode of(StudyPoint point, JsonNode summary) {
        ObjectNode row = F.objectNode();
        row.put("point", point.index());
        row.put("name", point.name());
        ObjectNode values = row.putObject("values");
        point.values().forEach(values::set);
        row.put("replications", summary.path("replications").asInt(1));
        ObjectNode metrics = row.putObject("metrics");
        JsonNode ciRoot = summary.path("ci95");
        ObjectNode ci = ciRoot.isObject() ? F.objectNode() : null;
        // a cost object whose components are all unpriced (no instance types) is no cost: instance-hours stand in
        boolean priced = summary.path("cost").path("by_component").size() > 0;
        for (String[] m : METRICS) {
            if (m[0].startsWith("cost_") && !priced) {
                continue;
            }
            JsonNode v;
            JsonNode h = null;
            switch (m[0]) {
                case "errors_pct" -> {
                    double req = summary.at("/overall/requests").asDouble(0);
                    double err = 0;
                    for (Iterator<JsonNode> it = summary.at("/overall/errors").elements(); it.hasNext(); ) {
                        err += it.next().asDouble(0);
                    }
                    v = req > 0 ? F.numberNode(round(100 * err / req)) : F.nullNode();
                }
                case "instance_hours" -> v = sum(summary.path("components"), "instance_hours");
                case "instances_peak" -> {
                    // the most instances at once over the whole design; the sum of each component's peak without the windows
                    v = summary.at("/transient/instances_peak");
                    h = ciRoot.at("/transient/instances_peak");
                    if (!v.isNumber()) {
                        v = sum(summary.path("components"), "instances_peak");
                    }
                }
                default -> {
                    v = summary.at(m[1]);
                    h = ciRoot.at(m[1]);
                }
            }
            if (v.isMissingNode()) {
                continue; // e.g. no cost without prices
            }
            metrics.set(m[0], v.isNumber() ? v : F.nullNode());
            if (ci != null) {
                ci.set(m[0], h != null && h.isNumber() ? h : F.nullNode());
            }
        }
        if (ci != null) {
            row.set("ci95", ci);
        }
        ArrayNode slos = row.putArray("slo");
        boolean met = true;
        for (JsonNode s : summary.path("slo")) {
            ObjectNode o = slos.addObject();
            o.put("expr", s.path("expr").asText());
            o.set("value", s.path("value").isNumber() ? s.get("value") : F.nullNode());
            o.put("pass", s.path("pass").asBoolean(false));
            met &= s.path("pass").asBoolean(false);
        }
        row.put("slos_met", met);
        ArrayNode unstable = row.putArray("unstable");
        summary.path("unstable").forEach(unstable::add);
        return row;
    }

    /** The metrics of one summary (a run's or replications'), by key; a key the summary lacks is left out. */
    public static java.util.LinkedHashMap<String, Double> metrics(JsonNode summary) {
        ObjectNode row = of(new StudyPoint(0, "", new java.util.LinkedHashMap<>(), null), summary);
        java.util.LinkedHashMap<String, Double> out = new java.util.LinkedHashMap<>();
        row.get("metrics").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
        return out;
    }

    /** True when the point met every SLO and no component was unstable. */
    public static boolean acceptable(JsonNode row) {
        return row.path("slos_met").asBoolean(false) && row.path("unstable").isEmpty();
    }

    private static JsonNode sum(JsonNode components, String key) {
        double total = 0;
        boolean any = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue().path(key);
            if (v.isNumber()) {
                total += v.asDouble();
                any = true;
            }
        }
        return any ? F.numberNode(round(total)) : F.nullNode();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
