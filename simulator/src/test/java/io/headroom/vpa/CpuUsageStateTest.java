package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CPU cases of kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/model/container_test.go}
 * and {@code aggregate_container_state_test.go} (commit 55c37cd5eb550756c5ccc5a89e9068d77797e575). Upstream checks
 * the histogram calls through a mock; here the state's histogram is compared with one fed the expected calls.
 */
class CpuUsageStateTest {
    static final long HOUR = 3_600_000_000_000L;
    static final long DAY = 24 * HOUR;
    /** Upstream's {@code testTimestamp}, 2017-04-18 17:35:05 UTC. */
    static final long T0 = 1_492_536_905L * 1_000_000_000L;

    /**
     * TestAggregateContainerUsageSamples (CPU part): samples 3140m, 6280m, 1570m half an aggregation interval apart
     * go to the CPU histogram with weight minSampleWeight (0.1); a negative usage is discarded.
     */
    @Test
    void aggregateContainerUsageSamples() {
        CpuUsageState s = new CpuUsageState(DAY, false);
        long step = DAY / 2;
        assertTrue(s.addSample(3.14, 2.3, T0));
        assertTrue(s.addSample(6.28, 2.3, T0 + step));
        assertTrue(s.addSample(1.57, 2.3, T0 + 2 * step));
        assertFalse(s.addSample(-1.0, 2.3, T0 + 4 * step));

        DecayingHistogram expected = new DecayingHistogram(CpuUsageState.CPU_HISTOGRAM_OPTIONS, DAY);
        expected.addSample(3.14, 0.1, T0);
        expected.addSample(6.28, 0.1, T0 + step);
        expected.addSample(1.57, 0.1, T0 + 2 * step);
        assertTrue(s.usage().sameAs(expected));
        assertEquals(3, s.totalSamples());
        assertEquals(T0, s.firstSampleNs());
        assertEquals(T0 + 2 * step, s.lastSampleNs());
    }

    /**
     * The same samples weighted by the request (2.3 cores), as the test expected before kubernetes/autoscaler#7819
     * (commit ca812b36a3, "The weight should be equal to the current request").
     */
    @Test
    void aggregateContainerUsageSamplesWeightedByRequest() {
        CpuUsageState s = new CpuUsageState(DAY, true);
        long step = DAY / 2;
        s.addSample(3.14, 2.3, T0);
        s.addSample(6.28, 2.3, T0 + step);
        s.addSample(1.57, 0.05, T0 + 2 * step); // a request under 0.1 core weighs minSampleWeight
        DecayingHistogram expected = new DecayingHistogram(CpuUsageState.CPU_HISTOGRAM_OPTIONS, DAY);
        expected.addSample(3.14, 2.3, T0);
        expected.addSample(6.28, 2.3, T0 + step);
        expected.addSample(1.57, 0.1, T0 + 2 * step);
        assertTrue(s.usage().sameAs(expected));
    }

    /**
     * TestAggregateStateByContainerName (CPU part): the states of two containers of the same name merge into one
     * with both samples, whose histogram is the merge of theirs.
     */
    @Test
    void aggregateStateByContainerName() {
        CpuUsageState a1 = new CpuUsageState(DAY, false);
        a1.addSample(1.0, 3.14, T0);
        CpuUsageState a2 = new CpuUsageState(DAY, false);
        a2.addSample(3.0, 3.14, T0);

        DecayingHistogram expected = new DecayingHistogram(CpuUsageState.CPU_HISTOGRAM_OPTIONS, DAY);
        expected.merge(a1.usage());
        expected.merge(a2.usage());

        CpuUsageState merged = new CpuUsageState(DAY, false);
        merged.merge(a1);
        merged.merge(a2);
        assertEquals(2, merged.totalSamples());
        assertTrue(merged.usage().sameAs(expected));
        assertEquals(T0, merged.firstSampleNs());
        assertEquals(T0, merged.lastSampleNs());
    }
}
