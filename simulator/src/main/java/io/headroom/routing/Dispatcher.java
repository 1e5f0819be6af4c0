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
        /** Instances that take new work now (ready, not draining or down); at least one when a pick is asked. */
        int instances();

        /** The instance number (slot) of the {@code k}-th instance taking work, in slot order. */
        int instanceAt(int k);

        /** Requests at instance {@code slot}: in service plus waiting. */
        int outstanding(int slot);

        /** A number that changes whenever the set of instances taking work changes. */
        default int membership() {
            return 0;
        }
    }

    /** The instance (slot) chosen among {@code load}'s instances taking work, for a request with {@code key}. */
    public abstract int pick(Load load, long key);

    /**
     * A dispatcher of the same strategy with a state of its own (its rotation, scores or ring; a random stream it
     * shares), to pick within a part of the instances, e.g. those of one version of a service.
     */
    public abstract Dispatcher fresh();

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
            this.score = new double[Math.max(weights.length, 1024)];
            double t = 0;
            for (double w : weights) {
                t += w;
            }
            total = t;
        }

        /** Weights are per instance slot; over a changing set of instances only those taking work score. */
        @Override
        public int pick(Load load, long key) {
            int n = load.instances();
            double sum = 0;
            int best = -1;
            for (int k = 0; k < n; k++) {
                int i = load.instanceAt(k);
                double w = i < weights.length ? weights[i] : 0;
                score[i] += w;
                sum += w;
                if (best < 0 || score[i] > score[best]) {
                    best = i;
                }
            }
            score[best] -= sum; // the weights of the instances taking work now
            return best;
        }

        @Override
        public Dispatcher fresh() {
            return new Weighted(weights);
        }
    }

    /**
     * Consistent hashing on the request key (Karger et al. 1997): 160 points per instance on a
     * 64-bit ring; a key goes to the first point at or after its hash. Keys keep their instance as
     * long as the instances do.
     */
    static final class ConsistentHash extends Dispatcher {
        private static final int POINTS = 160;
        private long[] ring = new long[0];
        private int[] owner = new int[0];
        private int builtFor = Integer.MIN_VALUE;

        ConsistentHash(int instances) {
        }

        /** Points of the instances taking work; an instance's points depend on its slot only, so keys of the others stay put. */
        private void rebuild(Load load) {
            int n = load.instances();
            long[][] pairs = new long[n * POINTS][];
            for (int k = 0; k < n; k++) {
                int i = load.instanceAt(k);
                for (int v = 0; v < POINTS; v++) {
                    pairs[k * POINTS + v] = new long[] {mix(i * 1_000_003L + v + 1), i};
                }
            }
            java.util.Arrays.sort(pairs, (a, b) -> Long.compareUnsigned(a[0], b[0]));
            ring = new long[pairs.length];
            owner = new int[pairs.length];
            for (int k = 0; k < pairs.length; k++) {
                ring[k] = pairs[k][0];
                owner[k] = (int) pairs[k][1];
            }
            builtFor = load.membership();
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        @Override
        public int pick(Load load, long key) {
            if (builtFor != load.membership() || ring.length == 0) {
                rebuild(load);
            }
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

        @Override
        public Dispatcher fresh() {
            return new ConsistentHash(0);
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
            return load.instanceAt(next++);
        }

        @Override
        public Dispatcher fresh() {
            return new RoundRobin();
        }
    }

    static final class Uniform extends Dispatcher {
        private final RandomGenerator rng;

        Uniform(RandomGenerator rng) {
            this.rng = rng;
        }

        @Override
        public int pick(Load load, long key) {
            return load.instanceAt(rng.nextInt(load.instances()));
        }

        @Override
        public Dispatcher fresh() {
            return new Uniform(rng);
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
                return load.instanceAt(0);
            }
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            int sa = load.instanceAt(a);
            int sb = load.instanceAt(b);
            return load.outstanding(sb) < load.outstanding(sa) ? sb : sa;
        }

        @Override
        public Dispatcher fresh() {
            return new PowerOfTwo(rng);
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
            int best = load.instanceAt(start);
            int bestLoad = load.outstanding(best);
            for (int k = 1; k < n && bestLoad > 0; k++) {
                int i = start + k;
                if (i >= n) {
                    i -= n;
                }
                int slot = load.instanceAt(i);
                int l = load.outstanding(slot);
                if (l < bestLoad) {
                    best = slot;
                    bestLoad = l;
                }
            }
            start++;
            return best;
        }

        @Override
        public Dispatcher fresh() {
            return new LeastOutstanding();
        }
    }
}
