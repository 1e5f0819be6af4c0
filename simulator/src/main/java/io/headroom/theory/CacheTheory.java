package io.headroom.theory;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Hit ratios of caches under the independent reference model (IRM): requests are independent draws from a
 * fixed key popularity {@code p_i} (what a load profile's {@code keys:} describes). Used to validate the
 * {@code io.headroom.cache} policies and to estimate a cache's hit ratio without simulating.
 *
 * <p>{@code popularity} arguments are non-negative weights, one per key, at least one positive; they are
 * normalised here, so a plain count vector will do. Bad arguments throw {@link IllegalArgumentException}.
 *
 * <p>References: H. Che, Y. Tung, Z. Wang, "Hierarchical Web caching systems: modeling, design and
 * experimental results", IEEE JSAC 20(7), 2002; C. Fricker, P. Robert, J. Roberts, "A versatile and
 * accurate approximation for LRU cache performance", ITC 24, 2012; J. Jung, A. W. Berger, H. Balakrishnan,
 * "Modeling TTL-based Internet caches", IEEE INFOCOM 2003; N. C. Fofack, P. Nain, G. Neglia, D. Towsley,
 * "Performance evaluation of hierarchical TTL-based cache networks", Computer Networks 65, 2014;
 * A. V. Aho, P. J. Denning, J. D. Ullman, "Principles of optimal page replacement", J. ACM 18(1), 1971.
 */
public final class CacheTheory {
    private static final int SOLVER_MAX_EVALUATIONS = 500;

    private CacheTheory() {
    }

    /**
     * The zipf law over {@code items} keys: {@code p[k] = (k+1)^-s / H(items, s)}, key 0 the most popular —
     * the same law as the load profile's {@code zipf} key popularity ({@code KeySampler}). Exponent 0 is
     * uniform. The normalising sum is taken from the smallest term up.
     *
     * @param items    at least 1
     * @param exponent {@code s >= 0}, finite
     */
    public static double[] zipfPmf(int items, double exponent) {
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1, got " + items);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be zero or positive, got " + exponent);
        }
        double[] p = new double[items];
        double sum = 0;
        for (int k = items - 1; k >= 0; k--) {
            p[k] = Math.pow(k + 1, -exponent);
            sum += p[k];
        }
        for (int k = 0; k < items; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /**
     * Che's characteristic time of an LRU cache of {@code capacity} keys: the {@code T} that solves
     * {@code Σ_i (1 - e^{-p_i T}) = capacity} (the expected number of distinct keys among {@code T}
     * requests equals the capacity), in requests — multiply by the mean time between requests for seconds.
     * Solved by Brent's method (commons-math3) on {@code [capacity, hi]}: the left side is increasing and at
     * most {@code T} ({@code 1 - e^{-x} <= x}), so the root is at least {@code capacity}. Each evaluation is
     * one pass over the keys (about 10 ms per 10<sup>6</sup> keys); some 40 evaluations are needed.
     *
     * @return {@code T}; 0 if {@code capacity <= 0}; {@code +Infinity} if the cache holds every key of
     *     positive popularity
     */
    public static double cheCharacteristicTime(double[] popularity, int capacity) {
        double[] p = normalised(popularity);
        if (capacity <= 0) {
            return 0;
        }
        int positive = 0;
        for (double x : p) {
            if (x > 0) {
                positive++;
            }
        }
        if (capacity >= positive) {
            return Double.POSITIVE_INFINITY;
        }
        UnivariateFunction f = t -> {
            double s = 0;
            for (double x : p) {
                s -= Math.expm1(-x * t);
            }
            return s - capacity;
        };
        double lo = capacity;
        if (f.value(lo) >= 0) {
            return lo; // only when every positive p_i T is tiny beyond double precision
        }
        double hi = 2.0 * capacity;
        while (f.value(hi) < 0) {
            lo = hi;
            hi *= 2;
        }
        BrentSolver solver = new BrentSolver(1e-14, 1e-9, 1e-12);
        return solver.solve(SOLVER_MAX_EVALUATIONS, f, lo, hi);
    }

    /**
     * Che's approximation of the hit ratio of an LRU cache of {@code capacity} keys under IRM:
     * {@code Σ_i p_i (1 - e^{-p_i T})} with {@code T} from {@link #cheCharacteristicTime}. Key {@code i} is
     * in the cache when it was requested within the last {@code T} requests, as if {@code T} were the same
     * for every key; the approximation is asymptotically exact as the cache grows and within a few
     * thousandths for the caches of practice (Fricker, Robert &amp; Roberts 2012).
     *
     * @return the hit ratio in [0, 1]; 1 if the cache holds every key of positive popularity
     */
    public static double cheLruHitRatio(double[] popularity, int capacity) {
        double[] p = normalised(popularity);
        double t = cheCharacteristicTime(p, capacity);
        if (t == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        double h = 0;
        for (double x : p) {
            h -= x * Math.expm1(-x * t);
        }
        return h;
    }

    /**
     * Che's approximation for an LRU cache sized in bytes: key {@code i}'s item takes {@code sizes[i]} bytes and
     * the cache holds the most recently used keys whose items fit in {@code memory}. Key {@code i} is in the cache
     * when it was requested within the last {@code T} requests, {@code T} now solving
     * {@code Σ_i s_i (1 - e^{-p_i T}) = memory} (the expected bytes of the keys requested in a window of
     * {@code T} requests fill the memory); the hit ratio is {@code Σ_i p_i (1 - e^{-p_i T})}. The argument is
     * Che's own — a key is cached iff requested since the cache's content turned over, T treated as a constant —
     * with bytes in place of keys; it is the approximation used for variable sizes by Fricker, Robert &amp;
     * Roberts (2012, section 5) and is good when each item is small against the memory (an LRU by bytes leaves
     * less than one item's room unused). With every size 1 it is {@link #cheLruHitRatio}.
     *
     * @return the hit ratio in [0, 1]; 1 if every key of positive popularity fits at once
     */
    public static double cheLruHitRatioBySize(double[] popularity, double[] sizes, double memory) {
        double[] p = normalised(popularity);
        if (sizes.length != p.length) {
            throw new IllegalArgumentException(sizes.length + " sizes for " + p.length + " keys");
        }
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(sizes[i] > 0)) {
                throw new IllegalArgumentException("sizes must be positive, got " + sizes[i]);
            }
            total += p[i] > 0 ? sizes[i] : 0;
        }
        if (total <= memory) {
            return 1.0;
        }
        UnivariateFunction f = t -> {
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s -= sizes[i] * Math.expm1(-p[i] * t);
            }
            return s - memory;
        };
        double lo = 0;
        double hi = 1;
        while (f.value(hi) < 0) {
            lo = hi;
            hi *= 2;
        }
        double t = new BrentSolver(1e-14, 1e-9, 1e-12).solve(SOLVER_MAX_EVALUATIONS, f, lo, hi);
        double h = 0;
        for (double x : p) {
            h -= x * Math.expm1(-x * t);
        }
        return h;
    }

    /**
     * The hit ratio of the {@code capacity} most popular keys held for ever: {@code Σ} of the
     * {@code capacity} largest {@code p_i}. Under IRM no cache that does not know the future does better
     * (the A0 policy, or "perfect LFU"; Aho, Denning &amp; Ullman 1971): an upper bound for LRU and LFU alike.
     */
    public static double topKeysHitRatio(double[] popularity, int capacity) {
        double[] p = normalised(popularity).clone();
        java.util.Arrays.sort(p);
        double h = 0;
        for (int i = p.length - 1; i >= Math.max(0, p.length - capacity); i--) {
            h += p[i];
        }
        return Math.min(1.0, h);
    }

    /**
     * The hit ratio of one key in an expire-after-write TTL cache whose misses fill it at once, the key's
     * requests a Poisson process of rate {@code λ}: {@code λτ / (1 + λτ)}.
     *
     * <p>Derivation (a renewal-reward argument; Jung, Berger &amp; Balakrishnan 2003 give it for any renewal
     * request process as {@code M(τ) / (1 + M(τ))}, {@code M} the renewal function; Fofack et al. 2014 call
     * it the non-reset TTL cache). A miss at time 0 writes the entry. Every request in {@code (0, τ)} hits —
     * a Poisson number of them, mean {@code λτ} — and no request renews the entry; the first request after
     * {@code τ} misses, and by memorylessness the process starts afresh there. So each cycle holds exactly
     * one miss and on average {@code λτ} hits: hit ratio {@code λτ / (1 + λτ)}. (Expire after access — a
     * hit renews — would give {@code 1 - e^{-λτ}}, Che's per-key formula.)
     *
     * @param ratePerSecond λ, {@code >= 0}
     * @param ttlSeconds    τ, {@code >= 0}
     */
    public static double ttlKeyHitRatio(double ratePerSecond, double ttlSeconds) {
        requireNonNegative(ratePerSecond, "rate");
        requireNonNegative(ttlSeconds, "ttl");
        double x = ratePerSecond * ttlSeconds;
        return x == Double.POSITIVE_INFINITY ? 1.0 : x / (1 + x);
    }

    /**
     * The hit ratio of an unbounded expire-after-write TTL cache under Poisson IRM requests at
     * {@code requestsPerSecond} in all: key {@code i} is requested at {@code λ_i = p_i · requestsPerSecond}
     * (thinning a Poisson process gives independent Poisson processes), so the hit ratio is
     * {@code Σ_i p_i λ_i τ / (1 + λ_i τ)} ({@link #ttlKeyHitRatio}). With a capacity the cache can only do
     * worse; this holds as long as the capacity exceeds the keys written in any {@code τ}.
     */
    public static double ttlHitRatio(double[] popularity, double requestsPerSecond, double ttlSeconds) {
        double[] p = normalised(popularity);
        requireNonNegative(requestsPerSecond, "requests per second");
        double h = 0;
        for (double x : p) {
            h += x * ttlKeyHitRatio(x * requestsPerSecond, ttlSeconds);
        }
        return h;
    }

    private static double[] normalised(double[] popularity) {
        if (popularity == null || popularity.length == 0) {
            throw new IllegalArgumentException("popularity must have at least one key");
        }
        double sum = 0;
        for (double x : popularity) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("popularity weights must be finite and >= 0, got " + x);
            }
            sum += x;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("popularity must have a positive weight");
        }
        if (Math.abs(sum - 1) <= 1e-12) {
            return popularity;
        }
        double[] p = new double[popularity.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = popularity[i] / sum;
        }
        return p;
    }

    private static void requireNonNegative(double x, String what) {
        if (!(x >= 0)) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + x);
        }
    }
}
