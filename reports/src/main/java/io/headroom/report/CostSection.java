package io.headroom.report;

import io.headroom.pricing.BudgetProjection;
import io.headroom.result.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's cost allocation and budget tables: per tag key, each value's cost over the run and per month with
 * its share, and the unallocated part (the key's rows add up to the total, to the cent); and the budget: the
 * projected month against it and the day of the month each alert fires. Empty (and left out) without tags or budget.
 */
final class CostSection {
    private static final String DASH = "\u2014";

    private CostSection() {
    }

    static List<ReportTable> tables(Summary s) {
        List<ReportTable> out = new ArrayList<>();
        Summary.Cost c = s.cost();
        if (c == null) {
            return out;
        }
        if (c.allocation() != null) {
            List<List<String>> rows = new ArrayList<>();
            c.allocation().byTag().forEach((key, r) -> {
                // shares of the month's figures, which carry more digits than a short run's cents
                double total = r.unallocatedPerMonthUsd();
                for (double v : r.valuesPerMonth().values()) {
                    total += v;
                }
                double t = total;
                r.values().forEach((v, usd) -> rows.add(List.of(key, v, cents(usd), cents(r.valuesPerMonth().get(v)),
                        share(r.valuesPerMonth().get(v), t))));
                rows.add(List.of(key, "(unallocated)", cents(r.unallocatedUsd()), cents(r.unallocatedPerMonthUsd()),
                        share(r.unallocatedPerMonthUsd(), t)));
            });
            out.add(ReportTable.of(List.of("tag", "value", "USD over the run", "USD per month", "share"),
                    List.of(false, false, true, true, true), rows));
            List<List<String>> splits = new ArrayList<>();
            c.allocation().byTag().forEach((key, r) -> r.shared().forEach((line, split) -> {
                StringBuilder how = new StringBuilder();
                split.forEach((v, f) -> how.append(how.length() == 0 ? "" : ", ").append(v).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f %%", 100 * f)));
                splits.add(List.of(key, line, how.length() == 0 ? "unallocated" : how.toString()));
            }));
            if (!splits.isEmpty()) {
                out.add(ReportTable.of(List.of("tag", "shared cost (" + c.allocation().shared() + ")", "split"),
                        List.of(false, false, false), splits));
            }
        }
        BudgetProjection b = c.budget();
        if (b != null) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("budget", cents(b.monthlyUsd()), DASH));
            rows.add(List.of("projected month" + (b.overBudget() ? " (OVER BUDGET)" : ""), cents(b.projectedUsd()),
                    String.format(Locale.ROOT, "%.1f %%", 100 * b.share())));
            for (BudgetProjection.Alert a : b.alerts()) {
                rows.add(List.of("alert at " + percent(a.threshold()) + " (" + cents(a.usd()) + ")", cents(a.usd()),
                        a.day() == null ? "not reached" : "day " + a.day()));
            }
            out.add(ReportTable.of(List.of("budget (a 730-hour month)", "USD", "fires"), List.of(false, true, true), rows));
        }
        return out;
    }

    static String cents(double v) {
        return Double.isNaN(v) ? DASH : String.format(Locale.ROOT, "$%,.2f", v);
    }

    static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    private static String share(double v, double total) {
        return total > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * v / total) : DASH;
    }
}
