package io.headroom.design.cost;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * A monthly budget, as AWS Budgets sets one: {@code budget: {monthly: 2000, alerts: [50%, 80%, 100%]}}. The run's
 * spend over time, repeated over a 730-hour month, is the projected month; each alert fires on the day the projected
 * cumulative spend reaches its share of {@code monthly} (see {@code io.headroom.pricing.BudgetProjection}).
 *
 * @param monthly USD a month
 * @param alerts  thresholds as shares of {@code monthly} ({@code 80%} or 0.8), ascending; above 100% allowed (a forecast
 *                overrun); default {@code [100%]}
 */
public record BudgetSpec(@AtMost(value = Limits.BUDGET, why = Limits.BUDGET_WHY) Double monthly,
                         @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) List<Fraction> alerts) {
    public BudgetSpec {
        FieldError.require(monthly, "monthly");
        if (!(monthly > 0) || monthly.isInfinite()) {
            throw new FieldError("monthly", "a monthly budget in USD is positive, e.g. monthly: 2000; got " + FieldError.number(monthly));
        }
        if (alerts == null) {
            alerts = List.of(new Fraction(1, true));
        }
        if (alerts.isEmpty()) {
            throw new FieldError("alerts", "list at least one threshold, e.g. alerts: [50%, 80%, 100%]");
        }
        double last = 0;
        for (int i = 0; i < alerts.size(); i++) {
            Fraction a = alerts.get(i);
            if (a == null || !(a.value() > 0) || Double.isInfinite(a.value())) {
                throw new FieldError("alerts[" + i + "]", "a threshold is a positive share of the budget, e.g. 80%; got "
                        + (a == null ? "nothing" : FieldError.number(a.value())));
            }
            if (!a.percent() && a.value() > 10) {
                throw new FieldError("alerts[" + i + "]", "a threshold is a share of the budget: write " + FieldError.number(a.value())
                        + "% or " + FieldError.number(a.value() / 100));
            }
            if (i > 0 && !(a.value() > last)) {
                throw new FieldError("alerts[" + i + "]", "thresholds go up: each above the one before it");
            }
            last = a.value();
        }
        alerts = List.copyOf(alerts);
    }

    /** The thresholds as shares of the budget (0.8 for 80%). */
    public List<Double> shares() {
        return alerts.stream().map(Fraction::value).toList();
    }
}
