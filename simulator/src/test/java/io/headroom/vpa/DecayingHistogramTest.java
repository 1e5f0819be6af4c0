package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Upstream's cases from kubernetes/autoscaler
 * {@code vertical-pod-autoscaler/pkg/recommender/util/decaying_histogram_test.go} (commit
 * 55c37cd5eb550756c5ccc5a89e9068d77797e575), with their numbers; times in ns from upstream's
 * {@code startTime = time.Unix(1234567890, 0)}.
 */
class DecayingHistogramTest {
    static final long HOUR = 3_600_000_000_000L;
    static final long START = 1_234_567_890L * 1_000_000_000L;
    static final HistogramOptions OPTIONS = HistogramTest.TEST_OPTIONS;

    /** TestPercentilesEmptyDecayingHistogram. */
    @Test
    void percentilesEmptyDecayingHistogram() {
        DecayingHistogram h = new DecayingHistogram(OPTIONS, HOUR);
        for (double p = -0.5; p <= 1.5; p += 0.5) {
            assertEquals(0.0, h.percentile(p));
        }
    }

    /** TestSimpleDecay: a sample 20 half-lives later weighs 2^20 / 1000 > 1000 times the first. */
    @Test
    void simpleDecay() {
        DecayingHistogram h = new DecayingHistogram(OPTIONS, HOUR);
        h.addSample(2, 1000, START);
        h.addSample(1, 1, START + 20 * HOUR);
        assertEquals(2, h.percentile(0.999));
        assertEquals(3, h.percentile(1.0));
    }

    /** TestLongtermDecay: past 2^maxDecayExponent the old sample falls below epsilon and is dropped. */
    @Test
    void longtermDecay() {
        DecayingHistogram h = new DecayingHistogram(OPTIONS, HOUR);
        h.addSample(2, 1, START);
        h.addSample(1, 1, START + 101 * HOUR);
        assertEquals(2, h.percentile(1.0));
    }

    /**
     * TestDecayingHistogramPercentiles: samples 1, 2, 3, 4 one half-life apart weigh 1/8, 2/4, 3/2, 4, so the
     * buckets end at 2 (percentiles 0 to 2 %), 3 (3 to 10 %), 4 (11 to 34 %) and 5.
     */
    @Test
    void decayingHistogramPercentiles() {
        DecayingHistogram h = new DecayingHistogram(OPTIONS, HOUR);
        long t = START;
        for (int i = 1; i <= 4; i++) {
            h.addSample(i, i, t);
            t += HOUR;
        }
        assertEquals(2, h.percentile(0.00));
        assertEquals(2, h.percentile(0.02));
        assertEquals(3, h.percentile(0.03));
        assertEquals(3, h.percentile(0.10));
        assertEquals(4, h.percentile(0.11));
        assertEquals(4, h.percentile(0.34));
        assertEquals(5, h.percentile(0.35));
        assertEquals(5, h.percentile(1.00));
    }

    /** TestNoDecay: at one time it is a plain histogram. */
    @Test
    void noDecay() {
        DecayingHistogram h = new DecayingHistogram(OPTIONS, HOUR);
        for (int i = 1; i <= 4; i++) {
            h.addSample(i, i, START);
        }
        HistogramTest.assertFourSamples(h::percentile);
    }

    /** TestDecayingHistogramMerge. */
    @Test
    void decayingHistogramMerge() {
        DecayingHistogram h1 = new DecayingHistogram(OPTIONS, HOUR);
        h1.addSample(1, 1, START);
        h1.addSample(2, 1, START + HOUR);
        DecayingHistogram h2 = new DecayingHistogram(OPTIONS, HOUR);
        h2.addSample(2, 1, START + 2 * HOUR);
        h2.addSample(3, 1, START + HOUR);
        DecayingHistogram expected = new DecayingHistogram(OPTIONS, HOUR);
        expected.addSample(2, 1, START + 2 * HOUR);
        expected.addSample(2, 1, START + HOUR);
        expected.addSample(3, 1, START + HOUR);
        expected.addSample(1, 1, START);
        h1.merge(h2);
        assertTrue(h1.sameAs(expected));
    }

    /**
     * The reference moves to a multiple of the half-life, halfway rounded up as Go's {@code time.Round}:
     * 1234567890 s is 342935.525 h, so the first sample sets it to 342936 h.
     */
    @Test
    void referenceRoundedToHalfLife() {
        DecayingHistogram h = new DecayingHistogram(OPTIONS, HOUR);
        h.addSample(1, 1, START);
        assertEquals(342_936L * HOUR, h.referenceNs());
        assertEquals(0L, DecayingHistogram.roundToMultiple(-HOUR / 2, HOUR));
        assertEquals(-HOUR, DecayingHistogram.roundToMultiple(-HOUR / 2 - 1, HOUR));
    }
}
