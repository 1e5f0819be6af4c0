package io.headroom.autoscale;

import io.headroom.design.autoscaling.Alarm;
import io.headroom.design.autoscaling.Simple;
import io.headroom.design.autoscaling.Step;
import io.headroom.design.autoscaling.StepAdjustment;
import io.headroom.design.autoscaling.TargetTracking;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.AwsTerms;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.autoscaling.AwsTerms.AdjustmentType;
import io.headroom.design.autoscaling.AwsTerms.Comparison;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS policies on scripted CloudWatch datapoints: target tracking's two alarms (3 of 3 above the target, 15 of 15
 * below 90 % of it), warm-up, step adjustments relative to the threshold with their bounds and warm-up rule,
 * percentage rounding, and simple scaling's cooldown. A datapoint is one minute of the metric; minute m covers
 * [m, m+1) min, and the default 60 s lag makes the decision at minute t read minutes t-2, t-3, ...
 */
class AwsPoliciesTest {
    private static final long S = 1_000_000_000L;
    private static final long MIN = 60 * S;

    /** A per-minute script: value[m] for minute m (the last value afterwards). */
    static FakeView.Span minutes(double... values) {
        return (from, to) -> values[(int) Math.min(values.length - 1, Math.max(0, from / MIN))];
    }

    static FakeView group(int n, Metric m, FakeView.Span span) {
        FakeView v = new FakeView(n);
        for (int i = 0; i < n; i++) {
            FakeView.Pod p = new FakeView.Pod();
            p.values.put(m, span);
            v.pods.add(p);
        }
        return v;
    }

    static TargetTracking tt(double target, boolean disableScaleIn) {
        return new TargetTracking(Metric.CPU, target, Duration.ofMinutes(5), disableScaleIn, MetricCollection.CLOUDWATCH);
    }

    @Test
    void targetTrackingScalesOutAfterThreeDatapointsAboveTheTarget() {
        double[] cpu = {0.4, 0.4, 0.4, 0.4, 0.4, 0.8, 0.8, 0.8, 0.8, 0.8};
        FakeView v = group(4, Metric.CPU, minutes(cpu));
        TargetTrackingPolicy p = new TargetTrackingPolicy(tt(0.5, false));
        // at 8 min the datapoints are minutes 6, 5, 4: one is 0.4
        assertEquals(-1, p.decide(v.at(8 * MIN)));
        // at 9 min: minutes 7, 6, 5 are all 0.8 > 0.5: ceil(0.8 × 4 / 0.5) = ceil(6.4) = 7
        assertEquals(7, p.decide(v.at(9 * MIN)));
        // 3 instances launched and not ready yet count as capacity in progress: 7 stays 7
        v.desired = 7;
        for (int i = 0; i < 3; i++) {
            FakeView.Pod starting = new FakeView.Pod();
            starting.ready = false;
            starting.startedNs = 9 * MIN;
            v.pods.add(starting);
        }
        assertEquals(7, p.decide(v.at(10 * MIN)));
        // equal to the target is not above it
        assertEquals(-1, new TargetTrackingPolicy(tt(0.8, false)).decide(v.at(12 * MIN)));
    }

    @Test
    void warmingInstancesAreLeftOutOfTheMetric() {
        FakeView v = group(4, Metric.CPU, minutes(0.6));
        FakeView.Pod warm = new FakeView.Pod().set(Metric.CPU, 0.0);
        warm.startedNs = 20 * MIN - 2 * MIN; // launched 2 min ago, warm-up 5 min
        v.pods.add(warm);
        v.desired = 5;
        // the idle warming instance would pull the mean to 0.48 < 0.5; left out, 0.6 > 0.5 → ceil(0.6 × 5 / 0.5) = 6
        assertEquals(6, new TargetTrackingPolicy(tt(0.5, false)).decide(v.at(20 * MIN)));
        assertEquals(0.6, CloudWatch.datapoint(v, Metric.CPU, MetricCollection.CLOUDWATCH, 0, 5 * MIN), 1e-12);
        assertEquals(0.48, CloudWatch.datapoint(v, Metric.CPU, MetricCollection.CLOUDWATCH, 0, 0), 1e-12);
    }

    @Test
    void targetTrackingScalesInAfterFifteenDatapointsBelowNinetyPercent() {
        double[] cpu = new double[30];
        java.util.Arrays.fill(cpu, 0.2);
        cpu[10] = 0.46; // above 0.45 = 90 % of 0.5
        FakeView v = group(10, Metric.CPU, minutes(cpu));
        TargetTrackingPolicy p = new TargetTrackingPolicy(tt(0.5, false));
        // at 26 min the 15 datapoints are minutes 24 .. 10: minute 10 is not below 0.45
        assertEquals(-1, p.decide(v.at(26 * MIN)));
        // at 27 min: minutes 25 .. 11 all at 0.2 → ceil(0.2 × 10 / 0.5) = 4
        assertEquals(4, p.decide(v.at(27 * MIN)));
        assertEquals(-1, new TargetTrackingPolicy(tt(0.5, true)).decide(v), "disable-scale-in");
        FakeView.Pod warming = new FakeView.Pod().set(Metric.CPU, 0.2);
        warming.startedNs = 27 * MIN - MIN;
        v.pods.add(warming);
        assertEquals(-1, p.decide(v), "no scale-in while an instance warms up");
    }

    static Step step(Comparison cmp, double threshold, int evaluationPeriods, int datapoints,
                                     List<StepAdjustment> steps) {
        return new Step(new Alarm(Metric.RPS, threshold, cmp, evaluationPeriods, datapoints,
                MetricCollection.CLOUDWATCH), AdjustmentType.CHANGE_IN_CAPACITY, 0, steps, Duration.ofMinutes(5));
    }

    static final List<StepAdjustment> OUT = List.of(
            new StepAdjustment(0.0, 10.0, 1),
            new StepAdjustment(10.0, 20.0, 2),
            new StepAdjustment(20.0, null, 3));

    @Test
    void stepAdjustmentsAreRelativeToTheThreshold() {
        StepPolicy p = new StepPolicy(step(Comparison.GREATER_OR_EQUAL, 50, 1, 1, OUT));
        FakeView v = group(10, Metric.RPS, minutes(40));
        assertEquals(-1, p.decide(v.at(10 * MIN)), "below the threshold: OK state");
        assertEquals(11, p.decide(group(10, Metric.RPS, minutes(50)).at(10 * MIN)), "50 - 50 = 0 is in [0, 10)");
        assertEquals(12, p.decide(group(10, Metric.RPS, minutes(60)).at(10 * MIN)), "60 - 50 = 10: lower bounds are inclusive above");
        assertEquals(12, p.decide(group(10, Metric.RPS, minutes(69.5)).at(10 * MIN)));
        assertEquals(13, p.decide(group(10, Metric.RPS, minutes(95)).at(10 * MIN)));
        // below the threshold, the upper bound is inclusive: 20 - 30 = -10 is in (-20, -10]
        StepPolicy in = new StepPolicy(step(Comparison.LESS, 30, 1, 1, List.of(
                new StepAdjustment(-10.0, 0.0, -1),
                new StepAdjustment(null, -10.0, -2))));
        assertEquals(9, in.decide(group(10, Metric.RPS, minutes(25)).at(10 * MIN)));
        assertEquals(8, in.decide(group(10, Metric.RPS, minutes(20)).at(10 * MIN)));
        assertEquals(8, in.decide(group(10, Metric.RPS, minutes(5)).at(10 * MIN)));
    }

    @Test
    void alarmNeedsItsDatapointsOutOfItsEvaluationPeriods() {
        StepPolicy p = new StepPolicy(step(Comparison.GREATER_OR_EQUAL, 50, 3, 2, OUT));
        // minutes 7, 6, 5 at decision 9 min: 55, 40, 55 → 2 of 3 breach → ALARM; the latest (55) picks the step
        FakeView v = group(10, Metric.RPS, minutes(0, 0, 0, 0, 0, 55, 40, 55));
        assertEquals(11, p.decide(v.at(9 * MIN)));
        // at 8 min: minutes 6, 5, 4 → 40, 55, 0 → 1 of 3 → OK
        assertEquals(-1, p.decide(v.at(8 * MIN)));
    }

    @Test
    void stepWarmUpAddsOnlyWhatIsNotAlreadyInProgress() {
        StepPolicy p = new StepPolicy(step(Comparison.GREATER_OR_EQUAL, 50, 1, 1, OUT));
        FakeView v = group(10, Metric.RPS, minutes(60));
        v.desired = 11;
        FakeView.Pod warming = new FakeView.Pod().set(Metric.RPS, 500); // its metric must not count
        warming.startedNs = 10 * MIN - 30 * S;
        v.pods.add(warming);
        // the +2 step with one instance warming from the last +1: 11 + (2 - 1) = 12
        assertEquals(12, p.decide(v.at(10 * MIN)));
        // a +1 step while one warms: nothing more
        v.all(Metric.RPS, 55);
        warming.set(Metric.RPS, 500);
        assertEquals(11, p.decide(v));
        // after the warm-up (5 min) it counts as capacity and metric alike: (10 × 55 + 500)/11 = 95.45 → +3 → 14
        assertEquals(14, p.decide(v.at(10 * MIN - 30 * S + 5 * MIN + MIN + MIN)));
    }

    @Test
    void percentAdjustmentsRoundAsAwsDocuments() {
        assertEquals(2, AwsTerms.percentChange(25, 0, 10), "2.5 rounds down to 2");
        assertEquals(12, AwsTerms.percentChange(127, 0, 10), "12.7 → 12");
        assertEquals(1, AwsTerms.percentChange(5, 0, 10), "0.5 → 1");
        assertEquals(-1, AwsTerms.percentChange(-5, 0, 10), "-0.5 → -1");
        assertEquals(-6, AwsTerms.percentChange(-667, 0, 1), "-6.67 → -6");
        assertEquals(-2, AwsTerms.percentChange(-25, 0, 10), "-2.5 → -2");
        assertEquals(3, AwsTerms.percentChange(10, 3, 10), "1 raised to the minimum magnitude 3");
        assertEquals(7, AwsTerms.adjusted(AdjustmentType.EXACT_CAPACITY, 7, 0, 10));
        assertEquals(13, AwsTerms.adjusted(AdjustmentType.CHANGE_IN_CAPACITY, 3, 0, 10));
        assertEquals(15, AwsTerms.adjusted(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 50, 0, 10));
    }

    @Test
    void simpleScalingWaitsForItsCooldown() {
        Simple spec = new Simple(new Alarm(Metric.RPS, 50, Comparison.GREATER, 1, 1,
                MetricCollection.CLOUDWATCH), AdjustmentType.CHANGE_IN_CAPACITY, 2, 0, Duration.ofSeconds(300));
        SimplePolicy p = new SimplePolicy(spec);
        FakeView v = group(4, Metric.RPS, minutes(80));
        v.startupNs = 60 * S;
        assertEquals(6, p.decide(v.at(2 * MIN)));
        // the activity completes when the instances are ready (60 s), then 300 s of cooldown: quiet until 8 min
        assertEquals(8 * MIN, p.cooldownEndsNs());
        v.desired = 6;
        for (long t = 3; t < 8; t++) {
            assertEquals(-1, p.decide(v.at(t * MIN)), "cooldown at " + t + " min");
        }
        assertEquals(8, p.decide(v.at(8 * MIN)));
    }
}
