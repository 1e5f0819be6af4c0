package io.headroom.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static long[] first(StreamRandom r, int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextLong();
        }
        return x;
    }

    @Test
    void sameNameSameSequence() {
        RandomStreams s = new RandomStreams(42);
        assertEquals(java.util.Arrays.toString(first(s.stream("component:api"), 100)),
                java.util.Arrays.toString(first(new RandomStreams(42).stream("component:api"), 100)));
        // drawing from one stream does not move another
        StreamRandom a = s.stream("load:arrivals");
        first(s.stream("component:db"), 1000);
        assertEquals(first(new RandomStreams(42).stream("load:arrivals"), 1)[0], a.nextLong());
    }

    @Test
    void differentNamesOrRunSeedsDifferentSequences() {
        RandomStreams s = new RandomStreams(42);
        String[] names = {"load:arrivals", "load:mix", "component:api", "component:apj", "component:db", "", "a", "b"};
        Set<Long> firsts = new HashSet<>();
        Set<Long> seeds = new HashSet<>();
        for (String n : names) {
            firsts.add(s.stream(n).nextLong());
            seeds.add(s.seedOf(n));
        }
        assertEquals(names.length, firsts.size());
        assertEquals(names.length, seeds.size());
        assertNotEquals(s.seedOf("load:arrivals"), new RandomStreams(43).seedOf("load:arrivals"));
        // sequences of different names share no value in their first thousand draws
        Set<Long> x = new HashSet<>();
        for (long v : first(s.stream("component:api"), 1000)) {
            x.add(v);
        }
        for (long v : first(s.stream("component:apj"), 1000)) {
            assertTrue(!x.contains(v));
        }
    }

    /**
     * Pinned values: seedOf is SplitMix64's finaliser of (finaliser(run seed) XOR FNV-1a-64(name)),
     * and a stream is a SplittableRandom of that seed. These numbers were computed independently of the
     * Java code (a few lines of Python); a change to any of them changes every published result.
     */
    @Test
    void seedsArePinned() {
        assertEquals(-3978515905692674366L, new RandomStreams(42).seedOf("load:arrivals"));
        assertEquals(-9104116021232716793L, new RandomStreams(42).seedOf("component:api"));
        assertEquals(-780787492076525413L, new RandomStreams(0).seedOf(""));
        assertEquals(307836799074166717L, new RandomStreams(42).stream("load:arrivals").nextLong());
        assertEquals(42L, RandomStreams.replicationSeed(42, 0));
        assertEquals(-4767286540954276203L, RandomStreams.replicationSeed(42, 1));
        assertEquals(4028864712777624925L, RandomStreams.replicationSeed(42, 7));
    }

    @Test
    void streamRandomIsACommonsMathGeneratorOverSplittableRandom() {
        StreamRandom r = new StreamRandom(5);
        java.util.SplittableRandom j = new java.util.SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            assertEquals(j.nextDouble(), r.nextDouble());
        }
        r.setSeed(5L);
        assertEquals(new java.util.SplittableRandom(5).nextLong(), r.nextLong());
        for (int i = 0; i < 10_000; i++) {
            double u = r.nextDouble();
            assertTrue(u >= 0 && u < 1);
            int k = r.nextInt(7);
            assertTrue(k >= 0 && k < 7);
        }
    }
}
