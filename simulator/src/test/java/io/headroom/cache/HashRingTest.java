package io.headroom.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Consistent hashing over a cache cluster's nodes: shares near 1/N, and a node's loss moves its keys only, to the
 * other nodes, cold there; back, it owns exactly its keys again, empty.
 */
class HashRingTest {
    private static final int KEYS = 1_000_000;

    private static long[] shares(HashRing ring, boolean[] down) {
        long[] n = new long[ring.nodes()];
        for (long k = 0; k < KEYS; k++) {
            n[ring.nodeOf(k, down)]++;
        }
        return n;
    }

    @Test
    void sharesAreNearOneNth() {
        long[] four = shares(new HashRing(4), null);
        System.out.println("4 nodes, 10^6 keys: " + java.util.Arrays.toString(four));
        assertArrayEquals(new long[] {253_808, 219_477, 300_282, 226_433}, four, "a fixed function of the node numbers");
        for (long n : four) {
            // 160 points a node: a node's arc is a sum of 160 gaps, about 1/N with a relative spread near 1/sqrt(160) = 8%
            assertEquals(0.25, n / (double) KEYS, 0.25 * 3 / Math.sqrt(160), "share " + n);
        }
        assertEquals(KEYS, java.util.Arrays.stream(shares(new HashRing(1), null)).sum());
    }

    @Test
    void aNodeDownMovesItsKeysOnlyAndTakesThemBack() {
        HashRing ring = new HashRing(5);
        boolean[] down = new boolean[5];
        int[] owner = new int[KEYS];
        for (int k = 0; k < KEYS; k++) {
            owner[k] = ring.nodeOf(k, down);
        }
        down[2] = true;
        long moved = 0;
        for (int k = 0; k < KEYS; k++) {
            int now = ring.nodeOf(k, down);
            assertNotEquals(2, now);
            if (owner[k] == 2) {
                moved++;
            } else {
                assertEquals(owner[k], now, "key " + k + " moved though its node is up");
            }
        }
        assertTrue(moved > 0);
        down[2] = false;
        for (int k = 0; k < KEYS; k++) {
            assertEquals(owner[k], ring.nodeOf(k, down));
        }
        assertEquals(-1, ring.nodeOf(7, new boolean[] {true, true, true, true, true}));
    }

    @Test
    void aLostNodesKeysAreColdElsewhereAndColdOnItsReturn() {
        HashRing ring = new HashRing(3);
        boolean[] down = new boolean[3];
        LruCache[] nodes = {new LruCache(100), new LruCache(100), new LruCache(100)};
        long lost = -1;
        long kept = -1;
        for (long k = 0; lost < 0 || kept < 0; k++) {
            if (ring.nodeOf(k, null) == 1) {
                lost = lost < 0 ? k : lost;
            } else {
                kept = kept < 0 ? k : kept;
            }
        }
        for (long k : new long[] {lost, kept}) {
            nodes[ring.nodeOf(k, down)].fill(k, 0);
            assertTrue(nodes[ring.nodeOf(k, down)].lookup(k, 0));
        }
        down[1] = true; // node 1 crashes: what it held is gone
        nodes[1].clear();
        assertTrue(!nodes[ring.nodeOf(lost, down)].lookup(lost, 0), "cold on the node that takes it over");
        assertTrue(nodes[ring.nodeOf(kept, down)].lookup(kept, 0), "the other nodes keep their keys");
        nodes[ring.nodeOf(lost, down)].fill(lost, 0);
        down[1] = false; // repaired, empty
        assertEquals(1, ring.nodeOf(lost, down));
        assertTrue(!nodes[1].lookup(lost, 0), "back on its node, cold");
    }
}
