package io.headroom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one-scan percentiles of a window are exactly HdrHistogram's own getValueAtPercentile, one
 * call per percentile: same buckets, same rounding, including the edges (a single value, counts
 * landing exactly on a percentile's boundary, 0 and 100 %).
 */
class WindowPercentilesTest {

    private static void assertSameAsLibrary(LatencyStats s, double[] percents) {
        double[] out = new double[percents.length];
        s.percentilesNs(percents, out);
        for (int i = 0; i < percents.length; i++) {
            assertEquals(s.percentileNs(percents[i]), out[i], 0.0, "p" + percents[i] + " of " + s.count() + " values");
        }
    }

    @Test
    void matchesGetValueAtPercentileOnRandomWindows() {
        SplittableRandom r = new SplittableRandom(42);
        double[] percents = {0, 1, 50, 90, 95, 99, 99.9, 100};
        for (int window = 0; window < 300; window++) {
            LatencyStats s = window % 2 == 0 ? LatencyStats.coarse() : new LatencyStats();
            int n = 1 + r.nextInt(window % 7 == 0 ? 5 : 5_000);
            for (int i = 0; i < n; i++) {
                // exponential latencies around 10 ms .. 10 s, in ns
                double mean = Math.pow(10, 7 + r.nextInt(4));
                s.record(1 + (long) (-mean * Math.log(1 - r.nextDouble())));
            }
            if (window % 5 == 0) {
                for (int i = r.nextInt(50); i >= 0; i--) {
                    s.record(r.nextInt(2_000)); // below the coarse histogram's unit: its first bucket
                }
            }
            assertSameAsLibrary(s, percents);
            assertSameAsLibrary(s, new double[] {50, 95, 99});
        }
    }

    @Test
    void exactBoundariesAndEmptyWindows() {
        LatencyStats s = LatencyStats.coarse();
        double[] out = new double[3];
        s.percentilesNs(new double[] {50, 95, 99}, out);
        assertEquals(Double.NaN, out[0]);
        for (int i = 1; i <= 100; i++) {
            s.record(i * 1_000_000L); // 1 .. 100 ms: p50 and p95 fall exactly on a count boundary
        }
        assertSameAsLibrary(s, new double[] {50, 95, 99, 100});
        s.reset();
        s.record(5_000_000L);
        assertSameAsLibrary(s, new double[] {0, 50, 99, 100});
        s.reset();
        s.record(0);
        s.record(100); // only values below the unit: no minimum tracked
        assertSameAsLibrary(s, new double[] {0, 50, 99, 100});
    }
}
