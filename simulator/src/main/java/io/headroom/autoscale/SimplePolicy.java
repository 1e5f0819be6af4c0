package io.headroom.autoscale;

import io.headroom.design.autoscaling.Alarm;
import io.headroom.design.autoscaling.Simple;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.AwsTerms;
import io.headroom.design.autoscaling.MetricCollection;

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

    public long firstAtNs() {
        return spec.alarm().collection().intervalNs();
    }

    @Override
    public long historyNs() {
        MetricCollection c = spec.alarm().collection();
        return c.lagNs() + c.windowNs() + (spec.alarm().evaluationPeriods() - 1L) * c.intervalNs();
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
        Alarm a = spec.alarm();
        int breaching = CloudWatch.breaching(v, a.metric(), a.collection(), 0, a.evaluationPeriods(), a.comparison(), a.threshold(), latest);
        if (breaching < a.datapointsToAlarm()) {
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
