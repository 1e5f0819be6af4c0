package io.headroom.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A Kubernetes {@code IntOrString} that holds a count or a percentage: a PodDisruptionBudget's
 * {@code maxUnavailable: 1} or {@code minAvailable: 50%}, a rolling update's {@code maxSurge: 25%}.
 * {@link #scaled} resolves it against a total as apimachinery's {@code GetScaledValueFromIntOrPercent} does; as
 * there, a percentage is a whole number ({@code 25%}; {@code 25.5%} is refused).
 */
public record CountOrPercent(@AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) int count,
                             @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double percent) {
    public CountOrPercent {
        if (count < 0) {
            throw new FieldError("", "must not be negative, got " + count);
        }
        if (percent != null && (percent < 0 || Double.isNaN(percent))) {
            throw new FieldError("", "must not be negative, got " + FieldError.number(percent) + "%");
        }
        Bounds.check(CountOrPercent.class, "count", count);
        if (percent != null) {
            Bounds.check(CountOrPercent.class, "percent", percent);
        }
    }

    /** A YAML integer, or a string such as {@code 25%} or {@code "3"}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CountOrPercent of(Object written) {
        if (written instanceof Integer n) {
            return new CountOrPercent(n, null);
        }
        if (written instanceof String s) {
            String t = s.trim();
            if (t.endsWith("%")) {
                String digits = t.substring(0, t.length() - 1);
                try {
                    return new CountOrPercent(0, (double) Integer.parseInt(digits));
                } catch (NumberFormatException e) {
                    throw new FieldError("", "'" + s + "' is not a count or a percentage: write e.g. 1 or 25%"
                            + (digits.matches("[0-9]*\\.[0-9]+") ? " (Kubernetes takes whole percentages)" : ""));
                }
            }
            try {
                return new CountOrPercent(Integer.parseInt(t), null);
            } catch (NumberFormatException e) {
                throw new FieldError("", "'" + s + "' is not a count or a percentage: write e.g. 1 or 25%");
            }
        }
        throw new FieldError("", "expected a count or a percentage (e.g. 1 or 25%)");
    }

    public boolean isPercent() {
        return percent != null;
    }

    /**
     * The value against {@code total}: a count as it is; a percentage of it rounded up ({@code roundUp}) or
     * down — {@code GetScaledValueFromIntOrPercent}: {@code ceil(percent * total / 100)} or {@code floor}.
     */
    public int scaled(int total, boolean roundUp) {
        if (percent == null) {
            return count;
        }
        BigDecimal v = BigDecimal.valueOf(percent).multiply(BigDecimal.valueOf(total)).divide(BigDecimal.valueOf(100));
        return v.setScale(0, roundUp ? RoundingMode.CEILING : RoundingMode.FLOOR).intValueExact();
    }

    @Override
    public String toString() {
        return percent == null ? Integer.toString(count) : FieldError.number(percent) + "%";
    }
}
