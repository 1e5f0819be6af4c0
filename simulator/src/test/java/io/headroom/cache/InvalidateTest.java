package io.headroom.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.cache.ItemSizeSpec;
import org.junit.jupiter.api.Test;

/** A write's invalidation drops one key and frees its room, whatever the policy; nothing else moves. */
class InvalidateTest {

    @Test
    void lruFreesTheSlotForTheNextFill() {
        LruCache c = new LruCache(3);
        c.fill(1, 0);
        c.fill(2, 0);
        c.fill(3, 0);
        c.invalidate(2);
        c.invalidate(99); // not cached: nothing happens
        assertEquals(2, c.size());
        assertFalse(c.lookup(2, 0));
        c.fill(4, 0); // fits without evicting
        assertArrayEquals(new long[] {1, 3, 4}, c.evictionOrder());
        c.fill(5, 0); // full: evicts 1, the least recently used
        assertArrayEquals(new long[] {3, 4, 5}, c.evictionOrder());
        c.invalidate(3);
        c.invalidate(4);
        c.invalidate(5);
        assertEquals(0, c.size());
        for (long k = 10; k < 13; k++) {
            c.fill(k, 0);
        }
        assertArrayEquals(new long[] {10, 11, 12}, c.evictionOrder());
    }

    @Test
    void lfuFreesTheSlotAndForgetsTheCount() {
        LfuCache c = new LfuCache(3);
        c.fill(1, 0);
        c.fill(2, 0);
        c.fill(3, 0);
        assertTrue(c.lookup(2, 0));
        assertTrue(c.lookup(2, 0));
        c.invalidate(2);
        assertEquals(0, c.count(2));
        c.fill(4, 0);
        assertArrayEquals(new long[] {1, 3, 4}, c.evictionOrder());
        c.fill(2, 0); // back with count 1: evicts 1 (count 1, least recent)
        assertEquals(1, c.count(2));
        assertArrayEquals(new long[] {3, 4, 2}, c.evictionOrder());
    }

    @Test
    void sizedCachesGiveTheBytesBack() {
        LruCache lru = new LruCache(10_000, new ItemSizes(ItemSizeSpec.constant(4000), 0));
        LfuCache lfu = new LfuCache(10_000, new ItemSizes(ItemSizeSpec.constant(4000), 0));
        for (KeyCache c : new KeyCache[] {lru, lfu}) {
            c.fill(1, 0);
            c.fill(2, 0);
            c.invalidate(1);
            c.fill(3, 0); // fits in the room 1 left: 2 stays
            assertArrayEquals(new long[] {2, 3}, c.evictionOrder());
        }
        assertEquals(8000, lru.usedBytes());
        assertEquals(8000, lfu.usedBytes());
    }

    @Test
    void ttlDropsTheEntry() {
        TtlCache c = new TtlCache(1_000_000_000L, 4);
        c.fill(1, 0);
        c.fill(2, 10);
        c.invalidate(1);
        assertFalse(c.lookup(1, 20));
        assertTrue(c.lookup(2, 20));
        assertEquals(1, c.size());
    }
}
