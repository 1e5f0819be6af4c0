package io.headroom.autoscale;

import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.HpaBehavior;
import io.headroom.design.autoscaling.HpaTarget;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;
import io.headroom.design.autoscaling.Tolerances;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.autoscaling.HpaBehavior.Policy;
import io.headroom.design.autoscaling.HpaBehavior.PolicyType;
import io.headroom.design.autoscaling.HpaBehavior.RulesSpec;
import io.headroom.design.autoscaling.HpaBehavior.Select;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HPA controller's behaviour on scripted metric sequences: stabilisation windows (scale-up takes the lowest,
 * scale-down the highest recommendation of its window), rate-limit policies and selectPolicy, the documented
 * scale-down example and the defaults. Metrics are scripted so that the calculator proposes an exact count:
 * 10 ready pods report a Pods metric of R/10 per pod against a target of 1, so the proposal is R (or the current
 * count when R/10 is within the 10 % tolerance of 1).
 */
class HpaBehaviorTest {
    private static final long S = 1_000_000_000L;

    static Hpa hpa(HpaBehavior behavior) {
        return new Hpa(List.of(new HpaTarget(Metric.RPS, HpaTarget.Kind.PODS_AVERAGE_VALUE, 1000)), null, null,
                Tolerances.DEFAULT, Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(30), behavior,
                MetricCollection.KUBERNETES);
    }

    /** Runs syncs every 15 s from t = 15 s, proposing {@code proposals[k]} at the k-th sync; returns the desired counts. */
    static List<Integer> run(HpaController c, int start, int... proposals) {
        FakeView v = FakeView.ofPods(10, Metric.RPS, 0);
        v.desired = start;
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < proposals.length; k++) {
            v.all(Metric.RPS, proposals[k] / 10.0).at((k + 1) * 15 * S);
            int d = c.decide(v);
            if (d >= 0) {
                v.desired = d;
            }
            out.add(v.desired);
        }
        return out;
    }

    static void defaultsAreKubernetes() {
        HpaBehavior b = HpaBehavior.DEFAULT;
        assertEquals(0, b.scaleUp().stabilizationWindowSeconds());
        assertEquals(Select.MAX, b.scaleUp().selectPolicy());
        assertEquals(List.of(new Policy(PolicyType.PODS, 4, 15), new Policy(PolicyType.PERCENT, 100, 15)), b.scaleUp().policies());
        assertEquals(300, b.scaleDown().stabilizationWindowSeconds());
        assertEquals(Select.MAX, b.scaleDown().selectPolicy());
        assertEquals(List.of(new Policy(PolicyType.PERCENT, 100, 15)), b.scaleDown().policies());
        Hpa h = YamlSpecTest.one("{policy: hpa, metric: cpu, target: 0.6}", Hpa.class);
        assertEquals(Tolerances.DEFAULT, h.tolerance());
        assertEquals(Duration.ofSeconds(15), h.syncPeriod());
        assertEquals(Duration.ofMinutes(5), h.cpuInitializationPeriod());
        assertEquals(Duration.ofSeconds(30), h.initialReadinessDelay());
        assertEquals(b, h.behavior());
        assertEquals(List.of(new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, 60)), h.targets());
    }

    @Test
    void defaults() {
        defaultsAreKubernetes();
    }

    /**
     * horizontal-pod-autoscale.md, "Scaling policies": scale-down by 4 pods or 10 % per 60 s, selectPolicy Max (the
     * larger change). From 80 replicas towards 10: -8 (10 % of 80), then 10 % of 72 is 7.2, so 72 × 0.9 = 64.8
     * truncates to 64; below 40 replicas 4 pods is the larger change. One change per minute, none in between.
     * The example leaves the scale-down window at its 300 s default, and a new HPA records the count it finds
     * (80) as its first recommendation: the first step comes when that is 300 s old, at the sync of 315 s.
     */
    static void docsScaleDownExample() {
        HpaBehavior b = HpaBehavior.of(null, new RulesSpec(null, null,
                List.of(new Policy(PolicyType.PODS, 4, 60), new Policy(PolicyType.PERCENT, 10, 60)), null));
        HpaController c = new HpaController(hpa(b));
        // every pod at 1/8 of the target: the metric alone asks for ceil(n/8), held up by minReplicas 10
        FakeView v = FakeView.ofPods(80, Metric.RPS, 0.125);
        v.min = 10;
        List<Integer> perMinute = new ArrayList<>();
        List<Long> changes = new ArrayList<>();
        perMinute.add(v.desired);
        for (int k = 1; k <= 4 * 20 + 1; k++) {
            long t = k * 15L;
            v.at(t * S);
            int before = v.desired;
            v.follow(c.decide(v));
            if (v.desired != before) {
                changes.add(t);
                perMinute.add(v.desired);
            }
        }
        assertEquals(List.of(80, 72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10), perMinute);
        List<Long> everyMinute = new ArrayList<>();
        for (long t = 315; t <= 315 + 13 * 60; t += 60) {
            everyMinute.add(t);
        }
        assertEquals(everyMinute, changes, "first at 315 s, then exactly one change a minute");
    }

    @Test
    void docsScaleDown() {
        docsScaleDownExample();
    }

    @Test
    void scaleDownTakesTheHighestRecommendationOfItsWindow() {
        HpaController c = new HpaController(hpa(HpaBehavior.DEFAULT));
        int[] proposals = new int[25];
        proposals[0] = 10;
        for (int k = 1; k < proposals.length; k++) {
            proposals[k] = 4;
        }
        proposals[3] = 7;
        List<Integer> d = run(c, 10, proposals);
        // t = 15 s recommends 10, t = 60 s recommends 7: 10 stays until the 15 s recommendation leaves the 300 s window
        // at t = 315 s (Go's After(cutoff) is strict), then 7 until t = 360 s, then 4
        for (int k = 0; k < 25; k++) {
            long t = (k + 1) * 15L;
            int expected = t < 315 ? 10 : t < 360 ? 7 : 4;
            assertEquals(expected, d.get(k), "t=" + t + "s");
        }
    }

    @Test
    void scaleUpTakesTheLowestRecommendationOfItsWindow() {
        HpaBehavior b = HpaBehavior.of(new RulesSpec(60, null, null, null), null);
        HpaController c = new HpaController(hpa(b));
        List<Integer> d = run(c, 5, 5, 12, 12, 12, 12, 12);
        // the 5 recommended at 15 s holds until 75 s (not strictly newer than the cutoff); then 4 pods or 100 % per
        // 15 s allow 10, and 12 at the next sync
        assertEquals(List.of(5, 5, 5, 5, 10, 12), d);
    }

    @Test
    void defaultScaleUpRateIsFourPodsOrDoublePerFifteenSeconds() {
        HpaController c = new HpaController(hpa(HpaBehavior.DEFAULT));
        FakeView v = FakeView.ofPods(1, Metric.RPS, 0);
        List<Integer> d = new ArrayList<>();
        for (int k = 1; k <= 7; k++) {
            v.at(k * 15 * S);
            v.all(Metric.RPS, 100.0 / v.pods()); // 100 pods' worth of load
            v.follow(c.decide(v));
            d.add(v.desired);
        }
        // 1 → max(1+4, 2) = 5 → max(9, 10) = 10 → 20 → 40 → 80 → 100 (max 1000, the load asks for 100)
        assertEquals(List.of(5, 10, 20, 40, 80, 100, 100), d);
    }

    @Test
    void selectPolicyMinAndDisabled() {
        HpaBehavior min = HpaBehavior.of(new RulesSpec(null, Select.MIN, null, null), null);
        List<Integer> d = new ArrayList<>();
        HpaController c = new HpaController(hpa(min));
        FakeView v = FakeView.ofPods(1, Metric.RPS, 0);
        for (int k = 1; k <= 5; k++) {
            v.at(k * 15 * S).all(Metric.RPS, 100.0 / v.pods());
            v.follow(c.decide(v));
            d.add(v.desired);
        }
        // the smaller change: min(+4, ×2) = 2, 4, 8, 12, 16
        assertEquals(List.of(2, 4, 8, 12, 16), d);

        HpaBehavior off = HpaBehavior.of(null, new RulesSpec(0, Select.DISABLED, null, null));
        assertEquals(List.of(10, 10, 10), run(new HpaController(hpa(off)), 10, 2, 2, 2));
    }

    @Test
    void rateLimitCountsTheReplicasAtTheStartOfThePeriod() {
        // 2 pods per 60 s up, 1 pod per 60 s down, no windows: a scale-up followed by a scale-down inside one
        // period starts from current - added + deleted
        HpaBehavior b = HpaBehavior.of(new RulesSpec(0, null, List.of(new Policy(PolicyType.PODS, 2, 60)), null),
                new RulesSpec(0, null, List.of(new Policy(PolicyType.PODS, 1, 60)), null));
        HpaController c = new HpaController(hpa(b));
        List<Integer> d = run(c, 10, 20, 20, 20, 20, 20, 5, 5, 5, 5, 5);
        // t=15: +2 → 12; t=30..60: the +2 is inside the 60 s period → held; t=75: the 15 s event is not strictly
        // newer than the cutoff → 14
        assertEquals(List.of(12, 12, 12, 12, 14), d.subList(0, 5));
        // t=90: down from the period's start, 14 - 2 (added at 75 s) = 12, minus 1 pod → 11 at once
        // t=105..135: start = 11 - 2 + 3 = 12 (then 11 + 3 = 14 at 135 s) → limit ≥ current → held
        // t=150: both events aged out → 11 - 1 = 10
        assertEquals(List.of(11, 11, 11, 11, 10), d.subList(5, 10));
    }
}
