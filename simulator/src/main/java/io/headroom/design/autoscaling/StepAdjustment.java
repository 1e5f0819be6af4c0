package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * One step of a step policy: applies when {@code metric - threshold} lies in [{@code lower}, {@code upper}) for an
 * alarm above its threshold, in ({@code lower}, {@code upper}] for one below it; a missing bound is infinite.
 */
public record StepAdjustment(Double lower, Double upper, int adjustment) {
    @JsonCreator
    static StepAdjustment bind(@JsonProperty("lower") @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Double lower, @JsonProperty("upper") @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Double upper,
                               @JsonProperty("adjustment") @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer adjustment) {
        FieldError.require(adjustment, "adjustment");
        if (lower != null && upper != null && !(upper > lower)) {
            throw new FieldError("upper", "upper (" + FieldError.number(upper) + ") must be above lower (" + FieldError.number(lower) + ")");
        }
        if (lower == null && upper == null) {
            throw new FieldError("lower", "a step needs a lower or an upper bound (relative to the alarm threshold)");
        }
        return new StepAdjustment(lower, upper, adjustment);
    }

    public boolean contains(double difference, boolean above) {
        double lo = lower == null ? Double.NEGATIVE_INFINITY : lower;
        double hi = upper == null ? Double.POSITIVE_INFINITY : upper;
        return above ? difference >= lo && difference < hi : difference > lo && difference <= hi;
    }
}
