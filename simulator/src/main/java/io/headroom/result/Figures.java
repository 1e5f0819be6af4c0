package io.headroom.result;

import java.util.List;
import java.util.Map;

/**
 * The key figures of one design's summary, as a sweep row and a comparison show them: the metrics by
 * key (in {@code SweepRow.METRICS} order, only those the summary has; NaN where it has no value), the
 * 95 % half-widths by the same keys when the figures are means of replications (null for one run),
 * the SLO outcomes, whether all were met, and the components that were unstable. A month is
 * {@value #HOURS_PER_MONTH} hours (8,760 / 12, the convention of cloud price lists), so the cost per
 * month is the measured cost per hour times that.
 *
 * @param ci95               half-widths by metric key, or null for one run (a single run's request count is then whole)
 * @param selfCheckFailures  the run's failed self-checks ({@code checks} of its summary; of any replication), empty
 *                           when all passed: a failure is a bug of the simulator, and the figures cannot be trusted
 */
public record Figures(Map<String, Double> metrics, Map<String, Double> ci95, List<Summary.SloResult> slo, boolean slosMet,
                      List<String> unstable, List<String> selfCheckFailures) {
    /** Figures whose self-checks passed. */
    public Figures(Map<String, Double> metrics, Map<String, Double> ci95, List<Summary.SloResult> slo, boolean slosMet,
                   List<String> unstable) {
        this(metrics, ci95, slo, slosMet, unstable, List.of());
    }

    /** Hours in a month, as cloud price lists count them: 8,760 hours a year over 12 months. */
    public static final int HOURS_PER_MONTH = 730;

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

    /**
     * {@code cost_per_hour_usd} × {@value #HOURS_PER_MONTH}, from the cost per hour to the micro-dollar as
     * the results write it (so that the figure follows from the files); NaN when nothing was priced.
     */
    public double costPerMonthUsd() {
        double perHour = metric("cost_per_hour_usd");
        return Double.isNaN(perHour) ? Double.NaN : Math.round(perHour * 1e6) / 1e6 * HOURS_PER_MONTH;
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
