package org.HdrHistogram;

/**
 * Several percentiles of an HdrHistogram in one scan of its counts. {@link
 * AbstractHistogram#getValueAtPercentile} scans the counts from the first bucket each time it is
 * called; the per-window time series asks for p50, p95 and p99 of every window, three scans of a
 * few thousand buckets per window. This is the same algorithm (the same lowering of the percentile
 * by one ulp, the same rounding of the count up, the same highest-equivalent value), run once for
 * all the percentiles; it lives in HdrHistogram's package because the counts are package-private.
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

    /**
     * {@code out[i] = h.getValueAtPercentile(percents[i])} for every i, {@code percents} ascending
     * (0 where the scan never reaches a percentile's count, as the library answers).
     */
    public static void valuesAtPercentiles(AbstractHistogram h, double[] percents, double[] out) {
        int n = percents.length;
        long total = h.getTotalCount();
        java.util.Arrays.fill(out, 0, n, 0.0);
        int next = 0;
        long target = n > 0 ? targetCount(percents[0], total) : 0;
        long running = 0;
        int length = h.countsArrayLength;
        // Every bucket between the first (values below the unit, which the minimum does not track)
        // and the minimum's is empty: the scan skips them.
        long min = h.getMinNonZeroValue();
        int firstNonZero = min == Long.MAX_VALUE ? length : Math.max(1, h.countsArrayIndex(min));
        for (int index = 0; index < length && next < n; index = index == 0 ? firstNonZero : index + 1) {
            running += h.getCountAtIndex(index);
            while (next < n && running >= target) {
                long valueAtIndex = h.valueFromIndex(index);
                out[next] = percents[next] == 0.0 ? h.lowestEquivalentValue(valueAtIndex) : h.highestEquivalentValue(valueAtIndex);
                next++;
                if (next < n) {
                    target = targetCount(percents[next], total);
                }
            }
        }
    }
}
