package io.headroom.load.trace;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * {@code n} independent uniform draws on [0, 1), produced in increasing order one at a time with no
 * memory (the sequential method for uniform order statistics: {@code u <- 1 - (1 - u) V^(1/(n-k))},
 * as {@code PoissonArrivals} draws Gatling's randomized steps).
 */
final class SortedUniforms {
    private final RandomGenerator rng;
    private long n;
    private long k;
    private double u;

    SortedUniforms(RandomGenerator rng) {
        this.rng = rng;
    }

    /** Starts a new sample of {@code n} draws. */
    void reset(long n) {
        this.n = n;
        this.k = 0;
        this.u = 0;
    }

    boolean hasNext() {
        return k < n;
    }

    /** The next draw, at least the previous one, below 1. */
    double next() {
        u = 1 - (1 - u) * Math.pow(rng.nextDouble(), 1.0 / (double) (n - k));
        k++;
        return Math.min(u, Math.nextDown(1.0));
    }

    /** {@code x} rounded down or up at random, so that its expectation is {@code x}: floor(x) + Bernoulli(frac(x)). */
    static long stochasticRound(double x, RandomGenerator rng) {
        double floor = Math.floor(x);
        double frac = x - floor;
        return (long) floor + (frac > 0 && rng.nextDouble() < frac ? 1 : 0);
    }
}
