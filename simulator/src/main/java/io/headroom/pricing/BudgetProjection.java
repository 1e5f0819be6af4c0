package io.headroom.pricing;

import io.headroom.design.cost.BudgetSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's bill projected over AWS's 730-hour month against a budget, as AWS Budgets forecasts one. The run's
 * cumulative spend curve {@code S(t)} over {@code [0, T]} (the ledger's reading at each time-series window's end,
 * linear in between, and the end-of-run charges at {@code T}) repeats back to back from the first hour of the month:
 * the projected month is {@code S(T) × 730 / T} (the run's average cost per hour × 730), and the month's spend by hour
 * {@code h} is {@code k S(T) + S(h - kT)} with {@code k = floor(h / T)}.
 *
 * <p>An alert at share {@code a} of the budget {@code B} fires at the first hour {@code h} at which that spend reaches
 * {@code a B}; its day is the first day by whose end it has: {@code max(1, ceil(h / 24))} (day 1 is hours 0–24; day 31
 * holds the month's last 10 hours, 720–730). It does not fire in a month whose projection stays below it. On a constant
 * fleet costing {@code r} per hour, {@code h = a B / r} exactly.
 *
 * @param monthlyUsd   the budget
 * @param projectedUsd the projected month
 * @param alerts       each alert in the budget's order
 */
public record BudgetProjection(double monthlyUsd, double projectedUsd, List<Alert> alerts) {
    public static final double HOURS_PER_MONTH = CostAllocation.HOURS_PER_MONTH;

    /**
     * One alert: its share of the budget, the USD it stands for, the hour and day of the month it fires, or null for
     * both when the projected month stays below it.
     */
    public record Alert(double threshold, double usd, Double hour, Integer day) {
        public boolean fires() {
            return day != null;
        }
    }

    /** Whether the projected month is over the budget. */
    public boolean overBudget() {
        return projectedUsd > monthlyUsd;
    }

    /** The projected month as a share of the budget. */
    public double share() {
        return projectedUsd / monthlyUsd;
    }

    /**
     * The projection of a run of {@code runHours} whose cumulative spend reached {@code usd[i]} at {@code hours[i]}
     * (ascending, within the run) and {@code totalUsd} at its end.
     */
    public static BudgetProjection of(BudgetSpec budget, double[] hours, double[] usd, double runHours, double totalUsd) {
        List<double[]> curve = new ArrayList<>();
        curve.add(new double[] {0, 0});
        for (int i = 0; i < hours.length; i++) {
            if (hours[i] > 0 && hours[i] <= runHours) {
                curve.add(new double[] {hours[i], Math.min(usd[i], totalUsd)});
            }
        }
        curve.add(new double[] {runHours, totalUsd});
        double projected = runHours > 0 ? totalUsd * HOURS_PER_MONTH / runHours : 0;
        List<Alert> alerts = new ArrayList<>();
        for (double a : budget.shares()) {
            double x = a * budget.monthly();
            Double hour = projected >= x && totalUsd > 0 ? firstHour(curve, runHours, totalUsd, x) : null;
            if (hour != null && hour > HOURS_PER_MONTH) {
                hour = null;
            }
            alerts.add(new Alert(a, x, hour, hour == null ? null : (int) Math.max(1, Math.ceil(hour / 24))));
        }
        return new BudgetProjection(budget.monthly(), projected, List.copyOf(alerts));
    }

    /** The first hour the repeated curve reaches {@code x}. */
    private static double firstHour(List<double[]> curve, double runHours, double total, double x) {
        double k = Math.ceil(x / total) - 1; // whole runs before the one in which x is reached
        double r = x - k * total;            // in (0, total]
        double[] prev = curve.get(0);
        for (int i = 1; i < curve.size(); i++) {
            double[] p = curve.get(i);
            if (p[1] >= r) {
                double t = p[1] > prev[1] ? prev[0] + (r - prev[1]) / (p[1] - prev[1]) * (p[0] - prev[0]) : p[0];
                return k * runHours + t;
            }
            prev = p;
        }
        return k * runHours + runHours;
    }
}
