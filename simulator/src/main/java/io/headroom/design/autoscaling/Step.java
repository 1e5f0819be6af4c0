package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;
import io.headroom.design.autoscaling.AwsTerms.Comparison;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.List;

/**
 * {@code policy: step}: AWS step scaling ({@code io.headroom.autoscale.StepPolicy}): while its alarm is in ALARM, the step containing the
 * breach size applies; instances still warming up count as capacity already added.
 */
public record Step(Alarm alarm, AdjustmentType adjustmentType, int minAdjustmentMagnitude, List<StepAdjustment> steps,
            Duration warmup) implements AutoscalingSpec {

    public Step {
        steps = List.copyOf(steps);
    }

    @JsonCreator
    static Step bind(@JsonProperty("metric") Metric metric, @JsonProperty("threshold") @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Fraction threshold,
                     @JsonProperty("comparison") Comparison comparison,
                     @JsonProperty("evaluation-periods") @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer evaluationPeriods,
                     @JsonProperty("datapoints-to-alarm") @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer datapointsToAlarm,
                     @JsonProperty("adjustment-type") AdjustmentType adjustmentType,
                     @JsonProperty("min-adjustment-magnitude") @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer minAdjustmentMagnitude,
                     @JsonProperty("steps") List<StepAdjustment> steps,
                     @JsonProperty("warmup") Duration warmup,
                     @JsonProperty("metric-interval") Duration metricInterval,
                     @JsonProperty("metric-window") Duration metricWindow,
                     @JsonProperty("metric-lag") Duration metricLag) {
        Alarm alarm = Alarm.of(metric, threshold, comparison, evaluationPeriods, datapointsToAlarm,
                MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.CLOUDWATCH));
        if (steps == null || steps.isEmpty()) {
            throw new FieldError("steps", "needs at least one step, e.g. - {lower: 0, adjustment: 1}");
        }
        AdjustmentType type = SpecChecks.adjustmentType(adjustmentType);
        int magnitude = SpecChecks.minAdjustmentMagnitude(minAdjustmentMagnitude, type);
        for (int i = 0; i < steps.size(); i++) {
            for (int j = i + 1; j < steps.size(); j++) {
                if (overlap(steps.get(i), steps.get(j))) {
                    throw new FieldError("steps[" + j + "]", "overlaps step " + i + ": step ranges must not overlap");
                }
            }
            if (type == AdjustmentType.EXACT_CAPACITY && steps.get(i).adjustment() < 0) {
                throw new FieldError("steps[" + i + "].adjustment", "an exact capacity cannot be negative");
            }
        }
        return new Step(alarm, type, magnitude, steps, SpecChecks.nonNegative(warmup, Duration.ofSeconds(300), "warmup"));
    }

    private static boolean overlap(StepAdjustment a, StepAdjustment b) {
        double alo = a.lower() == null ? Double.NEGATIVE_INFINITY : a.lower();
        double ahi = a.upper() == null ? Double.POSITIVE_INFINITY : a.upper();
        double blo = b.lower() == null ? Double.NEGATIVE_INFINITY : b.lower();
        double bhi = b.upper() == null ? Double.POSITIVE_INFINITY : b.upper();
        return alo < bhi && blo < ahi;
    }

    @Override
    public boolean reads(Metric m) {
        return alarm.metric() == m;
    }
}
