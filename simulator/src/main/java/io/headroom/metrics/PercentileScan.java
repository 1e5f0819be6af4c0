package io.headroom.metrics;

import org.HdrHistogram.AbstractHistogram;

/**
 * Several percentiles of an HdrHistogram in one scan of its buckets. {@link
 * AbstractHistogram#getValueAtPercentile} walks the buckets from the first each time it is asked;
 * the time series asks for p50, p95 and p99 of every window, three walks of a few thousand buckets
 * per window. This walk answers all the percentiles at once with the library's rule (the
 * percentile lowered by one ulp, the count rounded up, the highest equivalent value of the bucket
 * that reaches it), through the histogram's public API only: the buckets are visited by value
 * ({@code nextNonEquivalentValue}) and counted by {@code getCountAtValue}. It allocates nothing.
 */
public final class PercentileScan {
    private PercentileScan() {
    }

    /**
     * How many of {@code total} values {@code getValueAtPercentile(percent)} counts up to: the
     * percentile lowered by one ulp (so rounding cannot overrun into the next bucket) and clamped
     * to 0..100, times the total, rounded up, at least 1. The value sought is the target-th
     * smallest (1-based), at most {@code total}.
     */
    public static long targetCount(double percent, long total) {
        double requested = Math.min(Math.max(Math.nextAfter(percent, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
        double fpCount = (requested * total) / 100.0; // as getValueAtPercentile computes it
        return Math.max((long) Math.ceil(fpCount), 1);
    }

    /** Buckets summed at a time before the walk looks into them one by one. */
    private static final int CHUNK = 32;

    /**
     * {@code out[i] = h.getValueAtPercentile(percents[i])} for every i, {@code percents} ascending
     * (0 where the counts never reach a percentile's target, as the library answers for an empty
     * histogram).
     *
     * <p>The buckets are summed {@value #CHUNK} at a time ({@code getCountBetweenValues}, the
     * library's own loop over its counts); only a run of buckets in which the running count
     * reaches a target is walked bucket by bucket. A run never crosses a power of two, so its
     * buckets all have the same width.
     */
    public static void valuesAtPercentiles(AbstractHistogram h, double[] percents, double[] out) {
        int n = percents.length;
        java.util.Arrays.fill(out, 0, n, 0.0);
        long total = h.getTotalCount();
        if (n == 0 || total == 0) {
            return;
        }
        int next = 0;
        long target = targetCount(percents[0], total);
        long last = h.getMaxValue();
        // The first bucket holds the values below the unit (0 among them), which the minimum does
        // not track; every bucket between it and the minimum's is empty, so the walk skips them.
        long running = h.getCountAtValue(0);
        long width = h.sizeOfEquivalentValueRange(0);
        while (running >= target) {
            out[next] = percents[next] == 0.0 ? h.lowestEquivalentValue(0) : h.highestEquivalentValue(0);
            if (++next == n) {
                return;
            }
            target = targetCount(percents[next], total);
        }
        long from = Math.max(width, h.lowestEquivalentValue(h.getMinNonZeroValue()));
        while (from <= last) {
            width = h.sizeOfEquivalentValueRange(from);
            long limit = Long.highestOneBit(from) << 1;
            long buckets = Math.min(CHUNK, ((limit > 0 ? limit : Long.MAX_VALUE) - from) / width);
            long to = from + buckets * width - 1;
            long counted = h.getCountBetweenValues(from, to);
            if (running + counted < target) {
                running += counted;
            } else {
                for (long value = from; value <= to; value += width) {
                    running += h.getCountAtValue(value);
                    while (running >= target) {
                        out[next] = percents[next] == 0.0 ? h.lowestEquivalentValue(value) : h.highestEquivalentValue(value);
                        if (++next == n) {
                            return;
                        }
                        target = targetCount(percents[next], total);
                    }
                }
            }
            if (to == Long.MAX_VALUE) {
                return;
            }
            from = to + 1;
        }
    }
}
