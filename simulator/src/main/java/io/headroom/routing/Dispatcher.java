package io.headroom.routing;

import io.headroom.design.DispatchStrategy;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Picks the instance a request goes to. Strategies that look at load read it through
 * {@link Load}, so the same code serves a service's {@code dispatch} and, later, a load balancer.
 */
public abstract sealed class Dispatcher {

    /** What a strategy may know about the instances it chooses among. */
    public interface Load {
        int instances();

        /** Requests at instance {@code i}: in service plus waiting. */
        int outstanding(int i);
    }

    /** Index of the chosen instance, in [0, load.instances()), for a request with {@code key}. */
    public abstract int pick(Load load, long key);

    /**
     * A dispatcher for {@code strategy}. {@code weights} (per instance) is for {@code weighted} only;
     * {@code instances} sizes the consistent-hash ring.
     */
    public static Dispatcher of(DispatchStrategy strategy, RandomGenerator rng, double[] weights, int instances) {
        return switch (strategy) {
            case ROUND_ROBIN -> new RoundRobin();
            case RANDOM -> new Uniform(rng);
            case POWER_OF_TWO -> new PowerOfTwo(rng);
            case LEAST_OUTSTANDING -> new LeastOutstanding();
            case WEIGHTED -> new Weighted(weights);
            case CONSISTENT_HASH -> new ConsistentHash(instances);
        };
    }

    public static Dispatcher of(DispatchStrategy strategy, RandomGenerator rng) {
        if (strategy == DispatchStrategy.WEIGHTED || strategy == DispatchStrategy.CONSISTENT_HASH) {
            throw new IllegalArgumentException(strategy.yamlName() + " needs weights or a ring size");
        }
        return of(strategy, rng, null, 0);
    }

    /**
     * Smooth weighted round-robin (nginx's): each pick adds every instance's weight to its score,
     * takes the highest score and subtracts the total from it — deterministic, and as even as the
     * weights allow.
     */
    static final class Weighted extends Dispatcher {
        private final double[] weights;
        private final double[] score;
        private final double total;

        Weighted(double[] weights) {
            this.weights = weights.clone();
            this.score = new double[weights.length];
            double t = 0;
            for (double w : weights) {
                t += w;
            }
            total = t;
        }

        @Override
        public int pick(Load load, long key) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                score[i] += weights[i];
                if (score[i] > score[best]) {
                    best = i;
                }
            }
            score[best] -= total;
            return best;
        }
    }

    /**
     * Consistent hashing on the request key (Karger et al. 1997): 160 points per instance on a
     * 64-bit ring; a key goes to the first point at or after its hash. Keys keep their instance as
     * long as the instances do.
     */
    static final class ConsistentHash extends Dispatcher {
        private static final int POINTS = 160;
        private final long[] ring;
        private final int[] owner;

        ConsistentHash(int instances) {
            ring = new long[instances * POINTS];
            owner = new int[instances * POINTS];
            long[][] pairs = new long[ring.length][];
            for (int i = 0; i < instances; i++) {
                for (int v = 0; v < POINTS; v++) {
                    pairs[i * POINTS + v] = new long[] {mix(i * 1_000_003L + v + 1), i};
                }
            }
            java.util.Arrays.sort(pairs, (a, b) -> Long.compareUnsigned(a[0], b[0]));
            for (int k = 0; k < pairs.length; k++) {
                ring[k] = pairs[k][0];
                owner[k] = (int) pairs[k][1];
            }
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        @Override
        public int pick(Load load, long key) {
            long h = mix(key ^ 0x5DEECE66DL);
            int lo = 0;
            int hi = ring.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(ring[mid], h) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return owner[lo == ring.length ? 0 : lo];
        }
    }

    static final class RoundRobin extends Dispatcher {
        private int next;

        @Override
        public int pick(Load load, long key) {
            int n = load.instances();
            if (next >= n) {
                next = 0;
            }
            return next++;
        }
    }

    static final class Uniform extends Dispatcher {
        private final RandomGenerator rng;

        Uniform(RandomGenerator rng) {
            this.rng = rng;
        }

        @Override
        public int pick(Load load, long key) {
            return rng.nextInt(load.instances());
        }
    }

    static final class PowerOfTwo extends Dispatcher {
        private final RandomGenerator rng;

        PowerOfTwo(RandomGenerator rng) {
            this.rng = rng;
        }

        @Override
        public int pick(Load load, long key) {
            int n = load.instances();
            if (n == 1) {
                return 0;
            }
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            return load.outstanding(b) < load.outstanding(a) ? b : a;
        }
    }

    static final class LeastOutstanding extends Dispatcher {
        private int start;

        @Override
        public int pick(Load load, long key) {
            int n = load.instances();
            if (start >= n) {
                start = 0;
            }
            int best = start;
            int bestLoad = load.outstanding(best);
            for (int k = 1; k < n && bestLoad > 0; k++) {
                int i = start + k;
                if (i >= n) {
                    i -= n;
                }
                int l = load.outstanding(i);
                if (l < bestLoad) {
                    best = i;
                    bestLoad = l;
                }
            }
            start++;
            return best;
        }
    }
}
