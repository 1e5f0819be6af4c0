package io.headroom.report;

import io.headroom.design.Slo;
import io.headroom.result.Summary;
import io.headroom.result.SweepPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of a sweep report's charts beside cost against latency: a figure of every point against its
 * cost, with the bound an SLO holds it to. The errors always have one (a design that answers fast
 * because it drops requests is no answer); every SLO of the study that the latency and errors charts
 * do not already draw has its own, plotting the SLO's own value: an endpoint's figure, a windowed
 * SLO's worst window, an error budget's good events against its target.
 *
 * @param file           the PNG's name ({@code .svg} beside it)
 * @param heading        the report's heading above it
 * @param text           what it shows, for the report
 * @param yLabel         the value axis
 * @param values         each row's value (NaN: none)
 * @param meets          each row: meets the SLO drawn, or without one, every SLO and stable
 * @param slo            the SLO drawn, as written (null: none)
 * @param bound          the SLO's bound on the value axis, NaN when none
 * @param higherIsBetter an error budget's good events, which must stay above their target
 */
record SweepPanel(String file, String heading, String text, String yLabel, double[] values, boolean[] meets, String slo,
                  double bound, boolean higherIsBetter) {
    static final String ERRORS_FILE = "chart-cost-errors.png";

    /**
     * The errors' chart, then one per SLO not drawn elsewhere, in the study's order.
     *
     * @param slos      the SLOs judged (expressions, error budgets' names)
     * @param latencySlo the SLO the latency chart draws (null: none)
     */
    static List<SweepPanel> of(List<String> slos, List<SweepPoint> rows, Slo latencySlo) {
        List<SweepPanel> out = new ArrayList<>();
        Slo errorsSlo = null;
        for (String s : slos) {
            Slo slo = parse(s);
            if (slo != null && slo.metric() == Slo.Metric.ERRORS && slo.endpoint() == null && !slo.windowed()) {
                errorsSlo = slo;
                break;
            }
        }
        double[] errors = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            errors[i] = rows.get(i).figures().metric("errors_pct");
        }
        out.add(new SweepPanel(ERRORS_FILE, "Cost against errors", "The requests that failed (any cause), in percent of all"
                + " requests" + (errorsSlo == null ? "; no SLO of the study bounds them as a whole."
                : "; the dashed line is the SLO " + errorsSlo.expression() + "."), "errors (% of requests)", errors,
                meets(rows, errorsSlo == null ? null : errorsSlo.expression()), errorsSlo == null ? null : errorsSlo.expression(),
                errorsSlo == null ? Double.NaN : errorsSlo.threshold(), false));
        for (int k = 0; k < slos.size(); k++) {
            String label = slos.get(k);
            Slo slo = parse(label);
            if (slo != null && (slo.equals(latencySlo) || slo.equals(errorsSlo))) {
                continue;
            }
            double[] values = new double[rows.size()];
            Summary.SloResult first = null;
            for (int i = 0; i < rows.size(); i++) {
                Summary.SloResult r = result(rows.get(i), label);
                values[i] = r == null ? Double.NaN : r.value();
                first = first == null ? r : first;
            }
            String file = "chart-cost-slo-" + (k + 1) + ".png";
            String heading = "Cost against " + label;
            if (slo == null) {
                double target = first == null || first.budget() == null ? Double.NaN : 100 * first.budget().target();
                out.add(new SweepPanel(file, heading, "The error budget " + label + ": the share of its events that were good"
                        + " (answered, and as the SLO's good expression asks) against its target, the dashed line; higher is"
                        + " better. The table gives the budget each point spent.", "good events of " + label + " (%)", values,
                        meets(rows, label), label, target, true));
            } else {
                out.add(new SweepPanel(file, heading, describe(slo) + " The dashed line is the SLO's bound.", axisLabel(slo),
                        values, meets(rows, label), label, slo.threshold(), false));
            }
        }
        return out;
    }

    /** The SLO written as {@code text}, or null for an error budget's name. */
    static Slo parse(String text) {
        try {
            return Slo.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The row's verdict on the SLO written as {@code expr}, or null when it has none. */
    static Summary.SloResult result(SweepPoint row, String expr) {
        for (Summary.SloResult r : row.figures().slo()) {
            if (r.expr().equals(expr)) {
                return r;
            }
        }
        return null;
    }

    private static boolean[] meets(List<SweepPoint> rows, String expr) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            if (expr == null) {
                out[i] = rows.get(i).figures().acceptable();
            } else {
                Summary.SloResult r = result(rows.get(i), expr);
                out[i] = r != null && r.pass();
            }
        }
        return out;
    }

    private static String figure(Slo slo) {
        String metric = slo.metric() == Slo.Metric.ERRORS ? "errors" : slo.metric() == Slo.Metric.COST_PER_HOUR ? "cost per hour"
                : slo.metric() == Slo.Metric.COST_PER_MONTH ? "cost per month"
                : slo.metric() == Slo.Metric.COST_PER_MILLION ? "cost per million requests" : slo.metric().key();
        return slo.endpoint() == null ? metric : slo.endpoint() + " " + metric;
    }

    private static String axisLabel(Slo slo) {
        String unit = slo.metric() == Slo.Metric.ERRORS ? "%" : slo.metric().latency() ? "ms" : "USD";
        String of = slo.windowed() ? " of the worst " + TimeAxis.clock(slo.windowNs() / 1e9) + " window" : "";
        return figure(slo) + of + " (" + unit + ")";
    }

    private static String describe(Slo slo) {
        if (!slo.windowed()) {
            return String.format(Locale.ROOT, "The %s of the whole measured run%s.", figure(slo),
                    slo.endpoint() == null ? "" : " (requests to " + slo.endpoint() + " only)");
        }
        String w = TimeAxis.clock(slo.windowNs() / 1e9);
        return String.format(Locale.ROOT, "Every %s window (sliding by the run's window step) must hold; each point shows its"
                + " worst judged window's %s (under replications, the mean of each replication's worst).", w, figure(slo));
    }
}
