package io.headroom.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.run.RunOptions;
import io.headroom.theory.Queueing;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/** MSER-5 warm-up deletion: on series made by hand, and on an M/M/1 queue started empty under heavy load. */
class MserTest {

    @Test
    void aSeriesWithoutTransientLosesNothing() {
        double[] flat = new double[200];
        java.util.Arrays.fill(flat, 3.0);
        assertEquals(0, Mser.truncation(flat));
        assertEquals(0, Mser.truncation(new double[] {1, 2, 3}), "too short to judge");
    }

    @Test
    void aStepTransientIsCutAtTheStep() {
        // 60 observations far below the level, then 440 around it: MSER-5 deletes exactly the 60
        Random r = new Random(42);
        double[] y = new double[500];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i < 60 ? 0 : 10) + r.nextGaussian();
        }
        assertEquals(60, Mser.truncation(y));
    }

    @Test
    void anExponentialTransientIsCutWhereItHasFaded() {
        // level 10 approached as 10 (1 - e^(-i/40)), noise sd 1: the bias is below the noise after about
        // 40 ln(10) = 92 observations; MSER-5 cuts between one and four time constants
        Random r = new Random(7);
        double[] y = new double[2000];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 * (1 - Math.exp(-i / 40.0)) + r.nextGaussian();
        }
        int cut = Mser.truncation(y);
        assertEquals(0, cut % 5);
        assertTrue(cut >= 40 && cut <= 160, "cut " + cut);
    }

    /**
     * An M/M/1 queue (service 1 s, arrivals 0.8/s) started empty: the queue fills to its steady state
     * over a few relaxation times 1 / (mu (1 - sqrt rho))^2 = 89 s, so a 1000 s run measured from the
     * start underestimates the exact mean response time 1 / (mu - lambda) = 5 s (by 3 % in the time
     * average of the number in the system, from the exact transient of the Markov chain). Each replication
     * is noisy (a run is 11 relaxation times), so it takes 3200 replications for the bias to stand out:
     * the 95 % interval without deletion lies below 5 s; with the warm-up MSER-5 finds on the ensemble
     * average, it covers 5 s, and the estimate is at least twice as close. (Seeds 1, 2 and 3 all do:
     * 4890 ± 51 → 4998 ± 58 ms after 200 s, 4871 ± 50 → 4948 ± 54 after 100 s, 4872 ± 53 → 4963 ± 59
     * after 150 s; docs/studies.md.) The arrivals are a true Poisson process: see {@link Mm1Fixture#poisson}.
     */
    @Test
    void mm1StartedEmptyUnderHeavyLoad() throws Exception {
        var design = Mm1Fixture.mmc(1, "1s");
        var profile = Mm1Fixture.poisson(0.8, "1000s", "0s");
        double exact = Queueing.mmcMeanResponse(0.8, 1.0, 1) * 1000;
        assertEquals(5_000, exact, 1e-9);
        var none = Replications.runWatched(design, Path.of("."), profile, Path.of("."), 1, 3200, RunOptions.DEFAULTS, 2, false,
                i -> Replications.discard());
        var auto = Replications.runWatched(design, Path.of("."), profile, Path.of("."), 1, 3200, RunOptions.DEFAULTS, 2, true,
                i -> Replications.discard());
        double[] plain = meanAndHalfWidth(none);
        double[] deleted = meanAndHalfWidth(auto);
        double cut = auto.get(0).truncatedS();
        System.out.printf("M/M/1 rho 0.8 from empty, 3200 x 1000 s: no deletion %.1f ± %.1f ms, MSER-5 (%.0f s) %.1f ± %.1f ms, exact %.0f%n",
                plain[0], plain[1], cut, deleted[0], deleted[1], exact);
        assertTrue(cut >= 50 && cut <= 500 && cut % 10 == 0, "warm-up " + cut + " s: whole windows, within the first half");
        assertTrue(auto.stream().allMatch(o -> o.truncatedS() == cut && o.result().warmupS() == cut), "one warm-up for all");
        assertTrue(plain[0] + plain[1] < exact, "without deletion, biased low: " + plain[0] + " ± " + plain[1]);
        assertTrue(Math.abs(deleted[0] - exact) < deleted[1], "with MSER-5: " + deleted[0] + " ± " + deleted[1] + " covers " + exact);
        assertTrue(Math.abs(deleted[0] - exact) < Math.abs(plain[0] - exact) / 2, "the bias at least halved");
    }

    private static double[] meanAndHalfWidth(List<AutoWarmup.Outcome> runs) {
        SummaryStatistics s = new SummaryStatistics();
        runs.forEach(o -> s.addValue(o.result().overall().latencyMs().mean()));
        double t = new TDistribution(s.getN() - 1).inverseCumulativeProbability(0.975);
        return new double[] {s.getMean(), t * s.getStandardDeviation() / Math.sqrt(s.getN())};
    }
}
