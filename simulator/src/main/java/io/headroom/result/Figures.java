package io.headroom.result;

import java.util.List;
import java.util.Map;

/**
 * The key figures of one design's summary, as a sweep row and a comparison show them: the metrics by
 * key (in {@code SweepRow.METRICS} order, only those the summary has; NaN where it has no value), the
 * 95 % half-widths by the same keys when the figures are means of replications (null for one run),
 * the SLO outcomes, whether all were met, and the components that were unstable.
 *
 * @param ci95 half-widths by metric key, or null for one run (a single run's request count is then whole)
 */
public record Figures(Map<String, Double> metrics, Map<String, Double> ci95, List<Summary.SloResult> slo, boolean slosMet,
                      List<String> unstable) {

    /** The metric, NaN when absent or without a value. */
    public double metric(String key) {
        Double v = metrics.get(key);
        return v == null ? Double.NaN : v;
    }

    /** The metric's 95 % half-width, NaN when absent, unknown or for one run. */
    public double halfWidth(String key) {
        Double v = ci95 == null ? null : ci95.get(key);
        return v == null ? Double.NaN : v;
    }

    /** Every SLO met and no component unstable. */
    public boolean acceptable() {
        return slosMet && unstable.isEmpty();
    }

    /** What the SLO column of a report says: unstable, none, met or MISSED. */
    public String verdict() {
        return !unstable.isEmpty() ? "unstable" : slo.isEmpty() ? "none" : slosMet ? "met" : "MISSED";
    }
}
