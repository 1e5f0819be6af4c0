package io.headroom.metrics;

import org.HdrHistogram.Histogram;

/**
 * Latencies of successful requests: an HdrHistogram plus an exact sum and maximum, so the mean is
 * not a histogram approximation. Memory is fixed whatever the number of requests.
 */
public final class LatencyStats {
    private final Histogram histogram;
    private double sumNs;
    private long maxNs;

    /**
     * For summaries: 3 significant digits (percentiles within 0.1 %), from 1 ns. (The per-window
     * series uses {@link WindowLatency}.)
     */
    public LatencyStats() {
        histogram = new Histogram(3);
    }

    public void record(long latencyNs) {
        histogram.recordValue(latencyNs);
        sumNs += latencyNs;
        if (latencyNs > maxNs) {
            maxNs = latencyNs;
        }
    }

    public void add(LatencyStats other) {
        histogram.add(other.histogram);
        sumNs += other.sumNs;
        maxNs = Math.max(maxNs, other.maxNs);
    }

    public void reset() {
        if (histogram.getTotalCount() > 0) {
            histogram.reset();
        }
        sumNs = 0;
        maxNs = 0;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double meanNs() {
        long n = count();
        return n == 0 ? Double.NaN : sumNs / n;
    }

    /** The latency below which {@code percent} % of requests fall, in ns (NaN with no requests). */
    public double percentileNs(double percent) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percent);
    }

    /**
     * Several percentiles at once, {@code percents} ascending, into {@code out} (ns; NaN with no
     * requests): the same values as {@link #percentileNs} for each (HdrHistogram's
     * {@code getValueAtPercentile}: the highest equivalent value of the first bucket whose running
     * count reaches ceil(p / 100 × total), p lowered by one ulp), found in one scan of the
     * counts instead of one per percentile ({@link PercentileScan}).
     */
    public void percentilesNs(double[] percents, double[] out) {
        int n = percents.length;
        if (count() == 0) {
            java.util.Arrays.fill(out, 0, n, Double.NaN);
            return;
        }
        PercentileScan.valuesAtPercentiles(histogram, percents, out);
    }

    public double maxNs() {
        return count() == 0 ? Double.NaN : maxNs;
    }

    /** Mean, p50, p90, p95, p99, p99.9 and max in milliseconds (NaN where there were no requests). */
    public LatencySummary summary() {
        return new LatencySummary(meanNs() / 1e6, percentileNs(50) / 1e6, percentileNs(90) / 1e6, percentileNs(95) / 1e6,
                percentileNs(99) / 1e6, percentileNs(99.9) / 1e6, maxNs() / 1e6);
    }

    /** Latency figures in milliseconds. */
    public record LatencySummary(double mean, double p50, double p90, double p95, double p99, double p99_9, double max) {
    }
}
