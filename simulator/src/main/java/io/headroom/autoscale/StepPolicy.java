package io.headroom.autoscale;

import io.headroom.design.autoscaling.Alarm;
import io.headroom.design.autoscaling.Step;
import io.headroom.design.autoscaling.StepAdjustment;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.AwsTerms;
import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;

/**
 * AWS EC2 Auto Scaling step scaling. Evaluated every metric interval; while its alarm is in ALARM
 * ({@code datapoints-to-alarm} of {@code evaluation-periods} datapoints breach), the step whose bounds
 * (relative to the threshold) contain the latest value applies. Warm-up: instances launched less than
 * {@code warmup} ago count toward the current capacity but not toward the metric, and a step that adds
 * capacity while they warm up adds only what exceeds them (10 instances with 1 warming and a step of +2
 * give 11 + (2 - 1) = 12). Scale-in steps apply at once.
 */
public final class StepPolicy implements ScalingPolicy {
    private final Step spec;
    private final long warmupNs;
    private final double[] latest = new double[1];

    public StepPolicy(Step spec) {
        this.spec = spec;
        this.warmupNs = spec.warmup().toNanos();
    }

    public long periodNs() {
        return spec.alarm().collection().intervalNs();
    }

    @Override
    public long historyNs() {
        return spec.alarm().collection().historyNs(spec.alarm().evaluationPeriods());
    }

    public int decide(ScalingView v) {
        Alarm a = spec.alarm();
        if (!CloudWatch.inAlarm(v, a, warmupNs, latest)) {
            return -1;
        }
        double difference = latest[0] - a.threshold();
        StepAdjustment step = null;
        for (StepAdjustment s : spec.steps()) {
            if (s.contains(difference, a.comparison().above())) {
                step = s;
                break;
            }
        }
        if (step == null) {
            return -1;
        }
        int capacity = v.desired();
        if (spec.adjustmentType() == AdjustmentType.EXACT_CAPACITY) {
            return step.adjustment();
        }
        int change = AwsTerms.adjusted(spec.adjustmentType(), step.adjustment(), spec.minAdjustmentMagnitude(), capacity) - capacity;
        if (change > 0) {
            int inProgress = CloudWatch.warming(v, warmupNs);
            return capacity + Math.max(0, change - inProgress);
        }
        return capacity + change;
    }
}
