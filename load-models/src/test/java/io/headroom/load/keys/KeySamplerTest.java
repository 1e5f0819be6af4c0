package io.headroom.load.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.keys.KeyPopularity.Distribution;
import io.headroom.random.StreamRandom;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key samplers against their probability mass functions.
 *
 * <p>Goodness of fit is Pearson's chi-square, every category expected at least {@value #MIN_EXPECTED}
 * times (so the chi-square approximation holds), against the chi-square quantile of probability
 * {@code 1 - 1e-6}: a correct sampler fails a given check with probability about 1e-6 (the seeds are
 * fixed, so the outcome does not change from run to run). Fractions are checked within 4 standard errors
 * (two-sided false-failure probability 6e-5).
 *
 * <p>Zipf: the categories are the top ranks one by one, as far as each is expected at least
 * {@value #MIN_EXPECTED} times (at most {@value #TOP_RANKS}), then the rest of the ranks lumped into bins
 * that double in width, so the tail is checked too, up to rank 10^8. With N = {@value #ZIPF_DRAWS} draws
 * the test has power where it matters: {@link #theZipfTestRejectsASlightlyWrongExponent} shows that a
 * sampler whose exponent is off by 0.01 fails it (the noncentrality is printed; N was chosen so that it is
 * far above the critical margin), while the draws cost well under a second.
 */
class KeySamplerTest {
    static final double ALPHA = 1e-6;
    static final double MIN_EXPECTED = 20;
    static final int TOP_RANKS = 1000;
    static final int ZIPF_DRAWS = 2_000_000;

    static KeyPopularity zipf(long items, double exponent) {
        return new KeyPopularity(Distribution.ZIPF, items, exponent, null, null);
    }

    static KeyPopularity scrambled(long items, double exponent) {
        return new KeyPopularity(Distribution.SCRAMBLED_ZIPF, items, exponent, null, null);
    }

    static KeyPopularity uniform(long items) {
        return new KeyPopularity(Distribution.UNIFORM, items, null, null, null);
    }

    static KeyPopularity hotspot(long items, double hotKeys, double hotRequests) {
        return new KeyPopularity(Distribution.HOTSPOT, items, null, hotKeys, hotRequests);
    }

    // ------------------------------------------------------------------ the zipf pmf

    /** Σ r^-s for r = a..b (1 ≤ a ≤ b): exact below 2^16, Euler–Maclaurin beyond (error below 1e-15 relative). */
    static double powerSum(long a, long b, double s) {
        double sum = 0;
        double c = 0; // Kahan compensation
        long exactTo = Math.min(b, Math.max(a, 1L << 16) - 1);
        for (long r = a; r <= exactTo; r++) {
            double y = Math.pow(r, -s) - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        long from = Math.max(a, 1L << 16);
        if (from <= b) {
            // Σ_{r=from}^{b} f(r) = ∫ f + (f(from) + f(b))/2 + (f'(b) - f'(from))/12 - ..., f(x) = x^-s
            double lnRatio = Math.log((double) b / from);
            double integral = (1 - s) == 0 ? lnRatio : Math.pow(from, 1 - s) * Math.expm1((1 - s) * lnRatio) / (1 - s);
            double ends = (Math.pow(from, -s) + Math.pow(b, -s)) / 2;
            double slope = (-s * Math.pow(b, -s - 1) + s * Math.pow(from, -s - 1)) / 12;
            sum += integral + ends + slope;
        }
        return sum;
    }

    /** Categories for a zipf chi-square: rank ranges [lo, hi] (1-based) with their probabilities. */
    record Categories(long[] lo, long[] hi, double[] p) {
        int size() {
            return p.length;
        }

        /** The category of a 1-based rank (ranges are sorted and contiguous from 1). */
        int of(long rank) {
            int i = java.util.Arrays.binarySearch(lo, rank);
            return i >= 0 ? i : -i - 2;
        }
    }

    static Categories zipfCategories(long n, double s, long draws) {
        double h = powerSum(1, n, s);
        List<long[]> ranges = new ArrayList<>();
        List<Double> probs = new ArrayList<>();
        long r = 1;
        while (r <= n && r <= TOP_RANKS && draws * Math.pow(r, -s) / h >= MIN_EXPECTED) {
            ranges.add(new long[] {r, r});
            probs.add(Math.pow(r, -s) / h);
            r++;
        }
        long width = Math.max(1, r);
        while (r <= n) {
            long hi = Math.min(n, r + width - 1);
            ranges.add(new long[] {r, hi});
            probs.add(powerSum(r, hi, s) / h);
            r = hi + 1;
            width *= 2;
        }
        // a last bin expected too rarely joins the one before it
        while (probs.size() > 1 && draws * probs.get(probs.size() - 1) < MIN_EXPECTED) {
            int last = probs.size() - 1;
            ranges.get(last - 1)[1] = ranges.get(last)[1];
            probs.set(last - 1, probs.get(last - 1) + probs.get(last));
            ranges.remove(last);
            probs.remove(last);
        }
        long[] lo = ranges.stream().mapToLong(x -> x[0]).toArray();
        long[] hi = ranges.stream().mapToLong(x -> x[1]).toArray();
        return new Categories(lo, hi, probs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    record ChiSquare(double statistic, int df, double critical) {
        boolean passes() {
            return statistic <= critical;
        }
    }

    static ChiSquare chiSquare(long[] observed, double[] p, long draws) {
        double x2 = 0;
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            double e = draws * p[i];
            assertTrue(e >= MIN_EXPECTED, "category " + i + " expected only " + e + " times");
            x2 += (observed[i] - e) * (observed[i] - e) / e;
            total += p[i];
        }
        assertEquals(1.0, total, 1e-9, "the categories' probabilities sum to 1");
        int df = p.length - 1;
        return new ChiSquare(x2, df, new ChiSquaredDistribution(df).inverseCumulativeProbability(1 - ALPHA));
    }

    /** Draws {@code draws} ranks (key + 1) and tests them against zipf(n, s). */
    static ChiSquare zipfFit(LongSupplier sampler, long n, double s, long draws) {
        Categories c = zipfCategories(n, s, draws);
        long[] counts = new long[c.size()];
        for (long i = 0; i < draws; i++) {
            long key = sampler.getAsLong();
            if (key < 0 || key >= n) {
                throw new AssertionError("key " + key + " outside [0, " + n + ")");
            }
            counts[c.of(key + 1)]++;
        }
        return chiSquare(counts, c.p(), draws);
    }

    // ------------------------------------------------------------------ zipf

    @ParameterizedTest(name = "zipf items={0} exponent={1}")
    @CsvSource({"1000, 0.99", "1000000, 0.99", "1000000, 1.2", "1000000, 1.0", "1000000, 0.5",
        "100000000, 0.99", "100000000, 1.2", "2147483647, 0.99", "1000000000000, 0.99", "9007199254740992, 1.1",
        "7, 2.5", "1000000, 3.0"})
    void zipfKeyFrequenciesMatchThePmf(long n, double s) {
        ChiSquare x = zipfFit(KeySampler.of(zipf(n, s), new StreamRandom(11))::next, n, s, ZIPF_DRAWS);
        System.out.printf("zipf(%d, %.2f): chi-square %.1f on %d df, critical %.1f (alpha %.0e)%n",
                n, s, x.statistic(), x.df(), x.critical(), ALPHA);
        assertTrue(x.passes(), "chi-square " + x);
    }

    @Test
    void theZipfTestRejectsASlightlyWrongExponent() {
        long n = 1_000_000;
        double s = 0.99;
        double wrong = 1.0;
        Categories c = zipfCategories(n, s, ZIPF_DRAWS);
        double hWrong = powerSum(1, n, wrong);
        double lambda = 0;
        for (int i = 0; i < c.size(); i++) {
            double q = powerSum(c.lo()[i], c.hi()[i], wrong) / hWrong;
            lambda += ZIPF_DRAWS * (q - c.p()[i]) * (q - c.p()[i]) / c.p()[i];
        }
        ChiSquare x = zipfFit(KeySampler.of(zipf(n, wrong), new StreamRandom(11))::next, n, s, ZIPF_DRAWS);
        System.out.printf("zipf(%d, %.2f) tested as exponent %.2f: noncentrality %.0f, chi-square %.1f on %d df, critical %.1f%n",
                n, wrong, s, lambda, x.statistic(), x.df(), x.critical());
        assertTrue(lambda > 3 * (x.critical() - x.df()), "N gives the test power against an exponent off by 0.01");
        assertFalse(x.passes(), "an exponent off by 0.01 is detected");
    }

    @ParameterizedTest(name = "same ranks as commons-math3 ZipfDistribution, items={0} exponent={1}")
    @CsvSource({"1000, 0.99", "1000000, 0.99", "100000000, 1.2", "1000000, 1.0", "1000000, 0.5", "50, 4.0"})
    void theSameRanksAsCommonsMathFromTheSameUniforms(int n, double s) {
        // the same method as commons-math3 3.6.1 (which allocates on every draw): from one stream of uniforms,
        // the same ranks, draw for draw (a rounding difference at an acceptance boundary, about 1e-13 likely
        // a draw, would shift all later draws)
        var oracle = new org.apache.commons.math3.distribution.ZipfDistribution(new StreamRandom(31), n, s);
        ZipfRanks ranks = new ZipfRanks(n, s);
        StreamRandom rng = new StreamRandom(31);
        for (int i = 0; i < 300_000; i++) {
            assertEquals(oracle.sample(), ranks.sample(rng), "draw " + i);
        }
    }

    @Test
    void theHelpersAreAccurate() {
        for (double y = -0.5; y <= 0.5; y += 1.0 / 4096 + 1e-9) {
            for (double x : new double[] {y, y * 1e-3, y * 1e-6}) {
                double e = x == 0 ? 1 : Math.expm1(x) / x;
                double l = x == 0 ? 1 : Math.log1p(x) / x;
                assertEquals(e, ZipfRanks.expm1OverX(x), 3e-13 * e, "expm1(x)/x at " + x);
                assertEquals(l, ZipfRanks.log1pOverX(x), 3e-13 * l, "log1p(x)/x at " + x);
            }
        }
    }

    @Test
    void exponentZeroIsUniform() {
        ChiSquare x = uniformFit(KeySampler.of(zipf(1000, 0), new StreamRandom(5)), 1000, 1_000_000);
        assertTrue(x.passes(), x.toString());
        ChiSquare y = uniformFit(KeySampler.of(scrambled(1000, 0), new StreamRandom(5)), 1000, 1_000_000);
        assertTrue(y.passes(), y.toString());
    }

    @Test
    void oneItemIsAlwaysKeyZero() {
        for (KeyPopularity k : List.of(zipf(1, 0.99), scrambled(1, 1.2), uniform(1))) {
            KeySampler s = KeySampler.of(k, new StreamRandom(3));
            for (int i = 0; i < 1000; i++) {
                assertEquals(0, s.next(), k.toString());
            }
        }
    }

    // ------------------------------------------------------------------ scrambled zipf

    @ParameterizedTest(name = "scramble of {0} items is a permutation")
    @ValueSource(longs = {2, 3, 4, 5, 7, 8, 15, 16, 17, 100, 255, 256, 257, 1000, 4095, 4096, 4097, 65537, 1_000_000, 1_048_576})
    void theScrambleIsAPermutation(long items) {
        KeyScramble p = new KeyScramble(items);
        BitSet seen = new BitSet((int) items);
        for (long r = 0; r < items; r++) {
            long k = p.apply(r);
            assertTrue(k >= 0 && k < items, "key " + k);
            assertFalse(seen.get((int) k), "key " + k + " is the image of two ranks");
            seen.set((int) k);
        }
        assertEquals(items, seen.cardinality());
    }

    @Test
    void everySmallKeySpaceIsPermuted() {
        for (long items = 1; items <= 300; items++) {
            KeyScramble p = new KeyScramble(items);
            BitSet seen = new BitSet();
            for (long r = 0; r < items; r++) {
                seen.set((int) p.apply(r));
            }
            assertEquals(items, seen.cardinality(), "items " + items);
            assertEquals(items, seen.length(), "items " + items);
        }
    }

    @Test
    void scrambledZipfDrawsTheSameRanksAsZipfThroughTheScramble() {
        long n = 1_000_000;
        KeySampler plain = KeySampler.of(zipf(n, 0.99), new StreamRandom(21));
        KeySampler scrambled = KeySampler.of(scrambled(n, 0.99), new StreamRandom(21));
        KeyScramble p = new KeyScramble(n);
        for (int i = 0; i < 200_000; i++) {
            assertEquals(p.apply(plain.next()), scrambled.next());
        }
    }

    @Test
    void scrambledZipfRankFrequenciesMatchThePmf() {
        // through the inverse of the scramble: the frequency of the key of each rank
        int n = 1_000_000;
        double s = 1.2;
        KeyScramble p = new KeyScramble(n);
        int[] rankOfKey = new int[n];
        for (int r = 0; r < n; r++) {
            rankOfKey[(int) p.apply(r)] = r;
        }
        KeySampler sampler = KeySampler.of(scrambled(n, s), new StreamRandom(8));
        ChiSquare x = zipfFit(() -> rankOfKey[(int) sampler.next()], n, s, ZIPF_DRAWS);
        assertTrue(x.passes(), x.toString());
    }

    @Test
    void popularKeysAreSpreadOverTheKeySpace() {
        // eight range shards of a million keys: the 1000 most popular keys fall about evenly among them,
        // where plain zipf puts all of them in the first shard
        long n = 1_000_000;
        int shards = 8;
        KeyScramble p = new KeyScramble(n);
        int[] perShard = new int[shards];
        for (long r = 0; r < 1000; r++) {
            perShard[(int) (p.apply(r) * shards / n)]++;
        }
        for (int c : perShard) {
            assertTrue(Math.abs(c - 125) < 4 * Math.sqrt(1000 * (1.0 / 8) * (7.0 / 8)), java.util.Arrays.toString(perShard));
        }
        // and the most popular keys are not neighbours
        long k0 = p.apply(0);
        long k1 = p.apply(1);
        assertTrue(Math.abs(k0 - k1) > 1000, k0 + " " + k1);
    }

    // ------------------------------------------------------------------ uniform

    static ChiSquare uniformFit(KeySampler s, int items, long draws) {
        long[] counts = new long[items];
        for (long i = 0; i < draws; i++) {
            counts[(int) s.next()]++;
        }
        double[] p = new double[items];
        java.util.Arrays.fill(p, 1.0 / items);
        return chiSquare(counts, p, draws);
    }

    @Test
    void uniformKeysAreUniform() {
        ChiSquare x = uniformFit(KeySampler.of(uniform(1000), new StreamRandom(2)), 1000, 1_000_000);
        System.out.printf("uniform(1000): chi-square %.1f on %d df, critical %.1f%n", x.statistic(), x.df(), x.critical());
        assertTrue(x.passes(), x.toString());
    }

    @ParameterizedTest(name = "uniform over {0} keys, in 64 equal ranges")
    @ValueSource(longs = {3_000_000_000L, 1_000_000_000_000L, Long.MAX_VALUE})
    void uniformOverMoreKeysThanAnInt(long items) {
        KeySampler s = KeySampler.of(uniform(items), new StreamRandom(4));
        int bins = 64;
        long draws = 640_000;
        long[] counts = new long[bins];
        for (long i = 0; i < draws; i++) {
            long k = s.next();
            assertTrue(k >= 0 && k < items, "key " + k);
            counts[(int) Math.min(bins - 1, (long) ((double) k / items * bins))]++;
        }
        double[] p = new double[bins];
        java.util.Arrays.fill(p, 1.0 / bins);
        ChiSquare x = chiSquare(counts, p, draws);
        assertTrue(x.passes(), x.toString());
    }

    // ------------------------------------------------------------------ hotspot

    @Test
    void hotspotSendsTheHotFractionOfRequestsToTheFirstKeys() {
        long n = 1_000_000;
        double hotKeys = 0.2;
        double hotRequests = 0.8;
        KeyPopularity k = hotspot(n, hotKeys, hotRequests);
        assertEquals(200_000, k.hotCount());
        KeySampler s = KeySampler.of(k, new StreamRandom(9));
        int draws = 1_000_000;
        long hot = 0;
        double hotSum = 0;
        double coldSum = 0;
        for (int i = 0; i < draws; i++) {
            long key = s.next();
            assertTrue(key >= 0 && key < n);
            if (key < k.hotCount()) {
                hot++;
                hotSum += key;
            } else {
                coldSum += key;
            }
        }
        double sigma = Math.sqrt(hotRequests * (1 - hotRequests) / draws);
        assertEquals(hotRequests, (double) hot / draws, 4 * sigma, "fraction of requests to hot keys");
        // within each group the keys are uniform: the mean within 4 standard errors
        double hotMean = (k.hotCount() - 1) / 2.0;
        double hotSd = k.hotCount() / Math.sqrt(12);
        assertEquals(hotMean, hotSum / hot, 4 * hotSd / Math.sqrt(hot), "mean hot key");
        long cold = draws - hot;
        long coldCount = n - k.hotCount();
        assertEquals(k.hotCount() + (coldCount - 1) / 2.0, coldSum / cold, 4 * coldCount / Math.sqrt(12) / Math.sqrt(cold),
                "mean cold key");
    }

    @Test
    void hotspotMatchesItsPmfOnFewKeys() {
        // 10 keys, 3 hot (round(0.25 × 10) = 3 by half-up rounding), 70 % of requests to them
        KeyPopularity k = hotspot(10, 0.25, 0.7);
        assertEquals(3, k.hotCount());
        long draws = 1_000_000;
        long[] counts = new long[10];
        KeySampler s = KeySampler.of(k, new StreamRandom(17));
        for (long i = 0; i < draws; i++) {
            counts[(int) s.next()]++;
        }
        double[] p = new double[10];
        for (int i = 0; i < 10; i++) {
            p[i] = i < 3 ? 0.7 / 3 : 0.3 / 7;
        }
        ChiSquare x = chiSquare(counts, p, draws);
        assertTrue(x.passes(), x.toString());
    }

    // ------------------------------------------------------------------ determinism and cost

    @Test
    void sameSeedSameSequenceAnotherSeedAnother() {
        for (KeyPopularity k : List.of(uniform(1_000_000), zipf(1_000_000, 0.99), scrambled(1_000_000, 1.2),
                hotspot(1_000_000, 0.1, 0.9), uniform(1_000_000_000_000L))) {
            long[] a = draw(KeySampler.of(k, new StreamRandom(42)), 10_000);
            long[] b = draw(KeySampler.of(k, new StreamRandom(42)), 10_000);
            long[] c = draw(KeySampler.of(k, new StreamRandom(43)), 10_000);
            assertArrayEquals(a, b, k.toString());
            assertFalse(java.util.Arrays.equals(a, c), k.toString());
        }
    }

    private static long[] draw(KeySampler s, int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = s.next();
        }
        return x;
    }

    @Test
    void nextAllocatesNothing() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (KeyPopularity k : List.of(uniform(1_000_000), uniform(1_000_000_000_000L), zipf(100_000_000, 0.99),
                scrambled(100_000_000, 1.2), hotspot(1_000_000, 0.1, 0.9))) {
            KeySampler s = KeySampler.of(k, new StreamRandom(1));
            long sink = 0;
            for (int i = 0; i < 200_000; i++) {
                sink += s.next();
            }
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000_000; i++) {
                sink += s.next();
            }
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            // a boxed Long or array per draw would be 16 MB or more; allow for the measurement's own few bytes
            assertTrue(allocated < 64 * 1024, k + ": " + allocated + " bytes for a million draws (" + sink + ")");
        }
    }
}
