package io.headroom.load.arrival;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Gatling's {@code .randomized} open injection (Gatling 3.15's {@code PoissonOpenInjection}), for a
 * rate that ramps linearly from {@code from} to {@code to} over the step's whole seconds {@code D}.
 *
 * <p>As in Gatling, the number of users is not random: it is {@code floor((from + to) / 2 * D)}, the
 * integral of the rate truncated. Their start times are that many independent draws from the density
 * proportional to the rate, produced already sorted: uniform order statistics by the sequential
 * method ({@code u <- 1 - (1 - u) * V^(1 / (N - k))}), each mapped through the inverse of the
 * cumulative rate. Given its count, a Poisson process is exactly such a sample, so this is a
 * Poisson process conditioned on its mean count.
 *
 * <p>Each uniform {@code V} is {@code rng.nextDouble()}; on a {@link io.headroom.random.StreamRandom}
 * seeded with {@code s}, that is the very sequence of Gatling's {@code new SplittableRandom(s)}, so
 * the times equal those of Gatling's step with seed {@code s} to the nanosecond (checked in
 * {@code GatlingParityTest}).
 */
public final class PoissonArrivals implements ArrivalStream {
    private final long offsetNs;
    private final double seconds;
    private final double from;
    private final double to;
    private final long users;
    private final RandomGenerator rng;
    private long k;
    private double u;

    public PoissonArrivals(long offsetNs, long seconds, double from, double to, RandomGenerator rng) {
        this.offsetNs = offsetNs;
        this.seconds = seconds;
        this.from = from;
        this.to = to;
        this.users = from == 0 && to == 0 ? 0 : (long) ((from + to) / 2.0 * this.seconds);
        this.rng = rng;
    }

    /** How many users the step starts. */
    public long users() {
        return users;
    }

    @Override
    public long next() {
        if (k >= users) {
            return END;
        }
        u = 1 - (1 - u) * Math.pow(rng.nextDouble(), 1.0 / (double) (users - k));
        k++;
        double t;
        if (to - from == 0) {
            t = Math.min(u * seconds, seconds);
        } else {
            // the rate's integral from 0 to t is from*t + (to-from)*t^2/(2D); solve for the fraction u of it
            double scale = seconds / (to - from);
            t = Math.min(scale * (Math.sqrt((1.0 - u) * (from * from) + u * (to * to)) - from), seconds);
        }
        return offsetNs + Math.round(t * 1e9);
    }
}
