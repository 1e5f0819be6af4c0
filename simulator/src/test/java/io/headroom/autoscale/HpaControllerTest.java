package io.headroom.autoscale;

import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.HpaBehavior;
import io.headroom.design.autoscaling.HpaTarget;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.autoscaling.MetricCollection;
import io.headroom.design.autoscaling.Tolerances;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HPA controller reading a {@link ScalingView}: Kubernetes' pod grouping (the cpu initialisation period and
 * initial readiness delay, unready pods at 0 % on a scale-up, missing pods at 100 % on a scale-down and 0 % on a
 * scale-up), several metrics (largest wins; a failing metric blocks a scale-down) and the bounds.
 */
class HpaControllerTest {
    private static final long S = 1_000_000_000L;
    private static final long NOW = 3600 * S;

    static HpaController hpa(HpaTarget... targets) {
        return new HpaController(new Hpa(List.of(targets), null, null, Tolerances.DEFAULT, Duration.ofSeconds(15),
                Duration.ofMinutes(5), Duration.ofSeconds(30), HpaBehavior.DEFAULT, MetricCollection.KUBERNETES));
    }

    static HpaTarget cpu(int pct) {
        return new HpaTarget(Metric.CPU, HpaTarget.Kind.RESOURCE_UTILIZATION, pct);
    }

    static FakeView cpuPods(double... values) {
        FakeView v = new FakeView(values.length).at(NOW);
        for (double x : values) {
            v.pods.add(new FakeView.Pod().set(Metric.CPU, x));
        }
        return v;
    }

    @Test
    void hotCpuPodInItsInitialisationPeriodCountsAtZeroOnAScaleUp() {
        // TestReplicaCalcScaleUpHotCpuLessScale: 300/500/700 m of 1 core, target 30 %, the first pod just started
        FakeView v = cpuPods(0.3, 0.5, 0.7);
        FakeView.Pod hot = v.pods.get(0);
        hot.startedNs = NOW - 60 * S;     // within the 5 min cpu-initialization-period
        hot.readySinceNs = NOW - 10 * S;  // the sample [now-30 s, now-15 s] began before it was ready + one window
        HpaController c = hpa(cpu(30));
        assertEquals(4, c.decide(v));
        // ready long enough for a full window after readiness: counted, (300+500+700)/3000 = 50 % → ceil(5/3 × 3) = 5
        hot.readySinceNs = NOW - 60 * S;
        assertEquals(5, hpa(cpu(30)).decide(v));
        // the boundary: the sample ends exactly one window after readiness → counted (Go: Before is strict)
        hot.readySinceNs = NOW - 30 * S;
        assertEquals(5, hpa(cpu(30)).decide(v));
        hot.readySinceNs = NOW - 30 * S + 1;
        assertEquals(4, hpa(cpu(30)).decide(v));
        // past the initialisation period a ready pod always counts
        hot.startedNs = NOW - 10 * 60 * S;
        hot.readySinceNs = NOW - 1 * S;
        assertEquals(5, hpa(cpu(30)).decide(v));
    }

    @Test
    void missingPodsAreFullOnAScaleDownAndIdleOnAScaleUp() {
        // 3 pods at 40 % of a 50 % target and one without a sample: 0.8 alone would give ceil(0.8 × 3) = 3, but the
        // missing pod counts at 100 % on a scale-down: (3 × 400 + 1000) / 4000 = 55 % → ratio 1.1 → within tolerance
        FakeView down = cpuPods(0.4, 0.4, 0.4, Double.NaN);
        down.pods.get(3).values.clear();
        assertEquals(4, hpa(cpu(50)).decide(down));
        down.pods.remove(3);
        down.desired = 3;
        assertEquals(3, hpa(cpu(50)).decide(down), "without the missing pod: ceil(0.8 × 3) = 3 = current");
        // 3 pods at 90 % of 50 % and one missing: at 0 %, 2700/4000 = 67 % → 1.34 → ceil(5.36) = 6
        FakeView up = cpuPods(0.9, 0.9, 0.9, 0);
        up.pods.get(3).values.clear();
        assertEquals(6, hpa(cpu(50)).decide(up));
    }

    @Test
    void startingPodsCountAtZeroOnAScaleUpOnly() {
        // 2 ready pods at 90 % of 50 %, one still starting: 1800/3000 = 60 % → 1.2 → ceil(3.6) = 4
        FakeView v = cpuPods(0.9, 0.9, 0.9);
        v.pods.get(2).ready = false;
        assertEquals(4, hpa(cpu(50)).decide(v));
        // on a scale-down the starting pod is left out: 2 at 20 % → 0.4 → ceil(0.8) = 1; a new HPA holds its initial
        // count (3) as a recommendation for the 300 s scale-down window, so it proposes 1 and keeps 3
        v.all(Metric.CPU, 0.2);
        HpaController c = hpa(cpu(50));
        assertEquals(3, c.decide(v));
        assertEquals(1, c.lastMetricReplicas());
    }

    @Test
    void severalMetricsTheLargestWins() {
        FakeView v = cpuPods(0.6, 0.6, 0.6, 0.6).all(Metric.RPS, 90);
        HpaTarget rps = new HpaTarget(Metric.RPS, HpaTarget.Kind.PODS_AVERAGE_VALUE, 50_000);
        // cpu: 60/50 → ceil(4.8) = 5; rps: 90/50 → ceil(7.2) = 8 (limited to 4 + 4 = 8 by the default scale-up rate)
        HpaController c = hpa(cpu(50), rps);
        assertEquals(8, c.decide(v));
        assertEquals(8, c.lastMetricReplicas());
        // latency has no sample: one metric failing does not stop a scale-up ...
        HpaTarget latency = new HpaTarget(Metric.LATENCY_P95, HpaTarget.Kind.OBJECT_VALUE, 200_000);
        assertEquals(8, hpa(cpu(50), rps, latency).decide(v));
        // ... but it stops a scale-down
        v.all(Metric.CPU, 0.1).all(Metric.RPS, 5);
        assertEquals(-1, hpa(cpu(50), rps, latency).decide(v));
        // with a latency sample (150 ms of 200: ceil(0.75 × 4) = 3) the largest proposal is 3 (held at 4 by the new HPA's
        // initial recommendation)
        HpaController withLatency = hpa(cpu(50), rps, latency);
        assertEquals(4, withLatency.decide(v.fleet(Metric.LATENCY_P95, 150)));
        assertEquals(3, withLatency.lastMetricReplicas());
    }

    @Test
    void latencyIsAnObjectMetricScaledByReadyPods() {
        // p95 300 ms against 200 ms: ratio 1.5 × 4 ready pods = 6
        FakeView v = cpuPods(0.5, 0.5, 0.5, 0.5).fleet(Metric.LATENCY_P95, 300);
        assertEquals(6, hpa(new HpaTarget(Metric.LATENCY_P95, HpaTarget.Kind.OBJECT_VALUE, 200_000)).decide(v));
    }

    @Test
    void outsideTheBoundsGoesStraightToTheBound() {
        FakeView v = cpuPods(0.5, 0.5, 0.5, 0.5);
        v.max = 3;
        assertEquals(3, hpa(cpu(50)).decide(v));
        v.max = 10;
        v.min = 6;
        assertEquals(6, hpa(cpu(50)).decide(v));
        v.desired = 0;
        assertEquals(-1, hpa(cpu(50)).decide(v), "spec.replicas 0 disables the HPA");
    }
}
