package io.headroom.autoscale;

import io.headroom.design.autoscaling.Simple;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.AwsTerms;

/**
 * AWS EC2 Auto Scaling simple scaling: when its alarm is in ALARM, one adjustment; then nothing until
 * the cooldown (default 300 s) has passed since the scaling activity completed — for a scale-out, when
 * the new instances are ready (decision + startup), for a scale-in at once.
 */
public final class SimplePolicy implements ScalingPolicy {
    private final Simple spec;
    private final long cooldownNs;
    private final double[] latest = new double[1];
    private long quietUntilNs = Long.MIN_VALUE;

    public SimplePolicy(Simple spec) {
        this.spec = spec;
        this.cooldownNs = spec.cooldown().toNanos();
    }

    public long periodNs() {
        return spec.alarm().collection().intervalNs();
    }

    @Override
    public long historyNs() {
        return spec.alarm().collection().historyNs(spec.alarm().evaluationPeriods());
    }

    /** The end of the current cooldown (Long.MIN_VALUE before the first activity). */
    public long cooldownEndsNs() {
        return quietUntilNs;
    }

    public int decide(ScalingView v) {
        long now = v.nowNs();
        if (now < quietUntilNs) {
            return -1;
        }
        if (!CloudWatch.inAlarm(v, spec.alarm(), 0, latest)) {
            return -1;
        }
        int capacity = v.desired();
        int target = Math.max(0, AwsTerms.adjusted(spec.adjustmentType(), spec.adjustment(), spec.minAdjustmentMagnitude(), capacity));
        int bounded = Math.max(v.minReplicas(), Math.min(v.maxReplicas(), target));
        if (bounded != capacity) {
            quietUntilNs = now + cooldownNs + (bounded > capacity ? v.startupNs() : 0);
        }
        return target;
    }
}
