package io.headroom.cache;

import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import java.util.Arrays;

/**
 * Least frequently used, with ties broken by recency: a full cache evicts, among the keys with the fewest
 * uses, the one used least recently. A key's count is its fill plus its hits since it was last filled
 * ("in-cache" LFU: the count is forgotten when the key is evicted).
 *
 * <p><b>No aging.</b> Counts only grow while a key is cached. Under the independent reference model (fixed
 * popularity, which is what the load profile's key popularity is) that is what makes LFU good: the cache
 * settles on nearly the most popular keys, above LRU's hit ratio and up to the best a non-clairvoyant cache
 * can do ({@link io.headroom.theory.CacheTheory#topKeysHitRatio}; Aho, Denning &amp; Ullman, J. ACM 18(1),
 * 1971). The price is the classic one: a newly filled key has count 1 and is the next victim unless it is
 * hit first, and a key that was hot long ago keeps its high count — if popularity shifts (a trace, a
 * hotspot that moves) LFU without aging adapts slowly. Model that with {@code lru} or {@code ttl}.
 *
 * <p>Constant time per operation by frequency buckets (K. Shah, A. Mitra, D. Matani, "An O(1) algorithm
 * for implementing the LFU cache eviction scheme", 2010): a doubly linked list of buckets in increasing
 * count, each holding a doubly linked list of its keys from least to most recently used. A hit moves the
 * key to the bucket of count + 1, right after its own (made if missing; a bucket left empty is dropped);
 * the victim is the first key of the first bucket. Buckets and keys are slots in primitive arrays
 * (at most capacity + 1 buckets are ever live), with a {@link LongIntMap} from key to slot; 75 to 110 bytes
 * a key. No allocation after construction. Counts are {@code long}s: they do not overflow.
 *
 * <p>Sized in bytes ({@link #LfuCache(long, ItemSizes)}), a fill evicts victims in the same order until the
 * new item fits in the memory beside those left; an item larger than the whole memory is never cached. Key
 * slots are then made as needed (starting at 1024, doubling when the cache holds more keys than ever before)
 * and the victims' slots reused; never more than {@link EvictionConfig#MAX_CAPACITY} keys.
 */
public final class LfuCache implements KeyCache {
    private static final int NIL = -1;

    private static final int INITIAL_SIZED = 1024;

    private final int capacity; // -1 when sized in bytes
    // key slots
    private long[] keys;
    private int[] entries; // slot s: prev at 3s, next at 3s + 1, bucket at 3s + 2
    private final LongIntMap index;
    private int size;
    private int slotsMade;
    // sized in bytes
    private final long memory; // -1 when sized in keys
    private final ItemSizes sizes;
    private long[] bytes;
    private long used;
    private int freeKey = NIL; // stack of freed slots (invalidated; sized in bytes, evicted), linked by their next link
    // buckets
    private long[] count;
    private int[] buckets; // bucket b: first (least recent) key at 4b, last at 4b + 1, lower at 4b + 2, higher at 4b + 3
    private int lowest = NIL; // the bucket of the smallest count
    private int freeBucket = NIL; // stack of released buckets, linked by their higher link
    private int bucketsMade;

    /** An empty cache of {@code capacity} keys, {@code 1 ..} {@link EvictionConfig#MAX_CAPACITY}. */
    public LfuCache(int capacity) {
        if (capacity < 1 || capacity > EvictionConfig.MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [1, " + EvictionConfig.MAX_CAPACITY + "], got " + capacity);
        }
        this.capacity = capacity;
        this.keys = new long[capacity];
        this.entries = new int[3 * capacity];
        this.index = new LongIntMap(capacity);
        this.count = new long[capacity + 1];
        this.buckets = new int[4 * (capacity + 1)];
        this.memory = -1;
        this.sizes = null;
    }

    /** An empty cache of {@code memory} (&gt; 0) bytes, each key's item taking {@code sizes.of(key)}. */
    public LfuCache(long memory, ItemSizes sizes) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be positive, got " + memory);
        }
        this.capacity = -1;
        this.memory = memory;
        this.sizes = sizes;
        this.keys = new long[INITIAL_SIZED];
        this.bytes = new long[INITIAL_SIZED];
        this.entries = new int[3 * INITIAL_SIZED];
        this.index = new LongIntMap(INITIAL_SIZED);
        this.count = new long[INITIAL_SIZED + 1];
        this.buckets = new int[4 * (INITIAL_SIZED + 1)];
    }

    @Override
    public boolean lookup(long key, long nowNs) {
        int s = index.get(key);
        if (s < 0) {
            return false;
        }
        int b = entries[3 * s + 2];
        long c = count[b] + 1;
        int up = buckets[4 * b + 3];
        if (up == NIL || count[up] != c) {
            if (buckets[4 * b] == s && buckets[4 * b + 1] == s) {
                count[b] = c; // alone in its bucket and no bucket of c: the bucket itself moves up
                return true;
            }
            up = newBucket(c, b);
        }
        removeKey(b, s);
        appendKey(up, s);
        return true;
    }

    @Override
    public void fill(long key, long nowNs) {
        int s = index.get(key);
        if (s >= 0) {
            int b = entries[3 * s + 2];
            if (buckets[4 * b + 1] != s) {
                removeKey(b, s);
                appendKey(b, s);
            }
            return;
        }
        if (memory > 0) {
            s = sizedSlot(key);
            if (s == NIL) {
                return;
            }
        } else if (size == capacity) {
            int b = lowest;
            s = buckets[4 * b];
            removeKey(b, s);
            index.remove(keys[s]);
        } else {
            if (freeKey != NIL) { // a slot an invalidation freed
                s = freeKey;
                freeKey = entries[3 * s + 1];
            } else {
                s = slotsMade++;
            }
            size++;
        }
        keys[s] = key;
        index.putAbsent(key, s);
        int b = lowest;
        if (b == NIL || count[b] != 1) {
            b = newBucket(1, NIL);
        }
        appendKey(b, s);
    }

    @Override
    public void invalidate(long key) {
        int s = index.get(key);
        if (s < 0) {
            return;
        }
        removeKey(entries[3 * s + 2], s);
        index.remove(key);
        size--;
        if (memory > 0) {
            used -= bytes[s];
        }
        entries[3 * s + 1] = freeKey;
        freeKey = s;
    }

    /**
     * Sized in bytes: evicts until {@code key}'s item fits and returns the slot it takes (counted in the size
     * and the bytes used), or NIL if the item is larger than the memory.
     */
    private int sizedSlot(long key) {
        long z = sizes.of(key);
        if (z > memory) {
            return NIL;
        }
        while (used + z > memory || size == EvictionConfig.MAX_CAPACITY) {
            int b = lowest;
            int victim = buckets[4 * b];
            removeKey(b, victim);
            index.remove(keys[victim]);
            used -= bytes[victim];
            size--;
            entries[3 * victim + 1] = freeKey;
            freeKey = victim;
        }
        int s;
        if (freeKey != NIL) {
            s = freeKey;
            freeKey = entries[3 * s + 1];
        } else {
            if (slotsMade == keys.length) {
                grow();
            }
            s = slotsMade++;
        }
        bytes[s] = z;
        used += z;
        size++;
        return s;
    }

    private void grow() {
        int n = (int) Math.min(EvictionConfig.MAX_CAPACITY, 2L * keys.length);
        keys = Arrays.copyOf(keys, n);
        bytes = Arrays.copyOf(bytes, n);
        entries = Arrays.copyOf(entries, 3 * n);
        count = Arrays.copyOf(count, n + 1);
        buckets = Arrays.copyOf(buckets, 4 * (n + 1));
        index.grow(n);
    }

    /** The bytes the cached items take (0 for a cache sized in keys). */
    public long usedBytes() {
        return used;
    }

    /** A new empty bucket of count {@code c}, linked right above bucket {@code below} (NIL: at the bottom). */
    private int newBucket(long c, int below) {
        int b;
        if (freeBucket != NIL) {
            b = freeBucket;
            freeBucket = buckets[4 * b + 3];
        } else {
            b = bucketsMade++;
        }
        count[b] = c;
        buckets[4 * b] = NIL;
        buckets[4 * b + 1] = NIL;
        int above = below == NIL ? lowest : buckets[4 * below + 3];
        buckets[4 * b + 2] = below;
        buckets[4 * b + 3] = above;
        if (below == NIL) {
            lowest = b;
        } else {
            buckets[4 * below + 3] = b;
        }
        if (above != NIL) {
            buckets[4 * above + 2] = b;
        }
        return b;
    }

    /** Unlinks key slot {@code s} from bucket {@code b}, dropping the bucket if it is left empty. */
    private void removeKey(int b, int s) {
        int p = entries[3 * s];
        int n = entries[3 * s + 1];
        if (p == NIL) {
            buckets[4 * b] = n;
        } else {
            entries[3 * p + 1] = n;
        }
        if (n == NIL) {
            buckets[4 * b + 1] = p;
        } else {
            entries[3 * n] = p;
        }
        if (buckets[4 * b] == NIL) {
            int lo = buckets[4 * b + 2];
            int hi = buckets[4 * b + 3];
            if (lo == NIL) {
                lowest = hi;
            } else {
                buckets[4 * lo + 3] = hi;
            }
            if (hi != NIL) {
                buckets[4 * hi + 2] = lo;
            }
            buckets[4 * b + 3] = freeBucket;
            freeBucket = b;
        }
    }

    private void appendKey(int b, int s) {
        entries[3 * s + 2] = b;
        int l = buckets[4 * b + 1];
        entries[3 * s] = l;
        entries[3 * s + 1] = NIL;
        if (l == NIL) {
            buckets[4 * b] = s;
        } else {
            entries[3 * l + 1] = s;
        }
        buckets[4 * b + 1] = s;
    }

    /** The use count of {@code key} (fill plus hits), or 0 if it is not cached. For tests and diagnostics. */
    public long count(long key) {
        int s = index.get(key);
        return s < 0 ? 0 : count[entries[3 * s + 2]];
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
        size = 0;
        used = 0;
        slotsMade = 0;
        freeKey = NIL;
        lowest = NIL;
        freeBucket = NIL;
        bucketsMade = 0;
    }

    @Override
    public Eviction eviction() {
        return Eviction.LFU;
    }

    @Override
    public long[] evictionOrder() {
        long[] out = new long[size];
        int i = 0;
        for (int b = lowest; b != NIL; b = buckets[4 * b + 3]) {
            for (int s = buckets[4 * b]; s != NIL; s = entries[3 * s + 1]) {
                out[i++] = keys[s];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return memory > 0 ? "lfu(" + size + " keys, " + used + "/" + memory + " bytes)" : "lfu(" + size + "/" + capacity + ")";
    }
}
