package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.result.RunSummary;
import io.headroom.result.Summary;
import io.headroom.result.SummaryCodec;
import io.headroom.run.Checks;
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
 * replication, or where a replication had no value). A whole-run SLO passes or fails on the mean; a
 * windowed SLO or an error budget passes when it passed in every replication; each SLO says the
 * share of replications in which it passed ({@code passed_share}). Incidents and alerts are those of
 * every replication, each naming its replication. The self-checks ({@code checks}) pass when they
 * passed in every replication; they say how many failed and what, each failure naming its replication.
 */
public final class ReplicatedSummary {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReplicatedSummary() {
    }

    public static Summary of(List<RunResult> runs) {
        return combine(runs.stream().map(RunSummary::of).toList());
    }

    /**
     * The replicated summary of replications' own summaries: every number of the first's JSON is
     * replaced by the mean at the same place (a tree walk, so that a figure added to the summary is
     * averaged without a line here), then read back typed.
     */
    public static Summary combine(List<Summary> each) {
        return SummaryCodec.read(combineJson(each.stream().map(SummaryCodec::write).toList()));
    }

    private static ObjectNode combineJson(List<ObjectNode> each) {
        // what is not a figure to average: each replication's incidents and alerts, and its verdicts
        ArrayNode incidents = F.arrayNode();
        int sloCount = each.get(0).path("slo").size();
        int[] passed = new int[sloCount];
        List<ArrayNode> alerts = new java.util.ArrayList<>();
        List<List<String>> fired = new java.util.ArrayList<>();
        for (int i = 0; i < sloCount; i++) {
            alerts.add(F.arrayNode());
            fired.add(new java.util.ArrayList<>());
        }
        ObjectNode checks = F.objectNode();
        ArrayNode failures = F.arrayNode();
        int failed = 0;
        boolean checked = false;
        for (int r = 0; r < each.size(); r++) {
            ObjectNode tree = each.get(r);
            if (tree.remove("checks") instanceof ObjectNode c) {
                checked = true;
                if (!c.path("passed").asBoolean(false)) {
                    failed++;
                }
                for (JsonNode f : c.path("failures")) {
                    failures.add("replication " + (r + 1) + ": " + f.asText());
                }
            }
            if (tree.remove("incidents") instanceof ArrayNode list) {
                for (JsonNode incident : list) {
                    incidents.add(((ObjectNode) incident).put("replication", r + 1));
                }
            }
            JsonNode slos = tree.path("slo");
            for (int i = 0; i < sloCount && i < slos.size(); i++) {
                ObjectNode o = (ObjectNode) slos.get(i);
                passed[i] += o.path("pass").asBoolean(false) ? 1 : 0;
                if (o.remove("alerts") instanceof ArrayNode list) {
                    for (JsonNode a : list) {
                        alerts.get(i).add(((ObjectNode) a).put("replication", r + 1));
                    }
                }
                if (o.get("rules") instanceof ArrayNode rules) {
                    for (JsonNode rule : rules) {
                        if (rule.path("status").asText().equals("fired")) {
                            fired.get(i).add(rule.path("rule").asText());
                        }
                    }
                }
            }
        }
        ObjectNode mean = each.get(0).deepCopy();
        ObjectNode ci = F.objectNode();
        combine(each, mean, ci, "");
        mean.put("replications", each.size());
        if (mean.get("slo") instanceof ArrayNode slos) {
            for (int i = 0; i < slos.size(); i++) {
                ObjectNode o = (ObjectNode) slos.get(i);
                o.put("passed_share", Numbers.round((double) passed[i] / each.size(), 6));
                if (o.has("windows_judged") || o.has("budget_spent")) {
                    // windows and budgets hold when they hold in every replication
                    o.put("pass", passed[i] == each.size());
                } else {
                    // a whole-run figure is judged on its mean
                    JsonNode v = o.get("value");
                    var slo = io.headroom.design.Slo.parse(o.get("expr").asText());
                    o.put("pass", v != null && v.isNumber() && slo.met(v.asDouble()));
                }
                if (o.get("rules") instanceof ArrayNode rules) {
                    for (JsonNode rule : rules) {
                        String name = rule.path("rule").asText();
                        if (!rule.path("status").asText().equals("not_evaluable")) {
                            ((ObjectNode) rule).put("status", fired.get(i).contains(name) ? "fired" : "quiet");
                        }
                    }
                    o.set("alerts", alerts.get(i));
                }
            }
        }
        ArrayNode ordered = F.arrayNode();
        List<JsonNode> sorted = new java.util.ArrayList<>();
        incidents.forEach(sorted::add);
        sorted.sort(java.util.Comparator.comparingInt((JsonNode n) -> n.path("replication").asInt())
                .thenComparingDouble(n -> n.path("start_s").asDouble()));
        sorted.forEach(ordered::add);
        mean.set("incidents", ordered);
        if (checked) {
            // a law of the simulator holds in every replication or the results are not to be trusted: no mean of it
            checks.put("passed", failed == 0);
            checks.put("replications_failed", failed);
            checks.set("failures", failures);
            mean.set("checks", checks);
            ArrayNode warnings = F.arrayNode();
            mean.path("warnings").forEach(w -> {
                if (!w.asText().startsWith(Checks.FAILED)) {
                    warnings.add(w);
                }
            });
            failures.forEach(f -> warnings.add(Checks.warning(f.asText())));
            mean.set("warnings", warnings);
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
        return SummaryJson.render(of(runs));
    }

    /** The few lines printed for replicated runs: means with their 95 % half-widths. */
    public static String text(Summary s) {
        StringBuilder b = new StringBuilder();
        Summary ci = s.replication().halfWidths();
        b.append(String.format(java.util.Locale.ROOT, "%s under %s: %d replications (seeds from %d), means ± 95%% CI half-widths%n",
                s.run().design(), s.run().profile(), s.replication().count(), s.run().seed()));
        b.append("  requests    ").append(pm(s.overall().requests(), ci.overall().requests(), "%.0f")).append('\n');
        b.append("  throughput  ").append(pm(s.overall().throughputPerS(), ci.overall().throughputPerS(), "%.2f")).append("/s\n");
        Summary.Latency l = s.overall().latencyMs();
        Summary.Latency h = ci.overall().latencyMs();
        line(b, "mean", l.mean(), h.mean());
        line(b, "p50", l.p50(), h.p50());
        line(b, "p95", l.p95(), h.p95());
        line(b, "p99", l.p99(), h.p99());
        line(b, "p99_9", l.p99_9(), h.p99_9());
        s.components().forEach((name, c) -> {
            if (c instanceof Summary.Service service) {
                double half = ci.components().get(name) instanceof Summary.Service hs ? hs.utilisation() : Double.NaN;
                b.append(String.format(java.util.Locale.ROOT, "  %-11s utilisation ", name))
                        .append(pm(service.utilisation(), half, "%.4f")).append('\n');
            }
        });
        Summary.Transient t = s.transientFigures();
        if (t != null && !Double.isNaN(t.busiestWindowP99Ms())) {
            Summary.Transient ht = ci.transientFigures();
            b.append("  busiest window p99 ").append(pm(t.busiestWindowP99Ms(), ht == null ? Double.NaN : ht.busiestWindowP99Ms(), "%.2f"))
                    .append(" ms; peak instances ").append(pm(t.instancesPeak(), ht == null ? Double.NaN : ht.instancesPeak(), "%.1f"))
                    .append('\n');
        }
        if (s.warmupMethod() != null) {
            b.append("  warm-up     ").append(pm(s.run().warmupS(), ci.run().warmupS(), "%.1f")).append(" s, found by ")
                    .append(s.warmupMethod().toUpperCase(java.util.Locale.ROOT)).append('\n');
        }
        for (Summary.SloResult slo : s.slo()) {
            b.append("  SLO ").append(slo.expr()).append(": ").append(Double.isNaN(slo.value()) ? "null" : Double.toString(slo.value()))
                    .append(slo.pass() ? ", met" : ", MISSED").append(" (on the mean)\n");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, double mean, double half) {
        b.append(String.format(java.util.Locale.ROOT, "  %-11s ", key)).append(pm(mean, half, "%.2f")).append(" ms\n");
    }

    /** The mean ± its half-width; the mean alone without a half-width, "-" without a mean. */
    private static String pm(double v, double half, String format) {
        if (Double.isNaN(v)) {
            return "-";
        }
        String m = String.format(java.util.Locale.ROOT, format, v);
        return Double.isNaN(half) ? m : m + " ± " + String.format(java.util.Locale.ROOT, format, half);
    }
}
