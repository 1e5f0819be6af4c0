package io.headroom.autoscale;

import io.headroom.design.autoscaling.TargetTracking;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.AwsTerms;
import io.headroom.design.autoscaling.MetricCollection;

/**
 * AWS EC2 Auto Scaling target tracking. AWS creates two CloudWatch alarms on the aggregated metric
 * (one-minute datapoints): AlarmHigh, 3 of 3 datapoints above the target, and AlarmLow, 15 of 15
 * datapoints below 90 % of the target. Evaluated every metric interval (60 s):
 * <ul>
 *   <li>AlarmHigh in ALARM: the capacity that brings the metric to the target,
 *       ceil(value × ready instances / target) — AWS does not publish its formula; this is the
 *       proportional rule its documentation describes. Instances still warming up count as capacity
 *       already added (the count never drops below the desired capacity), while their metrics are left
 *       out of the value.</li>
 *   <li>AlarmLow in ALARM, scale-in enabled and no instance warming up: the same proportional count,
 *       if it is lower.</li>
 *   <li>otherwise no opinion (-1), which also means "not ready to scale in" when combined.</li>
 * </ul>
 * AWS documents neither alarm. The shapes are those users report from the alarms AWS creates: a 60 s period
 * with 3 of 3 datapoints (hashicorp/terraform-provider-aws#42553, for Application Auto Scaling) and a low alarm
 * of 15 datapoints within 15 minutes (aws/containers-roadmap#638); the 90 % scale-in threshold is the one the
 * EC2 console shows for AlarmLow, and was not found in the searched documentation.
 */
public final class TargetTrackingPolicy implements ScalingPolicy {
    /** AlarmHigh: 3 of 3 datapoints above the target. */
    public static final int HIGH_DATAPOINTS = 3;
    /** AlarmLow: 15 of 15 datapoints below {@link #LOW_FRACTION} of the target. */
    public static final int LOW_DATAPOINTS = 15;
    public static final double LOW_FRACTION = 0.9;

    private final TargetTracking spec;
    private final long warmupNs;
    private final double[] latest = new double[1];

    public TargetTrackingPolicy(TargetTracking spec) {
        this.spec = spec;
        this.warmupNs = spec.warmup().toNanos();
    }

    public long periodNs() {
        return spec.collection().intervalNs();
    }

    @Override
    public long historyNs() {
        return spec.collection().historyNs(LOW_DATAPOINTS);
    }

    public int decide(ScalingView v) {
        MetricCollection c = spec.collection();
        int desired = v.desired();
        int ready = CloudWatch.readyCount(v);
        int high = CloudWatch.breaching(v, spec.metric(), c, warmupNs, HIGH_DATAPOINTS, AwsTerms.Comparison.GREATER, spec.target(), latest);
        if (high >= HIGH_DATAPOINTS && ready > 0) {
            return Math.max(desired, proportional(latest[0], ready));
        }
        if (spec.disableScaleIn()) {
            return -1;
        }
        int low = CloudWatch.breaching(v, spec.metric(), c, warmupNs, LOW_DATAPOINTS, AwsTerms.Comparison.LESS,
                LOW_FRACTION * spec.target(), latest);
        if (low >= LOW_DATAPOINTS && ready > 0 && CloudWatch.warming(v, warmupNs) == 0) {
            return Math.min(desired, proportional(latest[0], ready));
        }
        return -1;
    }

    private int proportional(double value, int ready) {
        return (int) Math.ceil(value * ready / spec.target() - 1e-9);
    }
}
