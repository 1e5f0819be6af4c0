package io.headroom.load;

import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.arrival.RateShape;
import static io.headroom.load.GatlingOracle.drain;
import static io.headroom.load.GatlingOracle.ms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.RandomStreams;
import io.headroom.random.StreamRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The shapes beyond Gatling's ({@code diurnal}, {@code spikes}, {@code piecewise}) as non-homogeneous
 * Poisson processes. For a Poisson process of rate {@code r(t)}, the counts in disjoint windows are
 * independent Poisson variables with means {@code integral of r over the window}; so
 * {@code sum (O - E)^2 / E} over K windows is chi-square with K degrees of freedom (the total is not
 * fixed), the total count N is within 4 sqrt(E[N]) of its mean (with probability 1 - 6e-5), and by the
 * time-rescaling theorem {@code Lambda(t_i)} are the times of a unit-rate Poisson process (gaps
 * exponential of mean 1, checked with Kolmogorov-Smirnov).
 *
 * <p>Seeds are fixed, so every test is deterministic; the chi-square and KS bounds are set where a
 * correct generator fails with probability 1e-6 (chi-square: 5e-7 in each tail), not tuned to the seeds.
 * The expected counts come from each shape's closed-form integral, itself checked against a numerical
 * integral of {@code rateAt}.
 */
class ShapeArrivalsTest {
    private static final double ALPHA = 1e-6;
    private static final long S = 1_000_000_000L;

    static OpenStep.Diurnal diurnal() {
        return new OpenStep.Diurnal(200.0, 20.0, Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofHours(3));
    }

    static OpenStep.Spikes spikes() {
        return new OpenStep.Spikes(50.0, 450.0, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(2));
    }

    static OpenStep.Piecewise piecewise() {
        return new OpenStep.Piecewise(points(0, 10, 600, 500, 1200, 500, 1200, 100, 1800, 0, 2400, 0, 3000, 300));
    }

    /** Points from seconds and rates, alternating. */
    static List<RatePoint> points(double... secondsAndRates) {
        RatePoint[] p = new RatePoint[secondsAndRates.length / 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = new RatePoint(Duration.ofMillis(Math.round(secondsAndRates[2 * i] * 1000)), secondsAndRates[2 * i + 1]);
        }
        return List.of(p);
    }

    private static RateShape shape(OpenStep s) {
        if (s instanceof OpenStep.Diurnal d) {
            return d.shape();
        }
        if (s instanceof OpenStep.Spikes d) {
            return d.shape();
        }
        return ((OpenStep.Piecewise) s).shape();
    }

    private static long[] times(OpenStep step, long seed) {
        return drain(step.arrivals(0, new StreamRandom(seed)));
    }

    /** Counts per window against the integral of the rate over each window, as the class comment says. */
    private static void assertPoissonCounts(OpenStep step, double windowSeconds, long seed) {
        RateShape shape = shape(step);
        long[] t = times(step, seed);
        double seconds = shape.seconds();
        double mean = shape.cumulative(seconds);
        assertEquals(mean, t.length, 4 * Math.sqrt(mean), step + ": count against the integral of the rate");
        for (int i = 0; i < t.length; i++) {
            assertTrue(t[i] >= 0 && t[i] <= Math.round(seconds * 1e9), "time " + t[i] + " outside the step");
            assertTrue(i == 0 || t[i] >= t[i - 1], "times go back at user " + i);
        }

        int windows = (int) Math.ceil(seconds / windowSeconds);
        long[] observed = new long[windows];
        for (long x : t) {
            observed[(int) Math.min(windows - 1, x / 1e9 / windowSeconds)]++;
        }
        double chi2 = 0;
        int df = 0;
        for (int j = 0; j < windows; j++) {
            double e = shape.cumulative(Math.min(seconds, (j + 1) * windowSeconds)) - shape.cumulative(j * windowSeconds);
            if (e == 0) {
                assertEquals(0, observed[j], "users in window " + j + ", where the rate is 0");
                continue;
            }
            assertTrue(e >= 5, "window " + j + " expects " + e + ": too few for the chi-square approximation");
            chi2 += (observed[j] - e) * (observed[j] - e) / e;
            df++;
        }
        ChiSquaredDistribution d = new ChiSquaredDistribution(df);
        double lo = d.inverseCumulativeProbability(ALPHA / 2);
        double hi = d.inverseCumulativeProbability(1 - ALPHA / 2);
        assertTrue(chi2 > lo && chi2 < hi, step + ": chi-square " + chi2 + " with " + df + " degrees of freedom, outside ["
                + lo + ", " + hi + "]");

        // time rescaling: Lambda(t_i) is a unit-rate Poisson process, so its gaps are exponential with mean 1
        double[] gaps = new double[t.length];
        double previous = 0;
        for (int i = 0; i < t.length; i++) {
            double lambda = shape.cumulative(t[i] / 1e9);
            gaps[i] = lambda - previous;
            previous = lambda;
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 1.0), gaps, false);
        assertTrue(p > ALPHA, step + ": rescaled gaps are not exponential(1), KS p = " + p);
    }

    @Test
    void diurnalCountsPerWindowArePoisson() {
        assertPoissonCounts(diurnal(), 60, 101); // 1.19 M users, 180 windows of 1 200 to 12 000
    }

    @Test
    void spikesCountsPerWindowArePoisson() {
        assertPoissonCounts(spikes(), 25, 102); // 684 000 users; 25 s windows straddle the spikes' edges
    }

    @Test
    void piecewiseCountsPerWindowArePoisson() {
        assertPoissonCounts(piecewise(), 20, 103); // 573 000 users, with a jump and 10 minutes at rate 0
    }

    @Test
    void theChecksRejectAScheduleThatIsNotPoisson() {
        // the same check on Gatling's regular spacing at the same mean rate must fail: it is far too even
        OpenStep regular = new OpenStep.ConstantUsersPerSec(100.0, Duration.ofSeconds(600), false);
        long[] t = times(regular, 1);
        long[] counts = new long[60];
        for (long x : t) {
            counts[(int) (x / (10 * S))]++;
        }
        double chi2 = Arrays.stream(counts).mapToDouble(o -> (o - 1000.0) * (o - 1000.0) / 1000.0).sum();
        assertTrue(chi2 < new ChiSquaredDistribution(60).inverseCumulativeProbability(ALPHA / 2), "chi-square " + chi2);
    }

    @Test
    void rescaledTimesAreUniformGivenTheCount() {
        // given N, the times are independent with density r(t) / Lambda(D): Lambda(t_i) / Lambda(D) uniform
        for (OpenStep s : List.of(diurnal(), spikes(), piecewise())) {
            RateShape shape = shape(s);
            long[] t = times(s, 7);
            double total = shape.cumulative(shape.seconds());
            double[] u = Arrays.stream(t).mapToDouble(x -> shape.cumulative(x / 1e9) / total).toArray();
            double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(null, 0, 1), u, false);
            assertTrue(p > ALPHA, s + ": KS p = " + p);
        }
    }

    // ---- the rates themselves ---------------------------------------------------------------------

    @Test
    void diurnalRateFollowsItsDefinition() {
        OpenStep.Diurnal d = diurnal(); // peak 200, trough 20, period 1h, phase 10m, 3h
        assertEquals(20, d.rateAt(600), 1e-9, "the trough at t = phase");
        assertEquals(200, d.rateAt(600 + 1800), 1e-9, "the peak half a period later");
        assertEquals(110, d.rateAt(600 + 900), 1e-9, "half way between a quarter period on");
        assertEquals(20, d.rateAt(600 + 3600), 1e-9, "a period later");
        double t = 1234.5;
        assertEquals(20 + 180 * (1 - Math.cos(2 * Math.PI * (t - 600) / 3600)) / 2, d.rateAt(t), 1e-9);
        assertEquals(0, d.rateAt(3 * 3600), "nothing after the step");
        assertEquals(200, d.peakRate(), 1e-12);
        // phase 0: starts at the trough; a step shorter than half a period peaks at its end
        OpenStep.Diurnal short0 = new OpenStep.Diurnal(100.0, 0.0, Duration.ofHours(24), null, Duration.ofHours(6));
        assertEquals(0, short0.rateAt(0), 1e-12);
        assertEquals(50, short0.peakRate(), 1e-9, "6 h into a 24 h day from the trough: half way up");
        assertEquals(50, short0.rateAt(6 * 3600 - 1e-9), 1e-6);
    }

    @Test
    void spikesRateFollowsItsDefinition() {
        OpenStep.Spikes s = spikes(); // base 50, height 450, every 10m, width 1m, 2h
        assertEquals(500, s.rateAt(0));
        assertEquals(500, s.rateAt(59.9));
        assertEquals(50, s.rateAt(60));
        assertEquals(50, s.rateAt(599.9));
        assertEquals(500, s.rateAt(600));
        assertEquals(500, s.peakRate());
        OpenStep.Spikes dip = new OpenStep.Spikes(50.0, -30.0, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1));
        assertEquals(20, dip.rateAt(30));
        assertEquals(50, dip.peakRate(), "a dip leaves the base as the peak");
        assertEquals(20, new OpenStep.Spikes(50.0, -30.0, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(30)).peakRate());
    }

    @Test
    void piecewiseRateFollowsItsPoints() {
        OpenStep.Piecewise p = piecewise();
        assertEquals(10, p.rateAt(0), 1e-12);
        assertEquals(255, p.rateAt(300), 1e-9);
        assertEquals(500, p.rateAt(1199.999), 1e-6);
        assertEquals(100, p.rateAt(1200), 1e-12, "a jump: the later point from its time on");
        assertEquals(50, p.rateAt(1500), 1e-9);
        assertEquals(0, p.rateAt(2000));
        assertEquals(150, p.rateAt(2700), 1e-9);
        assertEquals(0, p.rateAt(3000), "the last point ends the step");
        assertEquals(500, p.peakRate());
        assertEquals(Duration.ofMinutes(50), p.during());
    }

    @Test
    void closedFormIntegralsAgreeWithTheRates() {
        for (OpenStep s : List.of(diurnal(), spikes(), piecewise(),
                new OpenStep.Diurnal(7.0, 3.0, Duration.ofSeconds(100), Duration.ofSeconds(130), Duration.ofSeconds(250)),
                new OpenStep.Spikes(1.0, 2.0, Duration.ofSeconds(7), Duration.ofMillis(2500), Duration.ofSeconds(100)))) {
            RateShape shape = shape(s);
            double d = shape.seconds();
            int steps = 200_000;
            double h = d / steps;
            double sum = 0;
            for (int i = 0; i < steps; i++) {
                sum += s.rateAt((i + 0.5) * h) * h;
                if (i % 20_000 == 19_999) {
                    double upTo = (i + 1) * h;
                    assertEquals(sum, shape.cumulative(upTo), 1e-3 * Math.max(1, sum), s + " up to " + upTo);
                }
            }
            assertEquals(0, shape.cumulative(0), 0);
            assertEquals(shape.cumulative(d), shape.cumulative(2 * d), 0, "nothing after the end");
        }
    }

    // ---- scale, seeds, zero rates, laziness ---------------------------------------------------------

    @Test
    void scaleMultipliesTheRates() {
        assertEquals(new OpenStep.Diurnal(400.0, 40.0, Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofHours(3)),
                diurnal().scaled(2));
        assertEquals(new OpenStep.Spikes(25.0, 225.0, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(2)),
                spikes().scaled(0.5));
        assertEquals(new OpenStep.Piecewise(points(0, 30, 10, 0)), new OpenStep.Piecewise(points(0, 10, 10, 0)).scaled(3));
        LoadProfile once = new LoadProfile("p", null, Map.of(), null, 1.0, null, List.of(spikes()), null, null);
        LoadProfile twice = new LoadProfile("p", null, Map.of(), null, 2.0, null, List.of(spikes()), null, null);
        double mean = shape(spikes()).cumulative(7200);
        assertEquals(mean, drain(once.arrivals(new RandomStreams(3))).length, 4 * Math.sqrt(mean));
        assertEquals(2 * mean, drain(twice.arrivals(new RandomStreams(3))).length, 4 * Math.sqrt(2 * mean));
        assertEquals(1000, twice.rateAt(30), 1e-9);
    }

    @Test
    void sameSeedSameTimes() {
        OpenStep s = piecewise();
        assertArrayEquals(times(s, 5), times(s, 5));
        assertFalse(Arrays.equals(times(s, 5), times(s, 6)));
    }

    @Test
    void zeroRatesGiveNoUsers() {
        assertEquals(0, times(new OpenStep.Diurnal(0.0, 0.0, Duration.ofHours(1), null, Duration.ofHours(1)), 1).length);
        assertEquals(0, times(new OpenStep.Spikes(0.0, 0.0, Duration.ofMinutes(1), ms(10), Duration.ofHours(1)), 1).length);
        assertEquals(0, times(new OpenStep.Piecewise(points(0, 0, 60, 0)), 1).length);
    }

    @Test
    void arrivalsAreDrawnLazily() {
        // a year at up to a million users a second: the first users come at once, nothing is precomputed
        OpenStep year = new OpenStep.Diurnal(1e6, 1e3, Duration.ofDays(1), null, Duration.ofDays(365));
        ArrivalStream s = year.arrivals(0, new StreamRandom(1));
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            long t = s.next();
            assertTrue(t >= last && t < S, "user " + i + " at " + t);
            last = t;
        }
    }

    @Test
    void shapesAfterOtherStepsStartAtTheirOffset() {
        LoadProfile p = new LoadProfile("p", null, Map.of(), null, List.of(
                new OpenStep.NothingFor(Duration.ofSeconds(10)), new OpenStep.Piecewise(points(0, 100, 5, 100))));
        long[] t = drain(p.arrivals(new RandomStreams(1)));
        assertEquals(500, t.length, 4 * Math.sqrt(500));
        assertTrue(Arrays.stream(t).allMatch(x -> x >= 10 * S && x <= 15 * S));
        assertEquals(100, p.rateAt(12), 1e-12);
        assertEquals(0, p.rateAt(5));
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(io.headroom.yaml.FieldError.class, () -> new OpenStep.Piecewise(points(0, 1, 10, 2, 5, 3)));
        assertThrows(io.headroom.yaml.FieldError.class, () -> new OpenStep.Piecewise(points(0, 1)));
        assertThrows(io.headroom.yaml.FieldError.class, () -> new OpenStep.Piecewise(points(0, 1, 10, -2)));
        assertThrows(io.headroom.yaml.FieldError.class,
                () -> new OpenStep.Spikes(10.0, -11.0, Duration.ofMinutes(1), ms(10), Duration.ofHours(1)));
        assertThrows(io.headroom.yaml.FieldError.class,
                () -> new OpenStep.Diurnal(1.0, 2.0, Duration.ofMinutes(1), null, Duration.ofHours(1)));
    }
}
