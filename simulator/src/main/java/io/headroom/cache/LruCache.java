package io.headroom.cache;

import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import java.util.Arrays;

/**
 * Least recently used: a full cache evicts the key whose last use (hit or fill) is oldest.
 *
 * <p>Sized in bytes ({@link #LruCache(long, ItemSizes)}), a fill evicts the least recently used keys until
 * the new item fits in the memory beside those left, so the cache always holds the most recently used keys
 * whose items fit; an item larger than the whole memory is never cached. Then the slots are made as needed
 * (starting at 1024, doubling when the cache holds more keys than ever before: a few times a run) and the
 * victims' slots are reused; never more than {@link EvictionConfig#MAX_CAPACITY} keys.
 *
 * <p>Storage, all made once from the capacity: slot {@code s} holds {@code keys[s]}, and a
 * {@link SlotList} (one intrusive doubly linked list) orders the slots from least to most recently used; a
 * {@link LongIntMap} finds a key's slot. A hit is one map probe and an unlink/relink; a fill that evicts
 * reuses the victim's slot. 50 to 80 bytes a key (10<sup>6</sup> keys: 50 MB). No allocation after
 * construction.
 */
public final class LruCache implements KeyCache {
    private static final int INITIAL_SIZED = 1024;

    private final int capacity; // -1 when sized in bytes
    private long[] keys;
    private final SlotList order; // least recently used first; its free stack holds the slots freed (invalidated; sized in bytes, evicted)
    private final LongIntMap index;
    private int size;
    private final long memory; // -1 when sized in keys
    private final ItemSizes sizes;
    private long[] bytes; // sized in bytes: slot s's item size
    private long used;
    private int slotsMade;

    /** An empty cache of {@code capacity} keys, {@code 1 ..} {@link EvictionConfig#MAX_CAPACITY}. */
    public LruCache(int capacity) {
        if (capacity < 1 || capacity > EvictionConfig.MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [1, " + EvictionConfig.MAX_CAPACITY + "], got " + capacity);
        }
        this.capacity = capacity;
        this.keys = new long[capacity];
        this.order = new SlotList(capacity);
        this.index = new LongIntMap(capacity);
        this.memory = -1;
        this.sizes = null;
    }

    /** An empty cache of {@code memory} (&gt; 0) bytes, each key's item taking {@code sizes.of(key)}. */
    public LruCache(long memory, ItemSizes sizes) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be positive, got " + memory);
        }
        this.capacity = -1;
        this.memory = memory;
        this.sizes = sizes;
        this.keys = new long[INITIAL_SIZED];
        this.bytes = new long[INITIAL_SIZED];
        this.order = new SlotList(INITIAL_SIZED);
        this.index = new LongIntMap(INITIAL_SIZED);
    }

    @Override
    public boolean lookup(long key, long nowNs) {
        int s = index.get(key);
        if (s < 0) {
            return false;
        }
        order.toTail(s);
        return true;
    }

    @Override
    public void fill(long key, long nowNs) {
        int s = index.get(key);
        if (s >= 0) {
            order.toTail(s);
            return;
        }
        if (memory > 0) {
            fillSized(key);
            return;
        }
        if (size == capacity) {
            s = order.head();
            order.unlink(s);
            index.remove(keys[s]);
        } else {
            s = order.reuse(); // a slot an invalidation freed, else the next never used
            if (s == SlotList.NIL) {
                s = slotsMade++;
            }
            size++;
        }
        keys[s] = key;
        index.putAbsent(key, s);
        order.linkTail(s);
    }

    @Override
    public void invalidate(long key) {
        int s = index.get(key);
        if (s < 0) {
            return;
        }
        index.remove(key);
        order.release(s);
        size--;
        if (memory > 0) {
            used -= bytes[s];
        }
    }

    private void fillSized(long key) {
        long z = sizes.of(key);
        if (z > memory) {
            return;
        }
        while (used + z > memory || size == EvictionConfig.MAX_CAPACITY) {
            int victim = order.head();
            used -= bytes[victim];
            index.remove(keys[victim]);
            order.release(victim);
            size--;
        }
        int s = order.reuse();
        if (s == SlotList.NIL) {
            if (slotsMade == keys.length) {
                grow();
            }
            s = slotsMade++;
        }
        keys[s] = key;
        bytes[s] = z;
        used += z;
        index.putAbsent(key, s);
        order.linkTail(s);
        size++;
    }

    private void grow() {
        int n = (int) Math.min(EvictionConfig.MAX_CAPACITY, 2L * keys.length);
        keys = Arrays.copyOf(keys, n);
        bytes = Arrays.copyOf(bytes, n);
        order.grow(n);
        index.grow(n);
    }

    /** The bytes the cached items take (0 for a cache sized in keys). */
    public long usedBytes() {
        return used;
    }

    /** The most bytes held, or -1 for a cache sized in keys. */
    public long memory() {
        return memory;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void clear() {
        index.clear();
        order.clear();
        size = 0;
        used = 0;
        slotsMade = 0;
    }

    @Override
    public Eviction eviction() {
        return Eviction.LRU;
    }

    @Override
    public long[] evictionOrder() {
        return order.keysInOrder(keys, size);
    }

    @Override
    public String toString() {
        return memory > 0 ? "lru(" + size + " keys, " + used + "/" + memory + " bytes)" : "lru(" + size + "/" + capacity + ")";
    }
}
