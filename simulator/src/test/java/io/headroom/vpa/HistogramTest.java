package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Upstream's cases from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/util/histogram_test.go}
 * and {@code histogram_options_test.go} (commit 55c37cd5eb550756c5ccc5a89e9068d77797e575), with their numbers.
 * Upstream asserts percentiles within a relative 1e-15; these are exact.
 */
class HistogramTest {
    static final double WEIGHT_EPSILON = 1e-15;
    static final HistogramOptions TEST_OPTIONS = HistogramOptions.linear(10.0, 1.0, WEIGHT_EPSILON);

    /** TestLinearHistogramOptions. */
    @Test
    void linearHistogramOptions() {
        HistogramOptions o = HistogramOptions.linear(5.0, 0.3, 0.001);
        assertEquals(0.001, o.epsilon());
        assertEquals(18, o.numBuckets());
        assertEquals(0.0, o.bucketStart(0));
        assertEquals(5.1, o.bucketStart(17));
        assertEquals(0, o.findBucket(-1.0));
        assertEquals(0, o.findBucket(0.0));
        assertEquals(4, o.findBucket(1.3));
        assertEquals(17, o.findBucket(100.0));
    }

    /** TestExponentialHistogramOptions. */
    @Test
    void exponentialHistogramOptions() {
        HistogramOptions o = HistogramOptions.exponential(500.0, 40.0, 1.5, 0.001);
        assertEquals(0.001, o.epsilon());
        assertEquals(6, o.numBuckets());
        assertEquals(0.0, o.bucketStart(0));
        assertEquals(40.0, o.bucketStart(1));
        assertEquals(100.0, o.bucketStart(2));
        assertEquals(190.0, o.bucketStart(3));
        assertEquals(325.0, o.bucketStart(4));
        assertEquals(527.5, o.bucketStart(5));
        assertEquals(0, o.findBucket(-1.0));
        assertEquals(0, o.findBucket(39.99));
        assertEquals(1, o.findBucket(40.0));
        assertEquals(2, o.findBucket(100.0));
        assertEquals(5, o.findBucket(900.0));
        assertThrows(IndexOutOfBoundsException.class, () -> o.bucketStart(6));
        assertThrows(IllegalArgumentException.class, () -> HistogramOptions.exponential(500.0, 40.0, 1.0, 0.001));
    }

    /**
     * The recommender's CPU options (aggregations_config.go {@code cpuHistogramOptions}): 0.01 core, ratio 1.05,
     * 1000 cores, so ceil(log_1.05(1000 * 0.05 / 0.01 + 1)) + 1 = ceil(174.56) + 1 = 176 buckets; 1 core falls in
     * bucket floor(log_1.05(6)) = 36, which ends at 0.01 (1.05^37 - 1) / 0.05 = 1.0162814 cores.
     */
    @Test
    void cpuHistogramOptions() {
        HistogramOptions o = CpuUsageState.CPU_HISTOGRAM_OPTIONS;
        assertEquals(176, o.numBuckets());
        assertEquals(0.0001, o.epsilon());
        assertEquals(36, o.findBucket(1.0));
        assertEquals(0.01, o.bucketStart(1), 1e-15);
        assertEquals(1.0162814, o.bucketStart(37), 1e-7);
        assertEquals(175, o.findBucket(5000.0));
    }

    /** TestPercentilesEmptyHistogram. */
    @Test
    void percentilesEmptyHistogram() {
        Histogram h = new Histogram(TEST_OPTIONS);
        for (double p = -0.5; p <= 1.5; p += 0.5) {
            assertEquals(0.0, h.percentile(p));
        }
    }

    /** TestPercentiles: the histogram { 1: 1, 2: 2, 3: 3, 4: 4 }. */
    @Test
    void percentiles() {
        Histogram h = new Histogram(TEST_OPTIONS);
        for (int i = 1; i <= 4; i++) {
            h.addSample(i, i);
        }
        assertFourSamples(h::percentile);
    }

    static void assertFourSamples(java.util.function.DoubleUnaryOperator percentile) {
        assertEquals(2, percentile.applyAsDouble(0.0));
        assertEquals(2, percentile.applyAsDouble(0.1));
        assertEquals(3, percentile.applyAsDouble(0.2));
        assertEquals(3, percentile.applyAsDouble(0.3));
        assertEquals(4, percentile.applyAsDouble(0.4));
        assertEquals(4, percentile.applyAsDouble(0.5));
        assertEquals(4, percentile.applyAsDouble(0.6));
        assertEquals(5, percentile.applyAsDouble(0.7));
        assertEquals(5, percentile.applyAsDouble(0.8));
        assertEquals(5, percentile.applyAsDouble(0.9));
        assertEquals(5, percentile.applyAsDouble(1.0));
    }

    /** TestPercentileOutOfBounds: below 0 the minimum, above 1 the maximum. */
    @Test
    void percentileOutOfBounds() {
        Histogram h = new Histogram(HistogramOptions.linear(1.0, 0.1, WEIGHT_EPSILON));
        h.addSample(0.1, 0.1);
        h.addSample(0.2, 0.2);
        assertEquals(0.2, h.percentile(-0.1));
        assertEquals(0.30000000000000004, h.percentile(1.1)); // 3 * 0.1, InEpsilon(0.3, 1e-15) upstream
        h.addSample(0.0, 0.1);
        h.addSample(1.0, 0.2);
        assertEquals(0.1, h.percentile(-0.1));
        assertEquals(1.0, h.percentile(1.1));
    }

    /** TestEmptyHistogram. */
    @Test
    void emptyHistogram() {
        Histogram h = new Histogram(HistogramOptions.linear(1.0, 0.1, WEIGHT_EPSILON));
        assertTrue(h.isEmpty());
        h.addSample(0.1, WEIGHT_EPSILON * 2.5);
        assertFalse(h.isEmpty());
        h.subtractSample(0.1, WEIGHT_EPSILON);
        assertFalse(h.isEmpty());
        h.subtractSample(0.1, WEIGHT_EPSILON);
        assertTrue(h.isEmpty());
    }

    /** TestNonEmptyOnEpsilonAddition. */
    @Test
    void nonEmptyOnEpsilonAddition() {
        Histogram h = new Histogram(HistogramOptions.linear(1.0, 0.1, WEIGHT_EPSILON));
        assertTrue(h.isEmpty());
        h.addSample(9.9, WEIGHT_EPSILON * 3);
        assertFalse(h.isEmpty());
        h.addSample(0.1, WEIGHT_EPSILON * 0.3);
        assertFalse(h.isEmpty());
        h.addSample(999.9, WEIGHT_EPSILON * 0.3);
        assertFalse(h.isEmpty());
    }

    /** TestHistogramMerge. */
    @Test
    void histogramMerge() {
        Histogram h1 = new Histogram(TEST_OPTIONS);
        h1.addSample(1, 1);
        h1.addSample(2, 1);
        Histogram h2 = new Histogram(TEST_OPTIONS);
        h2.addSample(2, 1);
        h2.addSample(3, 1);
        Histogram expected = new Histogram(TEST_OPTIONS);
        expected.addSample(1, 1);
        expected.addSample(2, 1);
        expected.addSample(2, 1);
        expected.addSample(3, 1);
        h1.merge(h2);
        assertTrue(h1.sameAs(expected));
        assertEquals(4.0, h1.totalWeight());
    }
}
