package io.headroom.report;

import io.headroom.design.Slo;
import io.headroom.result.Figures;
import io.headroom.result.Summary;
import io.headroom.slo.SloVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a sweep's point misses its SLOs, in a few words each (the SLOs apart by semicolons), for its row of the report: the figure
 * that decided the SLO and how far it is past the bound ({@code p99 < 250ms: 312 ms, +25 %}); for a
 * windowed SLO its worst window and how many windows missed; for an error budget its good events
 * against the target and how much of the budget went. Under replications, a verdict that did not go
 * the same way in every replication says in how many it was met.
 */
final class SloMisses {
    private SloMisses() {
    }

    /** The row's SLO cell: {@code met}, {@code none}, or what went wrong ({@code unstable}, then each SLO missed). */
    static String verdict(Figures f, int replications) {
        List<String> parts = new ArrayList<>();
        if (!f.unstable().isEmpty()) {
            parts.add("unstable (" + String.join(", ", f.unstable()) + ")");
        }
        for (Summary.SloResult s : f.slo()) {
            if (!s.pass()) {
                parts.add(miss(s, replications));
            }
        }
        if (parts.isEmpty()) {
            return f.slo().isEmpty() ? "none" : "met";
        }
        return (f.unstable().isEmpty() ? "MISSED " : "") + String.join("; ", parts);
    }

    /** One SLO missed: {@code p99 < 250ms: 312 ms, +25 %}. */
    static String miss(Summary.SloResult s, int replications) {
        StringBuilder b = new StringBuilder(s.expr()).append(": ");
        SloVerdict.Budget budget = s.budget();
        Slo slo = SweepPanel.parse(s.expr());
        if (budget != null) {
            b.append(String.format(Locale.ROOT, "%s good, target %s, %s of the budget spent", percent(100 * budget.goodFraction()),
                    percent(100 * budget.target()), wholePercent(100 * budget.budgetSpent())));
        } else if (slo == null || Double.isNaN(s.value())) {
            b.append("no value");
        } else {
            SloVerdict.Windows w = s.windows();
            if (w != null && w.judged() == 0) {
                b.append("no window had enough requests to be judged");
            } else {
                b.append(w != null ? "worst window " : "").append(value(slo, s.value()));
                double over = (s.value() - slo.threshold()) / slo.threshold();
                if (slo.threshold() > 0 && over >= 0) {
                    b.append(", +").append(wholePercent(100 * over));
                }
                if (w != null && replications == 1) {
                    b.append(String.format(Locale.ROOT, ", %,d of %,d windows missed", w.violating(), w.judged()));
                }
            }
        }
        if (replications > 1 && !Double.isNaN(s.passedShare())) {
            long met = Math.round(s.passedShare() * replications);
            if (met > 0) {
                b.append(String.format(Locale.ROOT, ", met in %d of %d replications", met, replications));
            }
        }
        return b.toString();
    }

    /** A value in the SLO's unit: {@code 1,581 ms}, {@code 62.4 ms}, {@code 0.218 %}, {@code $2.41}. */
    static String value(Slo slo, double v) {
        return switch (slo.metric()) {
            case ERRORS -> String.format(Locale.ROOT, "%.3f %%", v);
            case COST_PER_HOUR -> String.format(Locale.ROOT, "$%,.2f per hour", v);
            case COST_PER_MONTH -> String.format(Locale.ROOT, "$%,.2f per month", v);
            case COST_PER_MILLION -> String.format(Locale.ROOT, "$%,.2f per million requests", v);
            default -> String.format(Locale.ROOT, v >= 100 ? "%,.0f ms" : v >= 10 ? "%.1f ms" : "%.2f ms", v);
        };
    }

    /** {@code 25 %}, {@code 10,331 %}; one decimal under 10 %. */
    private static String wholePercent(double p) {
        return String.format(Locale.ROOT, p < 10 ? "%.1f %%" : "%,.0f %%", p);
    }

    /** A share to three decimals at most: {@code 99.9 %}, {@code 99.713 %}. */
    private static String percent(double p) {
        return new java.math.BigDecimal(p).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " %";
    }
}
