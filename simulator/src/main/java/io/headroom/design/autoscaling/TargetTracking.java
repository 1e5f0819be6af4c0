package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * {@code policy: target-tracking}: AWS EC2 Auto Scaling's target tracking ({@code io.headroom.autoscale.TargetTrackingPolicy}).
 *
 * @param target         cpu/utilisation as a fraction, queue-length and rps per instance, latency-p95 in ms
 * @param warmup         instance warm-up: a new instance's metrics are left out for this long (default 300 s)
 * @param disableScaleIn never removes capacity (default false)
 */
public record TargetTracking(Metric metric, double target, Duration warmup, boolean disableScaleIn, MetricCollection collection)
        implements AutoscalingSpec {

    @JsonCreator
    static TargetTracking bind(@JsonProperty("metric") Metric metric, @JsonProperty("target") @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Fraction target,
                               @JsonProperty("warmup") Duration warmup, @JsonProperty("disable-scale-in") Boolean disableScaleIn,
                               @JsonProperty("metric-interval") Duration metricInterval,
                               @JsonProperty("metric-window") Duration metricWindow,
                               @JsonProperty("metric-lag") Duration metricLag) {
        FieldError.require(metric, "metric");
        SpecChecks.notTotal(metric, "metric");
        return new TargetTracking(metric, FieldError.positive(SpecChecks.target(metric, target, "target"), "target"),
                SpecChecks.nonNegative(warmup, Duration.ofSeconds(300), "warmup"), disableScaleIn != null && disableScaleIn,
                MetricCollection.of(metricInterval, metricWindow, metricLag, MetricCollection.CLOUDWATCH));
    }

    @Override
    public boolean reads(Metric m) {
        return metric == m;
    }
}
