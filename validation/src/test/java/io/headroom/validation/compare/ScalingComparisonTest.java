package io.headroom.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.validation.testbed.ScaledService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The instance-count comparison on hand-made timelines: levels, lags and the one-sync-period rule. */
class ScalingComparisonTest {

    /** Testbed: 1 instance, 2 from 10 s, 3 from 20 s, over 40 s. */
    private static ScaledService.Timeline testbed() {
        List<int[]> perSecond = new ArrayList<>();
        for (int t = 1; t < 40; t++) {
            perSecond.add(new int[] {t, t < 10 ? 1 : t < 20 ? 2 : 3, 0});
        }
        return new ScaledService.Timeline("api", 5, perSecond,
                List.of(new ScaledService.ScaleEvent(10.0, 1, 2), new ScaledService.ScaleEvent(20.0, 2, 3)));
    }

    /** A replication whose count steps to 2 at {@code a} and to 3 at {@code b} seconds (one-second windows). */
    private static List<double[]> simulated(double a, double b) {
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            double c = 1 + Math.max(0, Math.min(1, t + 1 - a)) + Math.max(0, Math.min(1, t + 1 - b));
            rows.add(new double[] {t, 1, c});
        }
        return rows;
    }

    @Test
    void stepsThreeSecondsLateAreWithinAFiveSecondSyncPeriodWithTheirLag() {
        ScalingComparison c = ScalingComparison.of(testbed(), List.of(simulated(13, 23), simulated(13, 23)), 40);
        assertEquals(2, c.levels().size());
        assertEquals(10.0, c.levels().get(0).testbedS(), 1e-9);
        assertEquals(13.0, c.levels().get(0).simulatedS(), 1e-9); // the step at 13 s: window [13, 14) averages 2
        assertEquals(3.0, c.levels().get(0).lagS(), 1e-9);
        assertEquals(3.0, c.levels().get(1).lagS(), 1e-9);
        assertEquals(1.0, c.maxAbsDiff(), 1e-9);
        assertTrue(c.pass());
        assertEquals(1.0, c.simulated()[0], 1e-9);
        assertEquals(1.0, c.measured()[0], 1e-9); // second 0 has no sample: the first one
    }

    @Test
    void aStepHalfWayIntoAWindowIsPlacedThere() {
        ScalingComparison c = ScalingComparison.of(testbed(), List.of(simulated(12.5, 22.5)), 40);
        assertEquals(12.5, c.levels().get(0).simulatedS(), 1e-9);
        assertEquals(2.5, c.levels().get(1).lagS(), 1e-9);
    }

    @Test
    void stepsEightSecondsLateMissOneSyncPeriod() {
        ScalingComparison c = ScalingComparison.of(testbed(), List.of(simulated(18, 28)), 40);
        assertFalse(c.pass());
        // seconds 10-12 (2 measured, the simulated count is 1 all over [t-5, t+5]) and 20-22 likewise
        assertEquals(6, c.secondsOutside());
        assertEquals(8.0, c.maxAbsLagS(), 1e-9);
    }
}
