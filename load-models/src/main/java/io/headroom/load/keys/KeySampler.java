package io.headroom.load.keys;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws request keys, {@code 0 .. items-1}, by a profile's {@link KeyPopularity}. {@link #next()} allocates
 * nothing and takes constant time whatever the number of items: about 25 ns a key for zipf, 40–60 ns for
 * scrambled-zipf (the permutation), 5–10 ns for uniform and hotspot (JDK 17, one core of a small cloud VM).
 *
 * <ul>
 *   <li>{@code uniform}: every key with probability {@code 1 / items}.
 *   <li>{@code zipf}: the key {@code k} has rank {@code k + 1} and probability {@code (k+1)^-s / H(items, s)}
 *       — key 0 is the most popular. Ranks are drawn by rejection-inversion ({@link ZipfRanks}; Hörmann &amp;
 *       Derflinger, ACM TOMACS 6(3), 1996): constant time and no table, so 10<sup>8</sup> items cost no memory or
 *       set-up. Exponent 0 is uniform.
 *   <li>{@code scrambled-zipf}: the same ranks, drawn the same way (the same seed gives the same ranks), each
 *       mapped to a key by the fixed permutation {@link KeyScramble}, so the popular keys are spread over the
 *       key space.
 *   <li>{@code hotspot}: the hot keys are the first ones, {@code 0 .. round(hot-keys × items) - 1}; a request
 *       goes to a hot key with probability {@code hot-requests}, else to a cold one, uniformly within each group.
 * </ul>
 *
 * One sampler belongs to one random stream and is not thread-safe.
 */
public abstract class KeySampler {
    private final long items;

    private KeySampler(long items) {
        this.items = items;
    }

    /** A sampler of {@code keys} drawing its randomness from {@code rng}, which it keeps. */
    public static KeySampler of(KeyPopularity keys, RandomGenerator rng) {
        long items = keys.items();
        return switch (keys.distribution()) {
            case UNIFORM -> new Uniform(items, rng);
            case ZIPF -> keys.exponent() == 0 ? new Uniform(items, rng) : new Zipf(items, keys.exponent(), rng);
            case SCRAMBLED_ZIPF -> keys.exponent() == 0 ? new Uniform(items, rng)
                    : new ScrambledZipf(items, keys.exponent(), rng);
            case HOTSPOT -> new Hotspot(items, keys.hotCount(), keys.hotRequests(), rng);
        };
    }

    /** The next key, in {@code [0, items)}. */
    public abstract long next();

    /** How many distinct keys there are. */
    public final long items() {
        return items;
    }

    /** Uniform on {@code [0, n)}, unbiased, for any positive {@code n}. */
    static long below(RandomGenerator rng, long n) {
        if (n <= Integer.MAX_VALUE) {
            return rng.nextInt((int) n);
        }
        // rejection of the top partial block of 2^63 (as java.util.SplittableRandom bounds a long)
        long u = rng.nextLong() >>> 1;
        long r;
        while (u - (r = u % n) + (n - 1) < 0) {
            u = rng.nextLong() >>> 1;
        }
        return r;
    }

    private static final class Uniform extends KeySampler {
        private final long n;
        private final RandomGenerator rng;

        Uniform(long n, RandomGenerator rng) {
            super(n);
            this.n = n;
            this.rng = rng;
        }

        @Override
        public long next() {
            return below(rng, n);
        }
    }

    private static final class Zipf extends KeySampler {
        private final ZipfRanks ranks;
        private final RandomGenerator rng;

        Zipf(long n, double exponent, RandomGenerator rng) {
            super(n);
            this.ranks = new ZipfRanks(n, exponent);
            this.rng = rng;
        }

        @Override
        public long next() {
            return ranks.sample(rng) - 1;
        }
    }

    private static final class ScrambledZipf extends KeySampler {
        private final ZipfRanks ranks;
        private final KeyScramble scramble;
        private final RandomGenerator rng;

        ScrambledZipf(long n, double exponent, RandomGenerator rng) {
            super(n);
            this.ranks = new ZipfRanks(n, exponent);
            this.scramble = new KeyScramble(n);
            this.rng = rng;
        }

        @Override
        public long next() {
            return scramble.apply(ranks.sample(rng) - 1);
        }
    }

    private static final class Hotspot extends KeySampler {
        private final long hot;
        private final long cold;
        private final double hotRequests;
        private final RandomGenerator rng;

        Hotspot(long n, long hot, double hotRequests, RandomGenerator rng) {
            super(n);
            this.hot = hot;
            this.cold = n - hot;
            this.hotRequests = hotRequests;
            this.rng = rng;
        }

        @Override
        public long next() {
            return rng.nextDouble() < hotRequests ? below(rng, hot) : hot + below(rng, cold);
        }
    }
}
