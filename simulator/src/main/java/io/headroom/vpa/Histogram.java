package io.headroom.vpa;

/**
 * An approximate distribution of a resource's usage: each bucket of {@link HistogramOptions} holds the total
 * weight of the samples that fell into it, with no interpolation inside a bucket. A percentile is read as the
 * END of the bucket where the cumulative weight reaches it (the start of the last bucket, which has no end),
 * so the VPA rounds its estimates up to the next bucket boundary.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/util/histogram.go}
 * ({@code histogram}: {@code AddSample}, {@code SubtractSample}, {@code Merge}, {@code Percentile},
 * {@code IsEmpty}, {@code Equals}, {@code scale}, {@code updateMinAndMaxBucket}). Checkpoints (the CRD the
 * recommender persists its histograms in) are not ported: a run keeps its histograms in memory.
 */
public final class Histogram {
    private final HistogramOptions options;
    private final double[] bucketWeight;
    private double totalWeight;
    /** Index of the first non-empty bucket, or of the last bucket when empty. */
    private int minBucket;
    /** Index of the last non-empty bucket, or 0 when empty. */
    private int maxBucket;

    public Histogram(HistogramOptions options) {
        this.options = options;
        this.bucketWeight = new double[options.numBuckets()];
        this.minBucket = options.numBuckets() - 1;
        this.maxBucket = 0;
    }

    public HistogramOptions options() {
        return options;
    }

    /** Adds {@code weight} to the bucket of {@code value}. */
    public void addSample(double value, double weight) {
        if (weight < 0.0) {
            throw new IllegalArgumentException("sample weight must be non-negative");
        }
        int bucket = options.findBucket(value);
        bucketWeight[bucket] += weight;
        totalWeight += weight;
        if (bucket < minBucket && bucketWeight[bucket] >= options.epsilon()) {
            minBucket = bucket;
        }
        if (bucket > maxBucket && bucketWeight[bucket] >= options.epsilon()) {
            maxBucket = bucket;
        }
    }

    /** Removes {@code weight} from the bucket of {@code value}; a weight left below epsilon becomes 0. */
    public void subtractSample(double value, double weight) {
        if (weight < 0.0) {
            throw new IllegalArgumentException("sample weight must be non-negative");
        }
        int bucket = options.findBucket(value);
        double epsilon = options.epsilon();
        totalWeight = safeSubtract(totalWeight, weight, epsilon);
        bucketWeight[bucket] = safeSubtract(bucketWeight[bucket], weight, epsilon);
        updateMinAndMaxBucket();
    }

    private static double safeSubtract(double value, double sub, double epsilon) {
        double v = value - sub;
        return v < epsilon ? 0.0 : v;
    }

    /** Adds every bucket of {@code other}, which must use the same options. */
    public void merge(Histogram other) {
        if (!options.equals(other.options)) {
            throw new IllegalArgumentException("can't merge histograms with different options");
        }
        for (int bucket = other.minBucket; bucket <= other.maxBucket; bucket++) {
            bucketWeight[bucket] += other.bucketWeight[bucket];
        }
        totalWeight += other.totalWeight;
        minBucket = Math.min(minBucket, other.minBucket);
        maxBucket = Math.max(maxBucket, other.maxBucket);
    }

    /**
     * The end of the first bucket (from the lowest non-empty one) where the cumulative weight reaches
     * {@code percentile * totalWeight}, stopping at the highest non-empty bucket; 0 when empty.
     * {@code percentile} is a fraction (0.9 for the 90th).
     */
    public double percentile(double percentile) {
        if (isEmpty()) {
            return 0.0;
        }
        double partialSum = 0.0;
        double threshold = percentile * totalWeight;
        int bucket = minBucket;
        for (; bucket < maxBucket; bucket++) {
            partialSum += bucketWeight[bucket];
            if (partialSum >= threshold) {
                break;
            }
        }
        if (bucket < options.numBuckets() - 1) {
            return options.bucketStart(bucket + 1);
        }
        return options.bucketStart(bucket); // the last bucket has no end
    }

    /** Whether no bucket holds at least epsilon. */
    public boolean isEmpty() {
        return bucketWeight[minBucket] < options.epsilon();
    }

    public double totalWeight() {
        return totalWeight;
    }

    /** Upstream's {@code Equals}: same options, same non-empty range, bucket weights within 1e-15. */
    public boolean sameAs(Histogram other) {
        if (!options.equals(other.options) || minBucket != other.minBucket || maxBucket != other.maxBucket) {
            return false;
        }
        for (int bucket = minBucket; bucket <= maxBucket; bucket++) {
            double diff = bucketWeight[bucket] - other.bucketWeight[bucket];
            if (diff > 1e-15 || diff < -1e-15) {
                return false;
            }
        }
        return true;
    }

    /** Multiplies every weight by {@code factor} (percentiles unchanged); buckets that fall below epsilon empty. */
    void scale(double factor) {
        if (factor < 0.0) {
            throw new IllegalArgumentException("scale factor must be non-negative");
        }
        for (int bucket = minBucket; bucket <= maxBucket; bucket++) {
            bucketWeight[bucket] *= factor;
        }
        totalWeight *= factor;
        updateMinAndMaxBucket();
    }

    private void updateMinAndMaxBucket() {
        double epsilon = options.epsilon();
        int lastBucket = options.numBuckets() - 1;
        while (bucketWeight[minBucket] < epsilon && minBucket < lastBucket) {
            minBucket++;
        }
        while (bucketWeight[maxBucket] < epsilon && maxBucket > 0) {
            maxBucket--;
        }
    }
}
