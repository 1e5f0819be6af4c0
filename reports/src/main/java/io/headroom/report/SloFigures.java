package io.headroom.report;

import io.headroom.design.Slo;
import io.headroom.result.Summary;
import io.headroom.slo.SloVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an SLO's verdict reads in a report: the whole run's figure of its metric beside the worst
 * window's (so a reviewer sees a day's p99 of 90 ms next to the 3.9 s of its worst five minutes), and
 * one line on how the windows went or how the error budget was spent.
 */
final class SloFigures {
    private SloFigures() {
    }

    /** The whole run's value of the SLO's metric (its endpoint's, when it names one); a dash for a budget or a cost. */
    static String wholeRun(Summary s, Summary.SloResult slo) {
        if (slo.windows() == null) {
            return slo.budget() == null ? RunReport.number(slo.value(), 4) : "-";
        }
        Slo parsed = Slo.parse(slo.expr());
        Summary.Requests r = parsed.endpoint() == null ? s.overall() : s.endpoints().get(parsed.endpoint());
        if (r == null) {
            return "-";
        }
        Summary.Latency l = r.latencyMs();
        double v = switch (parsed.metric()) {
            case P50 -> l.p50();
            case P90 -> l.p90();
            case P95 -> l.p95();
            case P99 -> l.p99();
            case P99_9 -> l.p99_9();
            case MEAN -> l.mean();
            case ERRORS -> r.requests() > 0 ? 100 * r.errorTotal() / r.requests() : Double.NaN;
            default -> Double.NaN;
        };
        return RunReport.number(v, 4);
    }

    /** One line on the windows or the budget; empty for a whole-run SLO. */
    static String detail(Summary.SloResult slo) {
        SloVerdict.Windows w = slo.windows();
        if (w != null) {
            if (w.judged() == 0) {
                return "no window of " + TimeAxis.clock(w.windowS()) + " had enough requests to be judged";
            }
            return String.format(Locale.ROOT, "worst window of %s from %s; %,d of %,d windows missed it (%s in all)",
                    TimeAxis.clock(w.windowS()), TimeAxis.clock(w.worstWindowStartS()), w.violating(), w.judged(),
                    TimeAxis.clock(w.violatingS()));
        }
        SloVerdict.Budget b = slo.budget();
        if (b == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%.4f %% good of %,d (target %s %%); budget spent %.1f %%", 100 * b.goodFraction(),
                b.events(), new java.math.BigDecimal(Double.toString(100 * b.target())).stripTrailingZeros().toPlainString(), 100 * b.budgetSpent()));
        for (SloVerdict.Alert a : b.alerts()) {
            parts.add((a.replication() > 0 ? "#" + a.replication() + " " : "") + a.rule() + " fired at " + TimeAxis.clock(a.firedAtS())
                    + (Double.isNaN(a.resolvedAtS()) ? ", firing at the end" : ", resolved at " + TimeAxis.clock(a.resolvedAtS())));
        }
        for (SloVerdict.Rule r : b.rules()) {
            if (r.status().equals("not_evaluable")) {
                parts.add(r.rule() + ": not evaluable, the run is shorter than its long window");
            }
        }
        return String.join("; ", parts);
    }
}
