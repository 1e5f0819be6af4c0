package io.headroom.cache;

import java.util.Locale;

/**
 * A measured hit ratio and its standard error by batch means: the counted requests are cut into
 * {@code batches} consecutive batches, each long against the cache's memory (for LRU, Che's T requests;
 * for TTL, the requests of one τ), so the batch ratios are close to independent and their spread gives an
 * honest standard error even though successive hits are correlated.
 */
record HitRatioEstimate(double mean, double standardError, long requests) {

    static HitRatioEstimate of(long[] hitsPerBatch, long requestsPerBatch) {
        int b = hitsPerBatch.length;
        double sum = 0;
        double sumSq = 0;
        for (long h : hitsPerBatch) {
            double r = (double) h / requestsPerBatch;
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / b;
        double var = (sumSq - b * mean * mean) / (b - 1);
        return new HitRatioEstimate(mean, Math.sqrt(Math.max(0, var) / b), (long) b * requestsPerBatch);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f ± %.4f (1 SE, %d requests)", mean, standardError, requests);
    }
}
