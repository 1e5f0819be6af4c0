package io.headroom.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pooling repeated runs: the means and Student-t half-widths by hand, the runs a target half-width takes, a
 * wrong model caught, and the pooled interval's coverage of a known mean (the 95 % it claims).
 */
class RepeatsTest {

    private static List<Repeats.Figures> run(double measuredP99, double simulatedP99) {
        return List.of(new Repeats.Figures("replay-calibrated", List.of(
                new Repeats.Figures.Figure("p99_ms", measuredP99, simulatedP99, 10),
                new Repeats.Figures.Figure("error_rate", 0.01, 0.012, 0))));
    }

    @Test
    void meansAndHalfWidthsAreTheStudentTIntervalsOfTheRuns() {
        // measured 100, 110, 90, 100: mean 100, sd sqrt(200/3) = 8.165; t(3, 0.975) = 3.1824
        // simulated 102, 108, 95, 99: mean 101; differences 2, -2, 5, -1: mean 1, sd 3.1623
        var pooled = Repeats.pool(List.of(run(100, 102), run(110, 108), run(90, 95), run(100, 99))).get(0);
        assertEquals(4, pooled.runs());
        var p99 = pooled.row("p99_ms");
        assertEquals(100, p99.measured(), 1e-12);
        assertEquals(3.182446 * 8.164966 / 2, p99.measuredHalfWidth(), 1e-5);
        assertEquals(101, p99.simulated(), 1e-12);
        assertEquals(1.0, p99.error(), 1e-12, "percent of the measured mean");
        assertEquals(3.182446 * 3.162278 / 2, p99.errorHalfWidth(), 1e-5);
        assertTrue(p99.pass());
        var rate = pooled.row("error_rate");
        assertEquals(0.2, rate.error(), 1e-9, "percentage points");
        assertEquals(0, rate.errorHalfWidth(), 1e-9);
        assertFalse(rate.pass(), "a constant 0.2 pp difference with no spread misses a target of 0");
    }

    @Test
    void aModelFifteenPercentHighIsCaughtOnceTheRunsPinIt() {
        List<List<Repeats.Figures>> runs = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(7);
        for (int k = 0; k < 10; k++) {
            double m = 100 + 5 * rng.nextGaussian();
            runs.add(run(m, 1.15 * m + rng.nextGaussian()));
        }
        var p99 = Repeats.pool(runs).get(0).row("p99_ms");
        assertEquals(15, p99.error(), 1.5);
        assertFalse(p99.pass(), "error " + p99.error() + " ± " + p99.errorHalfWidth());
    }

    @Test
    void runsForATargetHalfWidth() {
        // sd 10, mean 100, 10 %: the first n with t(n-1) * 10 / sqrt(n) <= 10 is 7 (t6 = 2.447 <= 2.646; t5 = 2.571 > 2.449)
        assertEquals(7, Repeats.runsFor(10, 100, 0.10));
        // 5 %: t / sqrt(n) <= 0.5: n = 18 (t17 = 2.110 / 4.243 = 0.497; n = 17: 2.120 / 4.123 = 0.514)
        assertEquals(18, Repeats.runsFor(10, 100, 0.05));
        assertEquals(-1, Repeats.runsFor(0, 100, 0.05), "no spread: no number of runs is meaningful");
    }

    @Test
    void thePooledIntervalCoversAKnownMean95PercentOfTheTime() {
        // 4000 pools of 5 normal runs: coverage 0.95 with a binomial standard error of 0.0034; 4 standard errors allowed
        SplittableRandom rng = new SplittableRandom(11);
        int covered = 0;
        int trials = 4000;
        for (int t = 0; t < trials; t++) {
            List<List<Repeats.Figures>> runs = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                runs.add(run(200 + 20 * rng.nextGaussian(), 200));
            }
            var p99 = Repeats.pool(runs).get(0).row("p99_ms");
            if (Math.abs(p99.measured() - 200) <= p99.measuredHalfWidth()) {
                covered++;
            }
        }
        assertEquals(0.95, covered / (double) trials, 4 * Math.sqrt(0.95 * 0.05 / trials));
    }

    @Test
    void oneRunIsNotPooled() {
        assertThrows(IllegalArgumentException.class, () -> Repeats.pool(List.of(run(1, 1))));
    }
}
