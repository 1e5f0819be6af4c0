package io.headroom.report;

import io.headroom.experiment.AutoWarmup;
import io.headroom.result.RunSummary;
import io.headroom.result.Summary;
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
    public static Summary of(AutoWarmup.Outcome o) {
        Summary s = RunSummary.of(o.result());
        var w = o.windows();
        boolean priced = !Double.isNaN(w.peakCostPerHour()) && s.cost() != null && s.cost().priced();
        return s.withTransient(Double.isNaN(o.truncatedS()) ? null : "mser-5", new Summary.Transient(
                RunSummary.round(w.busiestWindowS(), 6), RunSummary.round(w.busiestArrivalsPerS(), 6),
                RunSummary.round(w.busiestP99Ms(), 6), RunSummary.round(w.peakInstances(), 6),
                priced ? RunSummary.round(w.peakCostPerHour(), 6) : null));
    }

    /** The summary of one run, or the means and CIs of several. */
    public static Summary summarize(List<AutoWarmup.Outcome> runs) {
        return combine(runs.stream().map(TransientSummary::of).toList());
    }

    /** One run's summary as it is, or the means and CIs of several runs' summaries (in replication order). */
    public static Summary combine(List<Summary> each) {
        return each.size() == 1 ? each.get(0) : ReplicatedSummary.combine(each);
    }

    /** {@code summary.json}'s text. */
    public static String render(Summary summary) throws IOException {
        return SummaryJson.render(summary);
    }
}
