package io.headroom.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.StreamRandom;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each sampler against its spec's {@code meanSeconds()} and {@code scv()}, on N = 200 000 draws
 * from a fixed seed. Tolerances are 5 standard errors derived from N (a correct sampler fails a
 * check with probability below 1e-6):
 * <ul>
 *   <li>mean: 5 sd/sqrt(N), sd = mean sqrt(scv) from the spec;
 *   <li>scv: 5 standard errors of the plug-in estimator m2/m1^2 - 1 by the delta method,
 *       Var = g' Cov(X, X^2) g / N with g = (-2 m2/m1^3, 1/m1^2), the moments up to the 4th taken
 *       from the sample;
 *   <li>a quantile q_p: the fraction of samples at or below it within 5 sqrt(p(1-p)/N) of p.
 * </ul>
 */
class DistributionSpecTest {
    private static final int N = 200_000;
    private static final double Z = 5;

    private static Path here() {
        return Path.of(".");
    }

    private static double[] sampleSeconds(DistributionSpec spec, long seed) throws BadInputException {
        return sampleSeconds(spec, seed, here());
    }

    private static double[] sampleSeconds(DistributionSpec spec, long seed, Path dir) throws BadInputException {
        DurationSampler s = spec.sampler(new StreamRandom(seed), dir);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            long ns = s.sampleNanos();
            assertTrue(ns >= 0, "a duration is never negative");
            x[i] = ns / 1e9;
        }
        return x;
    }

    /** Checks sample mean and sample scv against the spec's, with the tolerances of the class comment. */
    private static void assertMoments(DistributionSpec spec, double[] x) {
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            double v2 = v * v;
            m1 += v;
            m2 += v2;
            m3 += v2 * v;
            m4 += v2 * v2;
        }
        m1 /= N;
        m2 /= N;
        m3 /= N;
        m4 /= N;
        double mean = spec.meanSeconds();
        double sd = mean * Math.sqrt(spec.scv());
        assertEquals(mean, m1, Z * sd / Math.sqrt(N), spec + ": sample mean");

        double scv = m2 / (m1 * m1) - 1;
        double g1 = -2 * m2 / (m1 * m1 * m1);
        double g2 = 1 / (m1 * m1);
        double varX = m2 - m1 * m1;
        double varX2 = m4 - m2 * m2;
        double cov = m3 - m1 * m2;
        double se = Math.sqrt((g1 * g1 * varX + g2 * g2 * varX2 + 2 * g1 * g2 * cov) / N);
        assertEquals(spec.scv(), scv, Z * se, spec + ": sample scv (standard error " + se + ")");
    }

    private static double fractionAtOrBelow(double[] x, double q) {
        long n = 0;
        for (double v : x) {
            n += v <= q ? 1 : 0;
        }
        return (double) n / x.length;
    }

    private static void assertQuantile(double[] x, double p, double q, String what) {
        assertEquals(p, fractionAtOrBelow(x, q), Z * Math.sqrt(p * (1 - p) / x.length), what);
    }

    @Test
    void constantIsExact() throws BadInputException {
        DistributionSpec c = new DistributionSpec.Constant(Duration.ofNanos(2_345_678));
        DurationSampler s = c.sampler(new StreamRandom(1), here());
        for (int i = 0; i < 1000; i++) {
            assertEquals(2_345_678L, s.sampleNanos());
        }
        assertEquals(0.002345678, c.meanSeconds(), 0);
        assertEquals(0, c.scv());
    }

    @Test
    void exponential() throws BadInputException {
        DistributionSpec e = new DistributionSpec.Exponential(Duration.ofMillis(2));
        assertEquals(0.002, e.meanSeconds());
        assertEquals(1, e.scv());
        double[] x = sampleSeconds(e, 1);
        assertMoments(e, x);
        assertQuantile(x, 1 - Math.exp(-1), 0.002, "P(X <= mean) of an exponential");
    }

    @Test
    void gammaBelowAndAboveExponentialVariability() throws BadInputException {
        DistributionSpec regular = new DistributionSpec.Gamma(Duration.ofMillis(5), 0.5);
        assertEquals(0.25, regular.scv(), 1e-15);
        assertMoments(regular, sampleSeconds(regular, 2));
        DistributionSpec bursty = new DistributionSpec.Gamma(Duration.ofMillis(5), 2.0);
        assertEquals(4, bursty.scv(), 1e-15);
        assertMoments(bursty, sampleSeconds(bursty, 3));
    }

    @Test
    void uniform() throws BadInputException {
        DistributionSpec u = new DistributionSpec.Uniform(Duration.ofMillis(1), Duration.ofMillis(3));
        assertEquals(0.002, u.meanSeconds(), 1e-18);
        assertEquals(1.0 / 12, u.scv(), 1e-12); // width 2 ms, mean 2 ms: (2^2/12) / 2^2
        double[] x = sampleSeconds(u, 4);
        assertMoments(u, x);
        for (double v : x) {
            assertTrue(v >= 0.001 && v <= 0.003, "uniform sample outside [1ms, 3ms]: " + v);
        }
        assertQuantile(x, 0.25, 0.0015, "uniform first quartile");
    }

    @Test
    void lognormalByMedianAndP99() throws BadInputException {
        DistributionSpec.Lognormal l = new DistributionSpec.Lognormal(Duration.ofMillis(10), Duration.ofMillis(50), null, null, null);
        double sigma = Math.log(5) / 2.3263478740408408;
        assertEquals(sigma, l.sigmaValue(), 1e-15);
        assertEquals(Math.log(0.010), l.muSeconds(), 1e-15);
        assertEquals(0.010 * Math.exp(sigma * sigma / 2), l.meanSeconds(), 1e-15);
        assertEquals(Math.expm1(sigma * sigma), l.scv(), 1e-15);
        double[] x = sampleSeconds(l, 5);
        assertMoments(l, x);
        // the sample median and p99 are the given ones: P(X <= 10ms) = 0.5 within 5 sqrt(.25/N) = 0.0056,
        // P(X <= 50ms) = 0.99 within 5 sqrt(.0099/N) = 0.0011
        assertQuantile(x, 0.5, 0.010, "share of samples at or below the median");
        assertQuantile(x, 0.99, 0.050, "share of samples at or below the p99");
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        // and in time: the order statistics at 0.5 -/+ 0.0056 and 0.99 -/+ 0.0011 bracket 10 ms and 50 ms
        assertTrue(sorted[(int) (N * (0.5 - 0.0056))] < 0.010 && sorted[(int) (N * (0.5 + 0.0056))] > 0.010);
        assertTrue(sorted[(int) (N * (0.99 - 0.0011))] < 0.050 && sorted[(int) (N * (0.99 + 0.0011))] > 0.050);
    }

    @Test
    void lognormalByMuAndSigmaInMilliseconds() throws BadInputException {
        // ln(t / 1 ms) ~ N(ln 20, 0.5^2): median 20 ms
        DistributionSpec.Lognormal l = new DistributionSpec.Lognormal(null, null, Math.log(20), 0.5, TimeUnitName.MS);
        assertEquals(Math.log(0.020), l.muSeconds(), 1e-12);
        assertEquals(0.020 * Math.exp(0.125), l.meanSeconds(), 1e-15);
        assertEquals(Math.expm1(0.25), l.scv(), 1e-15);
        double[] x = sampleSeconds(l, 6);
        assertMoments(l, x);
        assertQuantile(x, 0.5, 0.020, "median 20 ms");
        // without a unit, mu is of ln(seconds)
        DistributionSpec.Lognormal s = new DistributionSpec.Lognormal(null, null, Math.log(0.020), 0.5, null);
        assertEquals(l.muSeconds(), s.muSeconds(), 1e-12);
        assertEquals(TimeUnitName.S, s.unit());
    }

    @Test
    void lognormalRejectsMixedOrBadParameters() {
        assertThrows(IllegalArgumentException.class,
                () -> new DistributionSpec.Lognormal(Duration.ofMillis(10), null, 1.0, 0.5, null));
        assertThrows(IllegalArgumentException.class,
                () -> new DistributionSpec.Lognormal(Duration.ofMillis(10), Duration.ofMillis(5), null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new DistributionSpec.Lognormal(Duration.ofMillis(10), Duration.ofMillis(50), null, null, TimeUnitName.MS));
        assertThrows(IllegalArgumentException.class,
                () -> new DistributionSpec.Lognormal(null, null, 1.0, 0.0, null));
    }

    @Test
    void empiricalResamplesOnlyFileValuesWithTheirFrequencies(@TempDir Path dir) throws IOException, BadInputException {
        // 1 ms once, 2 ms twice, 3 ms three times, in a named column, with a comment and a blank line
        Files.writeString(dir.resolve("lat.csv"), String.join("\n",
                "id,latency_ms", "a,1", "b,2", "# a comment", "", "c,2", "d,3", "e,3", "f,3", ""));
        DistributionSpec.Empirical e = new DistributionSpec.Empirical("lat.csv", TimeUnitName.MS, "latency_ms");
        EmpiricalSamples samples = e.validate(dir);
        assertEquals(6, samples.seconds().length);
        assertEquals(14.0 / 6 / 1000, samples.meanSeconds(), 1e-15);

        DurationSampler s = e.sampler(new StreamRandom(7), dir);
        Map<Long, Long> counts = new TreeMap<>();
        for (int i = 0; i < N; i++) {
            counts.merge(s.sampleNanos(), 1L, Long::sum);
        }
        assertEquals(java.util.Set.of(1_000_000L, 2_000_000L, 3_000_000L), counts.keySet(), "only the file's values");
        double chi2 = 0;
        for (long v = 1; v <= 3; v++) {
            double p = v / 6.0;
            long observed = counts.get(v * 1_000_000L);
            // each value: binomial, within 5 standard deviations
            assertEquals(N * p, observed, Z * Math.sqrt(N * p * (1 - p)), v + " ms drawn " + observed + " times");
            chi2 += (observed - N * p) * (observed - N * p) / (N * p);
        }
        assertTrue(chi2 < new ChiSquaredDistribution(2).inverseCumulativeProbability(1 - 1e-6), "chi-square " + chi2);
    }

    @Test
    void empiricalWithoutHeaderInSeconds(@TempDir Path dir) throws IOException, BadInputException {
        Files.writeString(dir.resolve("s.csv"), "0.5\n1.5\n");
        DistributionSpec.Empirical e = new DistributionSpec.Empirical("s.csv", TimeUnitName.S, null);
        double[] x = sampleSeconds(e, 8, dir);
        for (double v : x) {
            assertTrue(v == 0.5 || v == 1.5, "not a file value: " + v);
        }
        assertEquals(0.5, fractionAtOrBelow(x, 0.5), Z * Math.sqrt(0.25 / N));
        assertEquals(1.0, e.validate(dir).meanSeconds(), 1e-15);
    }

    @Test
    void empiricalHeaderAfterCommentsOrByteOrderMark(@TempDir Path dir) throws IOException, BadInputException {
        // a leading comment or blank line is not the header; the header after it is
        Files.writeString(dir.resolve("c.csv"), "# measured 2026-11\n\nid,latency_ms\na,4\nb,6\n");
        assertEquals(0.005, new DistributionSpec.Empirical("c.csv", TimeUnitName.MS, "latency_ms").validate(dir).meanSeconds(), 1e-15);
        Files.writeString(dir.resolve("d.csv"), "# measured 2026-11\nlatency_ms\n4\n6\n");
        assertEquals(0.005, new DistributionSpec.Empirical("d.csv", TimeUnitName.MS, null).validate(dir).meanSeconds(), 1e-15);
        // a spreadsheet's byte-order mark neither hides the header nor turns the first sample into one
        Files.writeString(dir.resolve("e.csv"), "\uFEFFlatency_ms\n4\n6\n");
        assertEquals(2, new DistributionSpec.Empirical("e.csv", TimeUnitName.MS, "latency_ms").validate(dir).seconds().length);
        Files.writeString(dir.resolve("f.csv"), "\uFEFF4\n6\n");
        assertEquals(2, new DistributionSpec.Empirical("f.csv", TimeUnitName.MS, null).validate(dir).seconds().length);
    }

    @Test
    void empiricalRejectsBadFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("neg.csv"), "1\n-2\n");
        Files.writeString(dir.resolve("text.csv"), "1\nfast\n");
        Files.writeString(dir.resolve("empty.csv"), "ms\n");
        for (String f : new String[] {"neg.csv", "text.csv", "empty.csv", "missing.csv"}) {
            assertThrows(BadInputException.class, () -> new DistributionSpec.Empirical(f, TimeUnitName.MS, null).validate(dir), f);
        }
        assertThrows(BadInputException.class,
                () -> new DistributionSpec.Empirical("neg.csv", TimeUnitName.MS, "latency").validate(dir), "column without header");
    }

    @Test
    void empiricalInSequenceReplaysTheFileInOrderAndWraps(@TempDir Path dir) throws IOException, BadInputException {
        Files.writeString(dir.resolve("trace.csv"), "busy_ms\n3\n1.5\n# skipped\n0\n2.25\n");
        DistributionSpec.Empirical e = new DistributionSpec.Empirical("trace.csv", TimeUnitName.MS, "busy_ms", EmpiricalOrder.SEQUENCE);
        DurationSampler s = e.sampler(noRandomNumbers(), dir); // a sequence consumes no random numbers
        long[] file = {3_000_000L, 1_500_000L, 0L, 2_250_000L};
        for (int i = 0; i < 3 * file.length + 1; i++) {
            assertEquals(file[i % file.length], s.sampleNanos(), "draw " + i + ": the file's row " + (i % file.length + 1));
        }
    }

    @Test
    void empiricalResamplesByDefaultAndWhenAskedTo(@TempDir Path dir) throws IOException, BadInputException {
        Files.writeString(dir.resolve("lat.csv"), "latency_ms\n1\n2\n2\n7\n");
        DurationSampler omitted = new DistributionSpec.Empirical("lat.csv", TimeUnitName.MS, "latency_ms").sampler(new StreamRandom(3), dir);
        DurationSampler resample = new DistributionSpec.Empirical("lat.csv", TimeUnitName.MS, "latency_ms", EmpiricalOrder.RESAMPLE)
                .sampler(new StreamRandom(3), dir);
        // the very draws of commons-math3's EnumeratedRealDistribution on the same stream: today's behaviour
        var reference = new org.apache.commons.math3.distribution.EnumeratedRealDistribution(new StreamRandom(3),
                new double[] {0.001, 0.002, 0.002, 0.007});
        for (int i = 0; i < 1000; i++) {
            long expected = Math.round(reference.sample() * 1e9);
            assertEquals(expected, omitted.sampleNanos());
            assertEquals(expected, resample.sampleNanos());
        }
        assertEquals(EmpiricalOrder.RESAMPLE, new DistributionSpec.Empirical("lat.csv", TimeUnitName.MS, null).orderOrDefault());
    }

    @Test
    void empiricalOrderFromYamlAndAnUnknownOrderIsALocatedError() throws BadInputException {
        Path file = Path.of("d.yaml");
        DistributionSpec bound = io.headroom.yaml.YamlDocument.parse(file, "d.yaml",
                "{dist: empirical, file: t.csv, unit: ms, column: busy_ms, order: sequence}\n").bind(DistributionSpec.class);
        assertEquals(new DistributionSpec.Empirical("t.csv", TimeUnitName.MS, "busy_ms", EmpiricalOrder.SEQUENCE), bound);
        assertEquals(new DistributionSpec.Empirical("t.csv", TimeUnitName.MS, null, null),
                io.headroom.yaml.YamlDocument.parse(file, "d.yaml", "{dist: empirical, file: t.csv, unit: ms}\n").bind(DistributionSpec.class));
        var doc = io.headroom.yaml.YamlDocument.parse(file, "d.yaml", "{dist: empirical, file: t.csv, unit: ms, order: shuffled}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> doc.bind(DistributionSpec.class));
        String message = e.errors().get(0).format();
        // "{dist: empirical, file: t.csv, unit: ms, order: shuffled}": 'shuffled' at column 49
        assertTrue(message.startsWith("d.yaml:1:49: order: "), message);
        assertTrue(message.contains("shuffled") && message.contains("resample") && message.contains("sequence"), message);
    }

    /** A random stream that fails the test if anything is drawn from it. */
    private static org.apache.commons.math3.random.RandomGenerator noRandomNumbers() {
        return (org.apache.commons.math3.random.RandomGenerator) java.lang.reflect.Proxy.newProxyInstance(
                DistributionSpecTest.class.getClassLoader(), new Class<?>[] {org.apache.commons.math3.random.RandomGenerator.class},
                (proxy, method, args) -> {
                    throw new AssertionError("a sequence drew a random number: " + method.getName());
                });
    }

    @Test
    void sameSeedSameSamples() throws BadInputException {
        DistributionSpec g = new DistributionSpec.Gamma(Duration.ofMillis(3), 0.7);
        DurationSampler a = g.sampler(new StreamRandom(9), here());
        DurationSampler b = g.sampler(new StreamRandom(9), here());
        DurationSampler c = g.sampler(new StreamRandom(10), here());
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            long x = a.sampleNanos();
            assertEquals(x, b.sampleNanos());
            differ += x != c.sampleNanos() ? 1 : 0;
        }
        assertTrue(differ > 990);
    }
}
