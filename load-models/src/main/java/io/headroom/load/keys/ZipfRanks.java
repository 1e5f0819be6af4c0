package io.headroom.load.keys;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Zipf ranks {@code 1 .. n} with {@code P(k) = k^-s / H(n, s)}, by rejection-inversion: W. Hörmann and
 * G. Derflinger, "Rejection-inversion to generate variates from monotone discrete distributions", ACM
 * Transactions on Modeling and Computer Simulation 6(3), 1996, pp. 169–184.
 *
 * <p>The hat is the continuous function {@code h(x) = x^-s}, decreasing and convex, with integral
 * {@code H(x) = (x^(1-s) - 1) / (1 - s)} ({@code log x} for {@code s = 1}). A uniform {@code u} in
 * {@code (H(1.5) - 1, H(n + 0.5)]} is inverted to {@code x = H⁻¹(u)} and rounded to the rank {@code k};
 * {@code k} is accepted when {@code u ≥ H(k + 0.5) - h(k)}, so each rank {@code k ≥ 2} is accepted on a
 * part of its interval {@code [H(k - 0.5), H(k + 0.5))} exactly {@code h(k) = k^-s} long (convexity makes
 * the interval at least that long), and rank 1 owns {@code [H(1.5) - 1, H(1.5))}, of length
 * {@code h(1) = 1}: the accepted ranks have exactly the zipf law. The paper's squeeze
 * {@code k - x ≤ 2 - H⁻¹(H(2.5) - h(2))} accepts most draws without evaluating {@code H}. The expected
 * number of uniforms per rank is below 1.1 for the exponents of practice; the set-up is a few
 * logarithms, whatever {@code n}: no table, no harmonic sum.
 *
 * <p>Why not commons-math3's {@code ZipfDistribution}, which implements the same method: it works
 * (about 80 ns a draw for exponents other than 1, at any {@code n} up to 2<sup>31</sup>-1), but every
 * draw allocates a {@code double[2]} inside {@code FastMath.log1p} (32 bytes: 32 MB of garbage per million
 * keys), which a sampler called once per simulated request must not do, and it counts ranks in an
 * {@code int}. Here {@code H} and {@code H⁻¹} use {@link Math#log} and {@link Math#exp} (intrinsics), with
 * Taylor series where {@code (e^y - 1)/y} and {@code log(1+t)/t} would lose digits: a relative error of at
 * most about 2e-13 in {@code H} and {@code H⁻¹}, which moves acceptance boundaries by as little.
 *
 * <p>Ranks are computed in double precision, so {@code n} is at most 2<sup>53</sup>.
 */
final class ZipfRanks {
    /** Below this |argument| the helpers use their Taylor series (truncation error below 2e-19). */
    private static final double SERIES = 1e-3;

    private final long n;
    private final double exponent;
    private final double q; // 1 - exponent
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double squeeze;

    ZipfRanks(long n, double exponent) {
        if (n < 1 || n > (1L << 53)) {
            throw new IllegalArgumentException("n must be in [1, 2^53], got " + n);
        }
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be positive, got " + exponent);
        }
        this.n = n;
        this.exponent = exponent;
        this.q = 1 - exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1;
        this.hIntegralN = hIntegral(n + 0.5);
        this.squeeze = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
    }

    /** A rank in {@code [1, n]}. */
    long sample(RandomGenerator rng) {
        while (true) {
            // from the top down, as commons-math3 maps its uniforms, so both give the same ranks from one stream
            double u = hIntegralN + rng.nextDouble() * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            long k = (long) (x + 0.5); // x ≥ 0 or +∞: the cast rounds it half up (and saturates)
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) {
                return k;
            }
        }
    }

    /** h(x) = x^-s. */
    private double h(double x) {
        return Math.exp(-exponent * Math.log(x));
    }

    /** H(x) = (x^(1-s) - 1) / (1 - s), as log(x) · (e^y - 1)/y with y = (1-s) log(x). */
    private double hIntegral(double x) {
        double logX = Math.log(x);
        return logX * expm1OverX(q * logX);
    }

    /** H⁻¹(u) = (1 + (1-s)u)^(1/(1-s)), as exp(u · log(1+t)/t) with t = (1-s)u. */
    private double hIntegralInverse(double u) {
        double t = q * u;
        if (t <= -1) {
            return Double.POSITIVE_INFINITY; // only by rounding, beyond the last rank
        }
        return Math.exp(u * log1pOverX(t));
    }

    /** (e^y - 1) / y, 1 at 0. */
    static double expm1OverX(double y) {
        if (Math.abs(y) < SERIES) {
            return 1 + y / 2 * (1 + y / 3 * (1 + y / 4 * (1 + y / 5 * (1 + y / 6))));
        }
        return (Math.exp(y) - 1) / y;
    }

    /** log(1 + t) / t, 1 at 0. */
    static double log1pOverX(double t) {
        if (Math.abs(t) < SERIES) {
            return 1 - t * (1.0 / 2 - t * (1.0 / 3 - t * (1.0 / 4 - t * (1.0 / 5 - t / 6))));
        }
        return Math.log(1 + t) / t;
    }
}
