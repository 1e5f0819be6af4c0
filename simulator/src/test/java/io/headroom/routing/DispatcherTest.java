package io.headroom.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.DispatchStrategy;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Strategies over a set of instances that changes: they pick only among those taking work. */
class DispatcherTest {
    /** Instances {@code slots} take work; none has anything outstanding. */
    record Fixed(int[] slots, int membership) implements Dispatcher.Load {
        @Override
        public int instances() {
            return slots.length;
        }

        @Override
        public int instanceAt(int k) {
            return slots[k];
        }

        @Override
        public int outstanding(int slot) {
            return 0;
        }
    }

    @Test
    void weightedKeepsTheRatioOfTheInstancesTakingWork() {
        // weights [1, 1, 2] for slots 0..2; slot 1 is gone and slot 3 (no weight) has taken its place
        Dispatcher d = Dispatcher.of(DispatchStrategy.WEIGHTED, new MersenneTwister(1), new double[] {1, 1, 2}, 3);
        Fixed load = new Fixed(new int[] {0, 2, 3}, 1);
        int[] picks = new int[4];
        for (int k = 0; k < 30_000; k++) {
            picks[d.pick(load, k)]++;
        }
        assertArrayEquals(new int[] {10_000, 0, 20_000, 0}, picks, "1 : 2 between slots 0 and 2; the unweighted slot gets nothing");
    }

    @Test
    void everyStrategyPicksOnlyInstancesTakingWork() {
        Fixed load = new Fixed(new int[] {1, 4, 6}, 7);
        for (DispatchStrategy s : DispatchStrategy.values()) {
            Dispatcher d = Dispatcher.of(s, new MersenneTwister(2), new double[] {1, 1, 1, 1, 1, 1, 1}, 7);
            int[] picks = new int[7];
            for (int k = 0; k < 3000; k++) {
                picks[d.pick(load, k * 7919L)]++;
            }
            assertEquals(3000, picks[1] + picks[4] + picks[6], s + ": " + java.util.Arrays.toString(picks));
        }
    }

    @Test
    void aFreshDispatcherIsTheSameStrategyWithAStateOfItsOwn() {
        for (DispatchStrategy s : DispatchStrategy.values()) {
            Dispatcher d = Dispatcher.of(s, new MersenneTwister(2), new double[] {1, 1, 1, 1, 1, 1, 1}, 7);
            Dispatcher copy = d.fresh();
            assertEquals(d.getClass(), copy.getClass(), s.yamlName());
        }
        // round robin: the copy starts its own rotation over its own instances
        Dispatcher rr = Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(2));
        Fixed all = new Fixed(new int[] {0, 1, 2}, 1);
        rr.pick(all, 0);
        rr.pick(all, 0);
        Dispatcher part = rr.fresh();
        Fixed two = new Fixed(new int[] {4, 5}, 1);
        assertArrayEquals(new int[] {4, 5, 4}, new int[] {part.pick(two, 0), part.pick(two, 0), part.pick(two, 0)});
        assertEquals(2, rr.pick(all, 0), "the original's rotation goes on where it was");
    }
}
