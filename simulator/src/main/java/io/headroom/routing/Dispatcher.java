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

    /** Index of the chosen instance, in [0, load.instances()). */
    public abstract int pick(Load load);

    public static Dispatcher of(DispatchStrategy strategy, RandomGenerator rng) {
        return switch (strategy) {
            case ROUND_ROBIN -> new RoundRobin();
            case RANDOM -> new Uniform(rng);
            case POWER_OF_TWO -> new PowerOfTwo(rng);
            case LEAST_OUTSTANDING -> new LeastOutstanding();
        };
    }

    static final class RoundRobin extends Dispatcher {
        private int next;

        @Override
        public int pick(Load load) {
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
        public int pick(Load load) {
            return rng.nextInt(load.instances());
        }
    }

    static final class PowerOfTwo extends Dispatcher {
        private final RandomGenerator rng;

        PowerOfTwo(RandomGenerator rng) {
            this.rng = rng;
        }

        @Override
        public int pick(Load load) {
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
        public int pick(Load load) {
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
