package io.headroom.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.experiment.AutoWarmup;
import java.io.IOException;
import java.util.List;

/**
 * The {@code transient} object of {@code summary.json}: figures about the worst moment of a run rather
 * than its totals — the window with the most arrivals per second (when it started, its rate, the p99
 * latency of what completed in it), the most instances running at once (summed over components), and
 * the highest cost rate of a window when prices are known. Under {@code --replications} they become
 * means with 95 % half-widths in {@code ci95.transient}, like every other number. With
 * {@code --warmup auto}, {@code warmup_method} says the warm-up was found by MSER-5.
 */
public final class TransientSummary {
    private TransientSummary() {
    }

    /** One replication's summary with its transient figures. */
    public static ObjectNode of(AutoWarmup.Outcome o) {
        ObjectNode json = SummaryJson.toJson(o.result());
        if (!Double.isNaN(o.truncatedS())) {
            json.put("warmup_method", "mser-5");
        }
        ObjectNode t = json.putObject("transient");
        var w = o.windows();
        put(t, "busiest_window_start_s", w.busiestWindowS());
        put(t, "busiest_window_arrivals_per_s", w.busiestArrivalsPerS());
        put(t, "busiest_window_p99_ms", w.busiestP99Ms());
        put(t, "instances_peak", w.peakInstances());
        if (!Double.isNaN(w.peakCostPerHour()) && json.path("cost").path("by_component").size() > 0) {
            put(t, "cost_peak_usd_per_hour", w.peakCostPerHour());
        }
        return json;
    }

    /** The summary of one run, or the means and CIs of several. */
    public static ObjectNode summarize(List<AutoWarmup.Outcome> runs) {
        List<ObjectNode> each = runs.stream().map(TransientSummary::of).toList();
        return each.size() == 1 ? each.get(0) : ReplicatedSummary.combine(each);
    }

    /** {@code summary.json}'s text. */
    public static String render(ObjectNode summary) throws IOException {
        return SummaryJson.render(summary);
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, Numbers.round(v, 6));
        }
    }
}
