package io.headroom.load;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Gatling's {@code .randomized} open injection: a Poisson process whose rate ramps linearly from
 * {@code from} to {@code to} over the step's whole seconds, generated as Gatling does it by
 * thinning (Lewis and Shedler): candidate gaps at the peak rate, each candidate kept with
 * probability rate(t) / peak.
 */
final class PoissonArrivals implements ArrivalStream {
    private final long offsetNs;
    private final double seconds;
    private final double from;
    private final double to;
    private final double peak;
    private final RandomGenerator rng;
    private double t;

    PoissonArrivals(long offsetNs, long seconds, double from, double to, RandomGenerator rng) {
        this.offsetNs = offsetNs;
        this.seconds = seconds;
        this.from = from;
        this.to = to;
        this.peak = Math.max(from, to);
        this.rng = rng;
    }

    @Override
    public long next() {
        if (peak <= 0) {
            return END;
        }
        while (true) {
            t += -Math.log(1.0 - rng.nextDouble()) / peak;
            if (!(t < seconds)) {
                return END;
            }
            double rate = from + (to - from) * t / seconds;
            if (rng.nextDouble() < rate / peak) {
                return offsetNs + Math.round(t * 1e9);
            }
        }
    }
}
