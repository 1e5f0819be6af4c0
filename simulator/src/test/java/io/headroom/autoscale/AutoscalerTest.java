package io.headroom.autoscale;

import io.headroom.design.autoscaling.Fixed;
import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.Scheduled;
import io.headroom.design.autoscaling.TargetTracking;
import io.headroom.design.autoscaling.Autoscaling;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.headroom.design.ReplicasSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link Autoscaler} combines a component's policies: out if any says out, in only if all say in, predictive as a floor, bounds. */
class AutoscalerTest {
    private static final long S = 1_000_000_000L;

    /** A policy answering a fixed count every 60 s. */
    static ScalingPolicy says(int count, boolean floor) {
        return new ScalingPolicy() {
            public long periodNs() {
                return 60 * S;
            }

            public long firstAtNs() {
                return 60 * S;
            }

            public int decide(ScalingView view) {
                return count;
            }

            @Override
            public boolean floor() {
                return floor;
            }
        };
    }

    static int combine(int desired, int... counts) {
        List<ScalingPolicy> ps = new ArrayList<>();
        for (int c : counts) {
            ps.add(says(c, false));
        }
        FakeView v = new FakeView(desired).at(60 * S);
        return Autoscaler.ofPolicies(ps, 1, 50).decide(v);
    }

    @Test
    void outIfAnySaysOut() {
        assertEquals(12, combine(10, 12, -1, 8));
        assertEquals(15, combine(10, 12, 15, 8), "the largest scale-out wins");
    }

    @Test
    void inOnlyIfAllSayIn() {
        assertEquals(9, combine(10, 8, 9), "all in: the smallest cut (largest capacity) wins");
        assertEquals(10, combine(10, 8, -1), "no opinion is not a vote to scale in");
        assertEquals(10, combine(10, 8, 10));
        assertEquals(10, combine(10, -1, -1));
        assertEquals(1, combine(10, 0), "clamped to min");
        assertEquals(50, combine(10, 99), "clamped to max");
    }

    @Test
    void aStaleScaleInVoteDoesNotUndoAScheduledAction() {
        // target tracking (every 60 s) votes 4 at 60 s; at 90 s a scheduled action sets desired 10; the 60 s vote was
        // cast on another count and must not pull 10 back to 4 before the policy is evaluated again
        Scheduled s = new Scheduled(List.of(
                new Scheduled.Action(null, java.time.Duration.ofSeconds(90), null, null, 10)));
        Autoscaler a = Autoscaler.of(new Autoscaling(List.of(s, new Fixed())), new ReplicasSpec(6, 1, 50));
        assertEquals(90 * S, a.nextEvaluationNs());
        Autoscaler both = Autoscaler.ofPolicies(List.of(says(4, false)), 1, 50);
        FakeView v = new FakeView(6).at(60 * S);
        v.desired = both.decide(v);
        assertEquals(4, v.desired);
        // the same vote, still on the same count, off-schedule: stands
        assertEquals(4, both.decide(v.at(70 * S)));
        // the count was moved to 10 elsewhere: the old vote no longer stands
        v.desired = 10;
        assertEquals(10, both.decide(v.at(90 * S)));
        // at the next evaluation the policy votes again on 10
        assertEquals(4, both.decide(v.at(120 * S)));
    }

    @Test
    void predictiveIsAFloor() {
        FakeView v = new FakeView(10).at(60 * S);
        assertEquals(9, Autoscaler.ofPolicies(List.of(says(8, false), says(9, true)), 1, 50).decide(v));
        assertEquals(14, Autoscaler.ofPolicies(List.of(says(-1, false), says(14, true)), 1, 50).decide(v));
        assertEquals(12, Autoscaler.ofPolicies(List.of(says(12, false), says(7, true)), 1, 50).decide(v), "never below the reactive ask");
        assertEquals(7, Autoscaler.ofPolicies(List.of(says(7, true)), 1, 50).decide(v), "alone it sets the count");
        assertEquals(10, Autoscaler.ofPolicies(List.of(says(-1, true)), 1, 50).decide(v), "no forecast yet");
    }

    @Test
    void evaluationTimesFollowThePolicies() {
        Autoscaler a = Autoscaler.ofPolicies(List.of(says(12, false)), 1, 50);
        assertEquals(60 * S, a.nextEvaluationNs());
        a.decide(new FakeView(10).at(60 * S));
        assertEquals(120 * S, a.nextEvaluationNs());
        Autoscaler fixed = Autoscaler.of(new Fixed(), ReplicasSpec.fixed(3));
        assertEquals(Long.MAX_VALUE, fixed.nextEvaluationNs());
        assertFalse(fixed.active());
        assertEquals(3, fixed.decide(new FakeView(3).at(0)));
    }

    @Test
    void historyCoversTheLongestAlarm() {
        // target tracking's AlarmLow reads 15 one-minute datapoints published 60 s late: 60 + 60 + 14 × 60 s
        Autoscaler a = Autoscaler.of(new TargetTracking(Metric.CPU, 0.5, java.time.Duration.ofMinutes(5), false,
                MetricCollection.CLOUDWATCH), new ReplicasSpec(2, 1, 10));
        assertEquals(960 * S, a.historyNs());
        assertEquals(30 * S, Autoscaler.of(YamlSpecTest.one("{policy: hpa, metric: cpu, target: 0.6}", Hpa.class),
                new ReplicasSpec(2, 1, 10)).historyNs());
    }
}
