package io.headroom.vpa;

/**
 * How a VPA histogram cuts the value axis into buckets. CPU and memory use exponential buckets (each bucket 5 %
 * wider than the one before), so the relative resolution is the same for a 10m sidecar and a 40-core database;
 * tests use linear buckets. A bucket whose weight is below {@link #epsilon()} counts as empty.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/util/histogram_options.go}
 * ({@code NewLinearHistogramOptions}, {@code NewExponentialHistogramOptions}); logarithms and powers use
 * {@link StrictMath}, the fdlibm algorithms Go's {@code math.Log} is ported from.
 */
public sealed interface HistogramOptions {
    /** Number of buckets. */
    int numBuckets();

    /** Index of the bucket {@code value} falls into; values outside the range go to the first or the last bucket. */
    int findBucket(double value);

    /** Start of bucket {@code bucket} (0 for the first). */
    double bucketStart(int bucket);

    /** Minimum weight for a bucket to count as non-empty. */
    double epsilon();

    /**
     * Buckets {@code [0, bucketSize)}, {@code [bucketSize, 2 bucketSize)}, ..., the last one starting at or above
     * {@code maxValue}.
     */
    static HistogramOptions linear(double maxValue, double bucketSize, double epsilon) {
        if (maxValue <= 0.0 || bucketSize <= 0.0 || epsilon <= 0.0) {
            throw new IllegalArgumentException("maxValue and bucketSize must both be positive");
        }
        int numBuckets = (int) Math.ceil(maxValue / bucketSize) + 1;
        return new Linear(numBuckets, bucketSize, epsilon);
    }

    /**
     * Bucket {@code n} has size {@code firstBucketSize * ratio^n}, so bucket {@code n >= 1} starts at
     * {@code firstBucketSize * (ratio^n - 1) / (ratio - 1)}; the last bucket starts at or above {@code maxValue}.
     */
    static HistogramOptions exponential(double maxValue, double firstBucketSize, double ratio, double epsilon) {
        if (maxValue <= 0.0 || firstBucketSize <= 0.0 || ratio <= 1.0 || epsilon <= 0.0) {
            throw new IllegalArgumentException("maxValue, firstBucketSize and epsilon must be > 0.0, ratio must be > 1.0");
        }
        int numBuckets = (int) Math.ceil(log(ratio, maxValue * (ratio - 1) / firstBucketSize + 1)) + 1;
        return new Exponential(numBuckets, firstBucketSize, ratio, epsilon);
    }

    /** Fixed-size buckets. */
    record Linear(int numBuckets, double bucketSize, double epsilon) implements HistogramOptions {
        @Override
        public int findBucket(double value) {
            int bucket = (int) (value / bucketSize);
            if (bucket < 0) {
                return 0;
            }
            return Math.min(bucket, numBuckets - 1);
        }

        @Override
        public double bucketStart(int bucket) {
            checkIndex(bucket, numBuckets);
            return bucket * bucketSize;
        }
    }

    /** Exponentially growing buckets. */
    record Exponential(int numBuckets, double firstBucketSize, double ratio, double epsilon) implements HistogramOptions {
        /** {@code floor(log(value / firstBucketSize * (ratio - 1) + 1) / log(ratio))}, the inverse of {@link #bucketStart}. */
        @Override
        public int findBucket(double value) {
            if (value < firstBucketSize) {
                return 0;
            }
            int bucket = (int) log(ratio, value * (ratio - 1) / firstBucketSize + 1);
            return Math.min(bucket, numBuckets - 1);
        }

        @Override
        public double bucketStart(int bucket) {
            checkIndex(bucket, numBuckets);
            if (bucket == 0) {
                return 0.0;
            }
            return firstBucketSize * (StrictMath.pow(ratio, bucket) - 1) / (ratio - 1);
        }
    }

    private static void checkIndex(int bucket, int numBuckets) {
        if (bucket < 0 || bucket >= numBuckets) {
            throw new IndexOutOfBoundsException("index " + bucket + " out of range [0.." + (numBuckets - 1) + "]");
        }
    }

    /** Logarithm of {@code x} to {@code base}. */
    private static double log(double base, double x) {
        return StrictMath.log(x) / StrictMath.log(base);
    }
}
