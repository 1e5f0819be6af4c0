package io.headroom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The percentiles of a window are exactly HdrHistogram's own getValueAtPercentile, one call per
 * percentile, on the histogram the window series is specified with (2 significant digits from
 * 1 µs, auto-resizing): same buckets, same rounding, including the edges (a single value, counts
 * landing exactly on a percentile's boundary, 0 and 100 %, values below the unit, values far
 * beyond the initial range), whether the window kept its raw latencies ({@link WindowLatency}'s
 * buffer) or spilled them into its histogram. The summary's 3-digit {@link LatencyStats} is held
 * to the same one-scan-equals-library rule.
 */
class WindowPercentilesTest {
    private static final double[] ALL = {0, 1, 50, 90, 95, 99, 99.9, 100};
    private static final double[] SERIES = {50, 95, 99};

    /** The histogram the window series is specified with, as the library makes it. */
    private static Histogram libraryWindowHistogram() {
        Histogram h = new Histogram(1_000, 2_000_000, 2);
        h.setAutoResize(true);
        return h;
    }

    private static void assertSameAsLibrary(LatencyStats s, double[] percents) {
        double[] out = new double[percents.length];
        s.percentilesNs(percents, out);
        for (int i = 0; i < percents.length; i++) {
            assertEquals(s.percentileNs(percents[i]), out[i], 0.0, "p" + percents[i] + " of " + s.count() + " values");
        }
    }

    private static void assertSameAsLibrary(WindowLatency w, Histogram library, double[] percents, String what) {
        assertEquals(library.getTotalCount(), w.count(), what);
        double[] out = new double[percents.length];
        w.percentilesNs(percents, out);
        for (int i = 0; i < percents.length; i++) {
            assertEquals((double) library.getValueAtPercentile(percents[i]), out[i], 0.0,
                    "p" + percents[i] + " of " + what);
        }
    }

    /** Records into the window and into the library's histogram; returns the exact sum. */
    private static double recordBoth(WindowLatency w, Histogram library, long value) {
        w.record(value);
        library.recordValue(value);
        return value;
    }

    @Test
    void matchesGetValueAtPercentileOnRandomWindows() {
        SplittableRandom r = new SplittableRandom(42);
        WindowLatency w = new WindowLatency();
        for (int window = 0; window < 300; window++) {
            LatencyStats s = new LatencyStats();
            Histogram library = libraryWindowHistogram();
            w.reset();
            int n = 1 + r.nextInt(window % 7 == 0 ? 5 : 5_000);
            for (int i = 0; i < n; i++) {
                // exponential latencies around 10 ms .. 10 s, in ns
                double mean = Math.pow(10, 7 + r.nextInt(4));
                long v = 1 + (long) (-mean * Math.log(1 - r.nextDouble()));
                s.record(v);
                recordBoth(w, library, v);
            }
            if (window % 5 == 0) {
                for (int i = r.nextInt(50); i >= 0; i--) {
                    long v = r.nextInt(2_000); // below the coarse histogram's unit: its first bucket
                    s.record(v);
                    recordBoth(w, library, v);
                }
            }
            assertSameAsLibrary(s, ALL);
            assertSameAsLibrary(s, SERIES);
            assertSameAsLibrary(w, library, ALL, "window " + window);
            assertSameAsLibrary(w, library, SERIES, "window " + window);
        }
    }

    @Test
    void exactBoundariesAndEmptyWindows() {
        WindowLatency w = new WindowLatency();
        double[] out = new double[3];
        w.percentilesNs(SERIES, out);
        assertEquals(Double.NaN, out[0]);
        assertEquals(Double.NaN, w.meanNs());
        assertEquals(Double.NaN, w.maxNs());
        Histogram library = libraryWindowHistogram();
        for (int i = 1; i <= 100; i++) {
            recordBoth(w, library, i * 1_000_000L); // 1 .. 100 ms: p50 and p95 fall exactly on a count boundary
        }
        assertSameAsLibrary(w, library, new double[] {50, 95, 99, 100}, "1..100 ms");
        assertEquals(50.5e6, w.meanNs(), 0.0);
        assertEquals(100e6, w.maxNs(), 0.0);
        w.reset();
        library = libraryWindowHistogram();
        recordBoth(w, library, 5_000_000L);
        assertSameAsLibrary(w, library, new double[] {0, 50, 99, 100}, "one value");
        w.reset();
        library = libraryWindowHistogram();
        recordBoth(w, library, 0);
        recordBoth(w, library, 100); // only values below the unit: no minimum tracked
        assertSameAsLibrary(w, library, new double[] {0, 50, 99, 100}, "sub-unit values");
        w.reset();
        w.percentilesNs(SERIES, out);
        assertEquals(Double.NaN, out[2]);
        assertEquals(0, w.count());
    }

    /**
     * One window reused across many windows of every size around the buffer's capacity (exactly
     * full, one over, fifty over), with zeros, sub-unit values, ties, values on either side of a bucket's edge and latencies of hours (far
     * beyond the initial 2 ms range, so the histogram auto-resizes); consecutive spilled windows
     * check that a reset empties the histogram, windows after a spill that the buffer is used
     * again. Mean and maximum are exact.
     */
    @Test
    void bufferedAndSpilledWindowsMatchTheLibraryAcrossTheCapacity() {
        int capacity = WindowLatency.CAPACITY;
        SplittableRandom r = new SplittableRandom(7);
        WindowLatency w = new WindowLatency();
        Histogram edges = libraryWindowHistogram();
        LongSupplier[] distributions = {
            () -> (long) (-1e9 * Math.log(1 - r.nextDouble())), // exponential, mean 1 s
            () -> r.nextLong(0, 2_000), // around the unit: 0 .. 1,999 ns
            () -> r.nextInt(4) * 1_000_000L, // ties: 0, 1, 2, 3 ms only
            () -> r.nextLong(2_000_000_000L, 4L * 3_600 * 1_000_000_000L), // 2 s .. 4 hours
            () -> Math.max(0, edges.highestEquivalentValue(r.nextLong(1L << (10 + r.nextInt(30)))) - 1 + r.nextInt(3)), // at a bucket's edge
            () -> switch (r.nextInt(4)) { // all of these mixed
                case 0 -> 0L;
                case 1 -> r.nextLong(1_000);
                case 2 -> (long) (-5e6 * Math.log(1 - r.nextDouble()));
                default -> r.nextLong(1L << 40); // up to ~18 minutes
            },
        };
        int windows = 0;
        for (int round = 0; round < 6; round++) {
            for (int n = 1; n <= capacity + 50; n++) {
                int size = round == 5 ? capacity + r.nextInt(2) : n; // the last round: full or one over, over and over
                LongSupplier d = distributions[(n + round) % distributions.length];
                Histogram library = libraryWindowHistogram();
                double sum = 0;
                long max = 0;
                for (int i = 0; i < size; i++) {
                    long v = d.getAsLong();
                    sum += recordBoth(w, library, v);
                    max = Math.max(max, v);
                }
                String what = "window of " + size + " values, distribution " + ((n + round) % distributions.length);
                assertSameAsLibrary(w, library, ALL, what);
                assertSameAsLibrary(w, library, SERIES, what); // asked twice: the answer does not move
                assertEquals(sum / size, w.meanNs(), 0.0, what);
                assertEquals(max, w.maxNs(), 0.0, what);
                if (n % 3 == 0) { // a window read part-way keeps recording correctly
                    for (int i = 0; i < 5; i++) {
                        recordBoth(w, library, d.getAsLong());
                    }
                    assertSameAsLibrary(w, library, ALL, what + " + 5 after a read");
                }
                w.reset();
                windows++;
            }
        }
        assertEquals(6 * (capacity + 50), windows);
    }

    @Test
    void aNegativeLatencyIsRefusedAtOnce() {
        WindowLatency w = new WindowLatency();
        assertThrows(IllegalArgumentException.class, () -> w.record(-1));
        assertEquals(0, w.count());
    }
}
