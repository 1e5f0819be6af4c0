package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.run.RunResult;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * {@code summary.json} of replicated runs: the same shape as one run's, holding the mean of every
 * number over the replications, plus {@code "replications": N} and a {@code "ci95"} object of the
 * same shape holding the half-widths of Student-t 95 % confidence intervals (null with one
 * replication, or where a replication had no value). SLOs pass or fail on the mean.
 */
public final class ReplicatedSummary {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReplicatedSummary() {
    }

    public static ObjectNode toJson(List<RunResult> runs) {
        return combine(runs.stream().map(SummaryJson::toJson).toList());
    }

    /** The replicated summary of replications' own summaries (which may carry more keys than a {@link RunResult}'s). */
    public static ObjectNode combine(List<ObjectNode> each) {
        ObjectNode mean = each.get(0).deepCopy();
        ObjectNode ci = F.objectNode();
        combine(each, mean, ci, "");
        mean.put("replications", each.size());
        // SLOs are judged on the means
        if (mean.get("slo") instanceof ArrayNode slos) {
            for (int i = 0; i < slos.size(); i++) {
                ObjectNode o = (ObjectNode) slos.get(i);
                JsonNode v = o.get("value");
                var slo = io.headroom.design.Slo.parse(o.get("expr").asText());
                o.put("pass", v != null && v.isNumber() && slo.met(v.asDouble()));
            }
        }
        mean.set("ci95", ci);
        return mean;
    }

    /** Replaces every number of {@code into} by the mean at the same place in {@code each}; half-widths go to {@code ci}. */
    private static void combine(List<ObjectNode> each, ObjectNode into, ObjectNode ci, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = into.fields();
        List<Map.Entry<String, JsonNode>> copy = new java.util.ArrayList<>();
        fields.forEachRemaining(copy::add);
        for (Map.Entry<String, JsonNode> f : copy) {
            String key = f.getKey();
            if (key.equals("seed") || key.equals("schema_version")) {
                continue;
            }
            JsonNode v = f.getValue();
            List<JsonNode> values = each.stream().map(e -> at(e, path, key)).toList();
            if (v.isObject()) {
                ObjectNode sub = F.objectNode();
                combine(each, (ObjectNode) v, sub, path + "/" + key);
                if (!sub.isEmpty()) {
                    ci.set(key, sub);
                }
            } else if (v.isNumber() || (v.isNull() && values.stream().anyMatch(JsonNode::isNumber))) {
                double[] stats = meanAndHalfWidth(values);
                into.put(key, Double.isNaN(stats[0]) ? null : Numbers.round(stats[0], 6));
                if (Double.isNaN(stats[1])) {
                    ci.putNull(key);
                } else {
                    ci.put(key, Numbers.round(stats[1], 6));
                }
            } else if (v.isArray() && v.size() > 0 && v.get(0).isNumber()) {
                ArrayNode meanArray = into.putArray(key);
                ArrayNode ciArray = ci.putArray(key);
                for (int i = 0; i < v.size(); i++) {
                    int index = i;
                    double[] stats = meanAndHalfWidth(values.stream().map(a -> a.path(index)).toList());
                    meanArray.add(Numbers.round(stats[0], 6));
                    if (Double.isNaN(stats[1])) {
                        ciArray.addNull();
                    } else {
                        ciArray.add(Numbers.round(stats[1], 6));
                    }
                }
            } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                ArrayNode ciArray = ci.putArray(key);
                for (int i = 0; i < v.size(); i++) {
                    int index = i;
                    List<ObjectNode> elements = each.stream().map(e -> (ObjectNode) at(e, path, key).get(index)).toList();
                    ObjectNode sub = F.objectNode();
                    combine(elements, (ObjectNode) v.get(i), sub, "");
                    ciArray.add(sub);
                }
            }
        }
    }

    private static JsonNode at(ObjectNode root, String path, String key) {
        JsonNode n = path.isEmpty() ? root : root.at(path);
        return n == null ? F.nullNode() : n.path(key);
    }

    private static double[] meanAndHalfWidth(List<JsonNode> values) {
        SummaryStatistics s = new SummaryStatistics();
        for (JsonNode v : values) {
            if (!v.isNumber()) {
                return new double[] {Double.NaN, Double.NaN};
            }
            s.addValue(v.asDouble());
        }
        if (s.getN() < 2) {
            return new double[] {s.getMean(), Double.NaN};
        }
        double t = new TDistribution(s.getN() - 1).inverseCumulativeProbability(0.975);
        return new double[] {s.getMean(), t * s.getStandardDeviation() / Math.sqrt(s.getN())};
    }

    public static String render(List<RunResult> runs) throws java.io.IOException {
        return SummaryJson.render(toJson(runs));
    }

    /** The few lines printed for replicated runs: means with their 95 % half-widths. */
    public static String text(ObjectNode s) {
        StringBuilder b = new StringBuilder();
        int n = s.get("replications").asInt();
        b.append(String.format(java.util.Locale.ROOT, "%s under %s: %d replications (seeds from %d), means ± 95%% CI half-widths%n",
                s.get("design").asText(), s.get("profile").asText(), n, s.get("seed").asLong()));
        JsonNode ci = s.get("ci95");
        b.append("  requests    ").append(pm(s.at("/overall/requests"), ci.at("/overall/requests"), "%.0f")).append('\n');
        b.append("  throughput  ").append(pm(s.at("/overall/throughput_per_s"), ci.at("/overall/throughput_per_s"), "%.2f")).append("/s\n");
        for (String k : List.of("mean", "p50", "p95", "p99", "p99_9")) {
            b.append(String.format(java.util.Locale.ROOT, "  %-11s ", k)).append(pm(s.at("/overall/latency_ms/" + k),
                    ci.at("/overall/latency_ms/" + k), "%.2f")).append(" ms\n");
        }
        s.get("components").fields().forEachRemaining(c -> {
            if (c.getValue().has("utilisation")) {
                b.append(String.format(java.util.Locale.ROOT, "  %-11s utilisation ", c.getKey()))
                        .append(pm(c.getValue().get("utilisation"), ci.at("/components/" + c.getKey() + "/utilisation"), "%.4f"))
                        .append('\n');
            }
        });
        JsonNode t = s.path("transient");
        if (t.path("busiest_window_p99_ms").isNumber()) {
            b.append("  busiest window p99 ").append(pm(t.get("busiest_window_p99_ms"), ci.at("/transient/busiest_window_p99_ms"), "%.2f"))
                    .append(" ms; peak instances ").append(pm(t.get("instances_peak"), ci.at("/transient/instances_peak"), "%.1f"))
                    .append('\n');
        }
        if (s.has("warmup_method")) {
            b.append("  warm-up     ").append(pm(s.get("warmup_s"), ci.at("/warmup_s"), "%.1f")).append(" s, found by ")
                    .append(s.get("warmup_method").asText().toUpperCase(java.util.Locale.ROOT)).append('\n');
        }
        for (JsonNode slo : s.get("slo")) {
            b.append("  SLO ").append(slo.get("expr").asText()).append(": ").append(slo.get("value").asText())
                    .append(slo.get("pass").asBoolean() ? ", met" : ", MISSED").append(" (on the mean)\n");
        }
        return b.toString();
    }

    private static String pm(JsonNode v, JsonNode half, String format) {
        if (v == null || !v.isNumber()) {
            return "-";
        }
        String m = String.format(java.util.Locale.ROOT, format, v.asDouble());
        return half != null && half.isNumber() ? m + " ± " + String.format(java.util.Locale.ROOT, format, half.asDouble()) : m;
    }
}
