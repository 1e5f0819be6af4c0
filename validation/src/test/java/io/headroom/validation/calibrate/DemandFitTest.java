package io.headroom.validation.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.dist.DistributionSpec;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Maximum-likelihood fits recover known parameters from 20,000 seeded samples: the standard errors are
 * about 0.7 % for a gamma mean (cv 0.5 / sqrt(n)), about 0.5 % for lognormal sigma (1 / sqrt(2n)); the
 * tolerances are four of them. The family the samples came from wins on likelihood.
 */
class DemandFitTest {
    private static final int N = 20_000;

    @Test
    void gammaSamplesAreFittedByAGammaWithTheirMeanAndCv() throws Exception {
        // shape 4 (cv 0.5), mean 20 ms
        double[] x = new GammaDistribution(new Well19937c(7), 4, 5).sample(N);
        List<DemandFit.Fit> fits = DemandFit.fit(x);
        DemandFit.Fit best = fits.get(0);
        assertEquals("gamma", best.family());
        assertEquals(20.0, best.meanMs(), 20.0 * 4 * 0.5 / Math.sqrt(N));
        assertEquals(0.5, best.cv(), 0.5 * 4 * 0.5 / Math.sqrt(N) * 1.5);
        assertTrue(best.ks() < 1.63 / Math.sqrt(N), "KS below its 1 % critical value: " + best.ks());
        // the YAML it writes binds back to the same distribution
        DistributionSpec back = io.headroom.yaml.YamlDocument.mapper().readValue(best.yaml(), DistributionSpec.class);
        assertEquals(best.spec().meanSeconds(), back.meanSeconds(), 1e-7);
        assertEquals(best.spec().scv(), back.scv(), 1e-4);
    }

    @Test
    void lognormalSamplesAreFittedByALognormalWithTheirParameters() {
        double mu = Math.log(15);
        double sigma = 0.6;
        double[] x = new LogNormalDistribution(new Well19937c(11), mu, sigma).sample(N);
        DemandFit.Fit best = DemandFit.fit(x).get(0);
        assertEquals("lognormal", best.family());
        DistributionSpec.Lognormal l = (DistributionSpec.Lognormal) best.spec();
        assertEquals(mu, l.mu(), 4 * sigma / Math.sqrt(N));
        assertEquals(sigma, l.sigma(), 4 * sigma / Math.sqrt(2 * N));
        // the spec's mean in seconds agrees with the fit's (mu is of ln t in ms)
        assertEquals(best.meanMs() / 1000, l.meanSeconds(), 1e-9);
    }

    @Test
    void exponentialSamplesGiveAGammaOfCvOne() {
        double[] x = new GammaDistribution(new Well19937c(3), 1, 20).sample(N);
        DemandFit.Fit best = DemandFit.fit(x).get(0);
        assertEquals("gamma", best.family());
        assertEquals(1.0, best.cv(), 0.03);
    }

    @Test
    void aStreamsMomentsGiveTheFitOfEverySample() {
        // the fit from the moments alone (as the trace import keeps them) is the fit of the whole array: parameters,
        // log-likelihoods and (on the same sample) KS distances
        for (double[] x : new double[][] {new GammaDistribution(new Well19937c(3), 2, 5).sample(N),
            new LogNormalDistribution(new Well19937c(4), 1, 0.7).sample(N)}) {
            DemandFit.Moments m = new DemandFit.Moments(0, 0, 0, 0);
            for (double v : x) {
                m = m.add(v);
            }
            List<DemandFit.Fit> whole = DemandFit.fit(x);
            List<DemandFit.Fit> streamed = DemandFit.fit(m, x);
            assertEquals(whole.size(), streamed.size());
            for (int k = 0; k < whole.size(); k++) {
                DemandFit.Fit a = whole.get(k);
                DemandFit.Fit b = streamed.get(k);
                assertEquals(a.family(), b.family());
                assertEquals(a.meanMs(), b.meanMs(), 1e-9 * a.meanMs());
                assertEquals(a.cv(), b.cv(), 1e-9 * a.cv());
                assertEquals(a.logLikelihood(), b.logLikelihood(), 1e-7 * Math.abs(a.logLikelihood()));
                assertEquals(a.ks(), b.ks(), 1e-12);
            }
        }
    }

    @Test
    void equalDurationsAreNotFittedEvenThroughRoundingNoise() {
        // 200 spans of exactly 9 ms: ln(mean) - mean(ln) is rounding noise (about 4e-15), on which Newton's method for the
        // gamma shape ran off to infinity (a StackOverflowError in digamma): no family is fitted, as for equal values
        double[] x = new double[200];
        java.util.Arrays.fill(x, 9.0);
        DemandFit.Moments m = new DemandFit.Moments(0, 0, 0, 0);
        for (double v : x) {
            m = m.add(v);
        }
        IllegalArgumentException a = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DemandFit.fit(x));
        IllegalArgumentException b = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DemandFit.fit(new DemandFit.Moments(200, 1800, 200 * Math.log(9.0) * (1 - 1e-16), 200 * Math.log(9.0) * Math.log(9.0)), x));
        assertTrue(a.getMessage().contains("all equal"), a.getMessage());
        assertTrue(b.getMessage().contains("all equal"), b.getMessage());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DemandFit.fit(
                new DemandFit.Moments(0, 0, 0, 0).add(9).add(9).add(9).add(9).add(9).add(9).add(9).add(9).add(9).add(9), x))
                .getMessage().contains("all equal"));
    }
}
