package io.headroom.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.autoscaling.Metric;
import io.headroom.autoscale.ScalingView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics an autoscaler reads, on a deterministic load whose averages are known exactly. */
class FleetMetricsTest {
    private static final long S = 1_000_000_000L;

    /** Records what the view shows at each evaluation, and asks for {@code plan[k]} instances at the k-th. */
    static final class Recorder implements Fleet.Scaler {
        final List<double[]> seen = new ArrayList<>();
        final int[] plan;
        int k;

        Recorder(int... plan) {
            this.plan = plan;
        }

        @Override
        public long firstAtNs() {
            return 15 * S;
        }

        @Override
        public long nextAtNs(long now) {
            return now + 15 * S;
        }

        @Override
        public int decide(ScalingView v) {
            double[] row = new double[8];
            row[0] = v.nowNs() / (double) S;
            row[1] = v.pods();
            row[2] = v.podValue(Metric.UTILISATION, 0, 15 * S, 15 * S, 0);
            row[3] = v.fleetValue(Metric.RPS, 15 * S, 15 * S, 0);
            row[4] = v.fleetValue(Metric.LATENCY_P95, 15 * S, 15 * S, 0);
            row[5] = v.fleetValue(Metric.RPS_TOTAL, 15 * S, 30 * S, 0);
            row[6] = v.pods() > 1 ? v.podValue(Metric.UTILISATION, v.pods() - 1, 15 * S, 15 * S, 0) : Double.NaN;
            row[7] = v.pods() > 1 && v.ready(v.pods() - 1) ? 1 : 0;
            seen.add(row);
            return k < plan.length ? plan[k++] : -1;
        }
    }

    @Test
    void utilisationRateAndLatencyAreWindowAveragesOfTheSampledSeconds() {
        // one instance, 4 workers, each request holds a worker 1 s, two requests a second: 2 busy workers
        FleetTest.Bench b = new FleetTest.Bench(1, 4, S, 20 * S, 0, 30 * S, null, null, 1);
        Recorder rec = new Recorder(-1, 2);
        b.fleet.autoscale(rec, 1, 4, 4, 0, true);
        for (long t = 0; t < 120 * 2; t++) {
            b.sendAt(t * S / 2 + 1);
        }
        b.sim.run(121 * S);
        double[] at30 = rec.seen.get(1);
        assertEquals(30, at30[0]);
        assertEquals(0.5, at30[2], 1e-9, "2 of 4 workers busy");
        assertEquals(2.0, at30[3], 1e-9, "two requests a second per instance");
        assertEquals(1000.0, at30[4], 1000 * 0.01, "p95 of 1 s stays (2 significant digits)");
        assertEquals(2.0, at30[5], 1e-9, "total rate");
        // at 30 s the fleet asked for 2: the new instance starts (20 s), shows up as a pod but not ready, with no samples yet
        double[] at45 = rec.seen.get(2);
        assertEquals(2, at45[1]);
        assertEquals(0, at45[7]);
        assertEquals(0.0, at45[6], 1e-9, "a starting instance has samples but no work");
        double[] at60 = rec.seen.get(3);
        assertEquals(1, at60[7], "ready at 50 s");
        // from 50 s round-robin splits the load: each instance has 1 request/s, 1 busy worker of 4
        double[] at75 = rec.seen.get(4);
        assertEquals(0.25, at75[2], 0.01);
        assertEquals(0.25, at75[6], 0.01);
        assertEquals(1.0, at75[3], 0.01);
        assertTrue(Double.isNaN(rec.seen.get(0)[6]));
    }

    @Test
    void theLatencyOfASpanIsItsOwnSecondsOnlyAfterTheHistoryHasWrappedAround() {
        // the per-second histograms are a ring of MIN_HISTORY_S seconds whose oldest is emptied and reused for the
        // next second: a span read long after the ring wrapped must see its own seconds, none of the ones it replaced
        FleetTest.Bench b = new FleetTest.Bench(1, 4, S, 20 * S, 0, 30 * S, null, null, 1);
        FleetMetrics m = new FleetMetrics(b.station, 4, 4, 60 * S, true);
        int seconds = 3 * FleetMetrics.MIN_HISTORY_S;
        for (long tick = 1; tick <= seconds; tick++) {
            long ms = tick <= FleetMetrics.MIN_HISTORY_S + 100 ? 5_000 : 10; // 5 s at first, then 10 ms
            for (int k = 0; k < 20; k++) {
                m.recordLatency((ms + k % 3) * 1_000_000L);
            }
            m.sample(tick, 0);
            if (tick == FleetMetrics.MIN_HISTORY_S + 50) {
                assertEquals(5_002, m.latencyP95Ms(tick * S, 15 * S, 60 * S, 0), 5_002 * 0.01);
            }
        }
        long now = seconds * S;
        assertEquals(12, m.latencyP95Ms(now, 15 * S, 60 * S, 0), 12 * 0.01, "p95 of 10-12 ms (2 significant digits)");
        assertEquals(12, m.latencyP95Ms(now, 15 * S, 600 * S, 0), 12 * 0.01, "a longer span, the same seconds' kind");
    }
}
