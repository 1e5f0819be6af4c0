package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Upstream's CPU cases from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/logic/estimator_test.go}
 * and {@code recommender_test.go} (commit 55c37cd5eb550756c5ccc5a89e9068d77797e575), with their numbers. The memory
 * halves of these tests are not ported (no memory recommendation).
 */
class EstimatorsTest {
    static final long MINUTE = 60_000_000_000L;
    static final long DAY = 24 * 60 * MINUTE;

    /** Upstream's const CPU estimator of 3.14 cores: {@code CPUAmountFromCores(3.14)}. */
    static final long BASE = CpuUsageState.cpuAmountFromCores(3.14);

    /**
     * TestPercentileEstimator: the 20th percentile of samples 1, 2, 3 cores is the end of the bucket of 1 core,
     * 1.0162814 cores, truncated to 1016 millicores (upstream: within 5 % of 1.0).
     */
    @Test
    void percentileEstimator() {
        CpuUsageState s = new CpuUsageState(DAY, false);
        s.addSample(1.0, 0, 0);
        s.addSample(2.0, 0, 0);
        s.addSample(3.0, 0, 0);
        assertEquals(1016, Estimators.percentile(s, 0.2));
    }

    /**
     * TestConfidenceMultiplier: without history the multiplier is +Inf (the maximum amount) for a positive exponent
     * and 0 for a negative one; after 9 samples 2 minutes apart the confidence is min(16/1440, 9/1440) = 0.00625 and
     * 3.14 cores * (1 + 0.1/0.00625)^2 = 907.46 cores.
     */
    @Test
    void confidenceMultiplier() {
        CpuUsageState s = new CpuUsageState(DAY, false);
        double none = Estimators.confidence(s, DAY);
        assertEquals(100_000_000_000_000L, Estimators.withConfidence(BASE, 1.0, 1.0, none));
        assertEquals(0, Estimators.withConfidence(BASE, 1.0, -1.0, none));

        long t = 0;
        for (int i = 1; i <= 9; i++) {
            s.addSample(1.0, 0, t);
            t += 2 * MINUTE;
        }
        double confidence = Estimators.confidence(s, DAY);
        assertEquals(0.00625, confidence);
        assertEquals(907_460, Estimators.withConfidence(BASE, 0.1, 2.0, confidence));
    }

    /** TestConfidenceMultiplierWithCustomInterval: 9 samples over an 18-minute interval, confidence 0.5; 4.521 cores. */
    @Test
    void confidenceMultiplierWithCustomInterval() {
        CpuUsageState s = new CpuUsageState(DAY, false);
        long t = 0;
        for (int i = 1; i <= 9; i++) {
            s.addSample(1.0, 0, t);
            t += 2 * MINUTE;
        }
        double confidence = Estimators.confidence(s, 18 * MINUTE);
        assertEquals(0.5, confidence);
        assertEquals(4_521, Estimators.withConfidence(BASE, 0.1, 2.0, confidence)); // 3.14 * 1.44 = 4.5216, truncated
    }

    /** TestConfidenceMultiplierNoHistory. */
    @Test
    void confidenceMultiplierNoHistory() {
        CpuUsageState s = new CpuUsageState(DAY, false);
        assertEquals(Estimators.MAX_RESOURCE_AMOUNT,
                Estimators.withConfidence(BASE, 0.1, 2.0, Estimators.confidence(s, DAY)));
    }

    /** TestMarginEstimator: 10 % on 3.14 cores is 3.454 cores. */
    @Test
    void marginEstimator() {
        assertEquals(3_454, Estimators.withMargin(BASE, 0.1));
    }

    /** TestMinResourcesEstimator: 3.14 cores stays above a 0.2-core minimum. */
    @Test
    void minResourcesEstimator() {
        assertEquals(3_140, Estimators.withMin(BASE, CpuUsageState.cpuAmountFromCores(0.2)));
    }

    /** TestMinResourcesApplied (recommender_test.go): a 1-millicore estimate is raised to 25m. */
    @Test
    void minResourcesApplied() {
        Recommender r = new Recommender();
        r.addCpuSample(0.001, 0.1, 0);
        Recommendation rec = r.recommend(0);
        assertEquals(25, rec.targetMilli());
        assertEquals(25, rec.lowerMilli());
    }
}
