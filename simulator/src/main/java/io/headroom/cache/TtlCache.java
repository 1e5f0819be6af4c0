package io.headroom.cache;

import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import java.util.Arrays;

/**
 * Expire after write: an entry written (filled) at {@code w} hits a lookup at {@code t} while
 * {@code t - w < ttl}, and is a miss from {@code t - w >= ttl} on (as Caffeine's and Guava's
 * {@code expireAfterWrite}: an entry exactly {@code ttl} old has expired). A hit does not renew it; only a
 * fill does. With a capacity, a full cache evicts the oldest write (first in, first out); without one it
 * holds every key written in the last {@code ttl}.
 *
 * <p>For a key requested as a Poisson process of rate λ whose misses fill it at once, this gives the
 * hit ratio λτ / (1 + λτ) ({@link io.headroom.theory.CacheTheory#ttlHitRatio}).
 *
 * <p>Since fills come in time order, the entries kept in write order (a {@link SlotList}, one intrusive
 * doubly linked list over primitive arrays, oldest first) are also in expiry order: the expired ones are always a prefix, and
 * every lookup and fill first drops that prefix (each entry is dropped once, so this is constant time on
 * average), so {@link #size()} counts live entries and memory never holds more than the keys written in
 * the last {@code ttl}. A {@link LongIntMap} finds a key's slot. 60 to 90 bytes a key.
 *
 * <p>Allocation: none after construction with a capacity. Unbounded, the arrays start at 1024 keys and
 * double when the cache holds more keys than ever before — a few times per run, never in steady state.
 *
 * <p>Time must not go backwards: a call with an earlier {@code nowNs} than the previous one throws
 * {@link IllegalArgumentException}.
 */
public final class TtlCache implements KeyCache {
    private static final int INITIAL_UNBOUNDED = 1024;

    private final long ttlNs;
    private final int capacity; // -1: unbounded
    private long[] keys;
    private long[] written;
    private final SlotList order; // oldest write first; its free stack holds the released slots
    private final LongIntMap index;
    private int size;
    private int slotsMade;
    private long lastNs = Long.MIN_VALUE;

    /**
     * An empty cache whose entries expire {@code ttlNs} (&gt; 0) nanoseconds after they are written,
     * holding at most {@code capacity} keys ({@code 1 ..} {@link EvictionConfig#MAX_CAPACITY}), or
     * unbounded if {@code capacity} is -1.
     */
    public TtlCache(long ttlNs, int capacity) {
        if (ttlNs <= 0) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttlNs + " ns");
        }
        if (capacity != -1 && (capacity < 1 || capacity > EvictionConfig.MAX_CAPACITY)) {
            throw new IllegalArgumentException("capacity must be -1 (unbounded) or in [1, " + EvictionConfig.MAX_CAPACITY
                    + "], got " + capacity);
        }
        this.ttlNs = ttlNs;
        this.capacity = capacity;
        int slots = capacity == -1 ? INITIAL_UNBOUNDED : capacity;
        this.keys = new long[slots];
        this.written = new long[slots];
        this.order = new SlotList(slots);
        this.index = new LongIntMap(slots);
    }

    @Override
    public boolean lookup(long key, long nowNs) {
        expire(nowNs);
        return index.get(key) >= 0;
    }

    @Override
    public void fill(long key, long nowNs) {
        expire(nowNs);
        int s = index.get(key);
        if (s >= 0) {
            written[s] = nowNs;
            order.toTail(s);
            return;
        }
        if (size == keys.length) {
            if (capacity == -1) {
                grow();
            } else {
                remove(order.head());
            }
        }
        s = order.reuse();
        if (s == SlotList.NIL) {
            s = slotsMade++;
        }
        keys[s] = key;
        written[s] = nowNs;
        index.putAbsent(key, s);
        order.linkTail(s);
        size++;
    }

    @Override
    public void invalidate(long key) {
        int s = index.get(key);
        if (s >= 0) {
            remove(s);
        }
    }

    /** Drops every entry {@code ttl} old or older at {@code nowNs}: a prefix of the write order. */
    private void expire(long nowNs) {
        if (nowNs < lastNs) {
            throw new IllegalArgumentException("time went backwards: " + nowNs + " ns after " + lastNs + " ns");
        }
        lastNs = nowNs;
        for (int s = order.head(); s != SlotList.NIL && nowNs - written[s] >= ttlNs; s = order.head()) {
            remove(s);
        }
    }

    private void remove(int s) {
        order.release(s);
        index.remove(keys[s]);
        size--;
    }

    private void grow() {
        int n = keys.length * 2;
        if (n > EvictionConfig.MAX_CAPACITY) {
            throw new IllegalStateException("an unbounded ttl cache outgrew " + EvictionConfig.MAX_CAPACITY + " keys");
        }
        keys = Arrays.copyOf(keys, n);
        written = Arrays.copyOf(written, n);
        order.grow(n);
        index.grow(n);
    }

    /** The time to live, in nanoseconds. */
    public long ttlNs() {
        return ttlNs;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /**
     * Empties the cache, keeping its storage, and forgets the last time seen (a new instance may start at
     * any time).
     */
    @Override
    public void clear() {
        index.clear();
        order.clear();
        size = 0;
        slotsMade = 0;
        lastNs = Long.MIN_VALUE;
    }

    @Override
    public Eviction eviction() {
        return Eviction.TTL;
    }

    @Override
    public long[] evictionOrder() {
        return order.keysInOrder(keys, size);
    }

    @Override
    public String toString() {
        return "ttl(" + ttlNs + " ns, " + size + "/" + (capacity == -1 ? "unbounded" : capacity) + ")";
    }
}
