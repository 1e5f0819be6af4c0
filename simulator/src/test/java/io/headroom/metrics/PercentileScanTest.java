package io.headroom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@link PercentileScan} gives, for every percentile asked, exactly HdrHistogram's own
 * {@code getValueAtPercentile}: on random histograms of every precision, unit and shape (a
 * thousand of them), and on the edges — empty, one value, only zeros, values below the unit,
 * values at the top of the range, counts landing exactly on a percentile's boundary, 0 and 100 %,
 * percentiles asked twice.
 */
class PercentileScanTest {
    private static final double[] PERCENTS = {0, 1e-9, 0.1, 1, 10, 25, 33.333, 50, 66.6667, 75, 90, 95, 99, 99.9, 99.99,
        99.999, 100 - 1e-12, 100};

    private static void assertSameAsLibrary(AbstractHistogram h, double[] percents, String what) {
        double[] out = new double[percents.length];
        PercentileScan.valuesAtPercentiles(h, percents, out);
        for (int i = 0; i < percents.length; i++) {
            assertEquals((double) h.getValueAtPercentile(percents[i]), out[i], 0.0,
                    "p" + percents[i] + " of " + what + " (" + h.getTotalCount() + " values)");
        }
    }

    @Test
    void matchesTheLibraryOnRandomHistograms() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 1_000; k++) {
            int digits = 1 + r.nextInt(5);
            long unit = k % 3 == 0 ? 1 : 1L << r.nextInt(12);
            Histogram h = new Histogram(unit, Math.max(2 * unit, 1L << (20 + r.nextInt(20))), digits);
            h.setAutoResize(true);
            int n = 1 + r.nextInt(k % 4 == 0 ? 10 : 20_000);
            double scale = Math.pow(10, r.nextInt(13));
            int shape = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                long v = switch (shape) {
                    case 0 -> (long) (-scale * Math.log(1 - r.nextDouble()));        // exponential
                    case 1 -> (long) (scale * Math.exp(2 * r.nextGaussian()));       // heavy tail
                    case 2 -> r.nextLong(1 + (long) scale);                           // uniform
                    default -> r.nextInt(5) * (long) scale;                           // few distinct values
                };
                h.recordValueWithCount(Math.max(0, v), 1 + (r.nextInt(10) == 0 ? r.nextInt(1_000) : 0));
            }
            assertSameAsLibrary(h, PERCENTS, "random histogram " + k);
            assertSameAsLibrary(h, new double[] {50, 95, 99}, "random histogram " + k);
            double[] few = {r.nextDouble() * 100, 100};
            java.util.Arrays.sort(few);
            assertSameAsLibrary(h, few, "random histogram " + k);
        }
    }

    @Test
    void matchesTheLibraryOnTheEdges() {
        Histogram empty = new Histogram(3);
        assertSameAsLibrary(empty, PERCENTS, "an empty histogram");

        Histogram one = new Histogram(3);
        one.recordValue(12_345);
        assertSameAsLibrary(one, PERCENTS, "one value");

        Histogram zeros = new Histogram(1_000, 2_000_000, 2);
        zeros.recordValueWithCount(0, 17);
        assertSameAsLibrary(zeros, PERCENTS, "only zeros");

        Histogram belowUnit = new Histogram(1_000, 2_000_000, 2);
        belowUnit.recordValue(3);
        belowUnit.recordValue(511);
        belowUnit.recordValue(700);
        belowUnit.recordValue(1_500_000);
        assertSameAsLibrary(belowUnit, PERCENTS, "values below the unit");

        Histogram top = new Histogram(1, Long.MAX_VALUE / 2, 2);
        top.recordValue(1);
        top.recordValue(Long.MAX_VALUE / 2);
        assertSameAsLibrary(top, PERCENTS, "values at the top of the range");

        // 100 values 1..100: p50 is exactly the 50th, p99 the 99th, p1 the first
        Histogram boundaries = new Histogram(3);
        for (int v = 1; v <= 100; v++) {
            boundaries.recordValue(v);
        }
        assertSameAsLibrary(boundaries, PERCENTS, "1..100");
        double[] out = new double[3];
        PercentileScan.valuesAtPercentiles(boundaries, new double[] {1, 50, 99}, out);
        assertEquals(1.0, out[0]);
        assertEquals(50.0, out[1]);
        assertEquals(99.0, out[2]);

        assertSameAsLibrary(boundaries, new double[] {50, 50, 95, 95}, "percentiles asked twice");
        assertSameAsLibrary(boundaries, new double[] {}, "no percentiles");
    }

    @Test
    void targetCountIsTheLibrarysRoundedUpCount() {
        assertEquals(1, PercentileScan.targetCount(0, 100));
        assertEquals(50, PercentileScan.targetCount(50, 100));
        assertEquals(100, PercentileScan.targetCount(100, 100));
        assertEquals(1, PercentileScan.targetCount(50, 1));
        assertEquals(999, PercentileScan.targetCount(99.9, 1_000));
    }
}
