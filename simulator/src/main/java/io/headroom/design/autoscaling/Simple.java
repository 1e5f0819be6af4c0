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

/** {@code policy: simple}: AWS simple scaling ({@code io.headroom.autoscale.SimplePolicy}): one adjustment when the alarm fires, then a cooldown (default 300 s). */
public record Simple(Alarm alarm, AdjustmentType adjustmentType, int adjustment, int minAdjustmentMagnitude, Duration cooldown)
        implements AutoscalingSpec {

    @JsonCreator
    static Simple bind(@JsonProperty("metric") Metric metric, @JsonProperty("threshold") @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Fraction threshold,
                       @JsonProperty("comparison") Comparison comparison,
                       @JsonProperty("evaluation-periods") @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer evaluationPeriods,
                       @JsonProperty("datapoints-to-alarm") @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer datapointsToAlarm,
                       @JsonProperty("adjustment-type") AdjustmentType adjustmentType,
                       @JsonProperty("adjustment") @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer adjustment,
                       @JsonProperty("min-adjustment-magnitude") @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer minAdjustmentMagnitude,
                       @JsonProperty("cooldown") Duration cooldown,
                       @JsonProperty("metric-interval") Duration metricInterval,
                       @JsonProperty("metric-window") Duration metricWindow,
                       @JsonProperty("metric-lag") Duration metricLag) {
        Alarm alarm = Alarm.of(metric, threshold, comparison, evaluationPeriods, datapointsToAlarm,
                MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.CLOUDWATCH));
        FieldError.require(adjustment, "adjustment");
        AdjustmentType type = SpecChecks.adjustmentType(adjustmentType);
        return new Simple(alarm, type, adjustment, SpecChecks.minAdjustmentMagnitude(minAdjustmentMagnitude, type),
                SpecChecks.nonNegative(cooldown, Duration.ofSeconds(300), "cooldown"));
    }

    @Override
    public boolean reads(Metric m) {
        return alarm.metric() == m;
    }
}
