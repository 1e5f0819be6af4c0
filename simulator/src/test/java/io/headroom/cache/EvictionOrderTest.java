package io.headroom.cache;

import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.StreamRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exact eviction order of each policy on small scripted sequences. */
class EvictionOrderTest {

    private static void order(KeyCache c, long... expected) {
        assertArrayEquals(expected, c.evictionOrder(), () -> "eviction order of " + c);
        assertEquals(expected.length, c.size());
    }

    @Test
    void lruEvictsTheLeastRecentlyUsed() {
        KeyCache c = KeyCache.create(EvictionConfig.lru(3), null);
        assertEquals(Eviction.LRU, c.eviction());
        assertEquals(3, c.capacity());
        assertFalse(c.lookup(1, 0));
        c.fill(1, 0);
        c.fill(2, 0);
        c.fill(3, 0);
        order(c, 1, 2, 3);
        assertTrue(c.lookup(1, 0));
        order(c, 2, 3, 1);
        c.fill(4, 0); // evicts 2
        order(c, 3, 1, 4);
        assertFalse(c.lookup(2, 0));
        c.fill(3, 0); // already cached (two misses in flight): most recent, nothing evicted
        order(c, 1, 4, 3);
        c.fill(5, 0); // evicts 1
        order(c, 4, 3, 5);
        assertTrue(c.lookup(5, 0)); // the most recent stays where it is
        order(c, 4, 3, 5);
        assertTrue(c.lookup(4, 0));
        order(c, 3, 5, 4);
        c.clear();
        order(c);
        assertFalse(c.lookup(4, 0));
        c.fill(-7, 0);
        c.fill(Long.MAX_VALUE, 0);
        c.fill(Long.MIN_VALUE, 0);
        c.fill(8, 0); // evicts -7
        order(c, Long.MAX_VALUE, Long.MIN_VALUE, 8);
    }

    @Test
    void lruOfOneKey() {
        KeyCache c = new LruCache(1);
        c.fill(1, 0);
        assertTrue(c.lookup(1, 0));
        c.fill(2, 0);
        order(c, 2);
        assertFalse(c.lookup(1, 0));
    }

    @Test
    void lfuEvictsTheLeastFrequentThenLeastRecent() {
        LfuCache c = (LfuCache) KeyCache.create(EvictionConfig.lfu(3), null);
        assertEquals(Eviction.LFU, c.eviction());
        c.fill(1, 0);
        c.fill(2, 0);
        c.fill(3, 0);
        order(c, 1, 2, 3); // all count 1, least recent first
        assertTrue(c.lookup(1, 0)); // 1: count 2
        assertTrue(c.lookup(1, 0)); // 1: count 3 (alone in its bucket: the bucket moves up)
        assertTrue(c.lookup(2, 0)); // 2: count 2
        order(c, 3, 2, 1);
        assertEquals(3, c.count(1));
        assertEquals(2, c.count(2));
        assertEquals(1, c.count(3));
        c.fill(4, 0); // evicts 3, the only key of count 1
        order(c, 4, 2, 1);
        assertEquals(0, c.count(3));
        assertTrue(c.lookup(4, 0)); // 4: count 2, more recent than 2
        order(c, 2, 4, 1);
        c.fill(5, 0); // no key of count 1: evicts 2, the least recent of count 2
        order(c, 5, 4, 1);
        assertTrue(c.lookup(5, 0)); // 5: count 2
        order(c, 4, 5, 1);
        c.fill(4, 0); // already cached: count stays 2, most recent of its count
        order(c, 5, 4, 1);
        assertEquals(2, c.count(4));
        c.fill(6, 0); // evicts 5, the least recent of count 2; 6 (count 1) is the next victim though the newest
        order(c, 6, 4, 1);
        c.fill(7, 0); // evicts 6
        order(c, 7, 4, 1);
        for (int i = 0; i < 5; i++) {
            assertTrue(c.lookup(7, 0)); // 7 climbs past 4 (count 2) and 1 (count 3) to count 6
        }
        order(c, 4, 1, 7);
        assertEquals(6, c.count(7));
        c.clear();
        order(c);
        assertFalse(c.lookup(7, 0));
        c.fill(9, 0);
        assertTrue(c.lookup(9, 0));
        c.fill(10, 0);
        c.fill(11, 0);
        c.fill(12, 0); // evicts 10
        order(c, 11, 12, 9);
    }

    /** Many keys through a small LFU: the bucket pool never runs out and the order stays sorted by (count, recency). */
    @Test
    void lfuInvariantsUnderChurn() {
        LfuCache c = new LfuCache(8);
        StreamRandom r = new StreamRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long k = r.nextInt(20);
            if (!c.lookup(k, 0)) {
                c.fill(k, 0);
            }
            long[] o = c.evictionOrder();
            assertTrue(o.length <= 8);
            for (int j = 1; j < o.length; j++) {
                assertTrue(c.count(o[j - 1]) <= c.count(o[j]), "counts not ascending");
            }
        }
    }

    @Test
    void ttlExpiresAfterWriteAndEvictsTheOldestWrite() {
        KeyCache c = KeyCache.create(EvictionConfig.ttl(Duration.ofNanos(10), 3), null);
        assertEquals(Eviction.TTL, c.eviction());
        c.fill(1, 0);
        c.fill(2, 1);
        c.fill(3, 2);
        order(c, 1, 2, 3);
        assertTrue(c.lookup(1, 9)); // 9 old: hits, and a hit does not renew
        order(c, 1, 2, 3);
        assertFalse(c.lookup(1, 10)); // exactly ttl old: expired (as Caffeine and Guava)
        order(c, 2, 3);
        c.fill(4, 11); // 2 (written at 1) expires too
        order(c, 3, 4);
        c.fill(5, 11);
        c.fill(6, 11); // full: evicts 3, the oldest write, although it has not expired
        order(c, 4, 5, 6);
        c.fill(4, 12); // rewrite: 4 is now the newest write
        order(c, 5, 6, 4);
        assertTrue(c.lookup(4, 21));
        assertFalse(c.lookup(5, 21));
        order(c, 4);
        assertThrows(IllegalArgumentException.class, () -> c.lookup(4, 20), "time went backwards");
        c.clear(); // a new instance may start at any time
        order(c);
        c.fill(1, 5);
        assertTrue(c.lookup(1, 14));
        assertFalse(c.lookup(1, 15));
    }

    @Test
    void unboundedTtlGrowsAndEmptiesAfterTtl() {
        TtlCache c = (TtlCache) KeyCache.create(EvictionConfig.ttl(Duration.ofSeconds(1), null), null);
        assertEquals(-1, c.capacity());
        int n = 5000; // beyond the initial 1024 slots: grows three times
        for (int k = 0; k < n; k++) {
            c.fill(k, k);
        }
        assertEquals(n, c.size());
        for (int k = 0; k < n; k++) {
            assertTrue(c.lookup(k, n));
        }
        long[] o = c.evictionOrder();
        for (int k = 0; k < n; k++) {
            assertEquals(k, o[k]);
        }
        long t = 1_000_000_000L;
        assertFalse(c.lookup(0, t)); // written at 0
        assertTrue(c.lookup(1, t)); // written at 1 ns
        assertEquals(n - 1, c.size());
        assertFalse(c.lookup(1, t + n));
        assertEquals(0, c.size());
    }

    @Test
    void fixedHitRatioExtremesAndNoState() {
        KeyCache never = KeyCache.create(EvictionConfig.fixedHitRatio(0), new StreamRandom(1));
        KeyCache always = KeyCache.create(EvictionConfig.fixedHitRatio(1), new StreamRandom(1));
        for (int i = 0; i < 10_000; i++) {
            never.fill(i, i);
            assertFalse(never.lookup(i, i));
            assertTrue(always.lookup(i, i));
        }
        assertEquals(0, never.size());
        assertEquals(-1, never.capacity());
        order(never);
    }
}
