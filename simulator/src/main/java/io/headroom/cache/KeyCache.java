package io.headroom.cache;

import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A cache of keys (no values: the simulator only needs to know whether a request hits). The engine calls
 * {@link #lookup} when a request reaches the cache, and {@link #fill} when the response to a miss comes
 * back from the {@code miss:} target — so between the two other requests may look the same key up and
 * miss too, and the key may be filled twice; every implementation accepts that.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Keys are any {@code long} (the load profile's keys are {@code 0 .. items-1}).
 *   <li>{@code nowNs} is the simulated time in nanoseconds and never decreases from one call to the next
 *       on the same cache (the engine's clock); {@link TtlCache} checks it, the others ignore it.
 *   <li>In steady state neither {@code lookup} nor {@code fill} allocates: all storage is primitive arrays
 *       sized from the capacity when the cache is made (an unbounded {@code ttl} cache grows them, doubling,
 *       only when it holds more keys than ever before). Both take expected constant time.
 *   <li>One cache is used by one thread (one replication); none is thread-safe.
 * </ul>
 *
 * <p>Made by {@link #create} from an {@link EvictionConfig}; the implementations are also public for
 * direct use.
 */
public sealed interface KeyCache permits LruCache, LfuCache, TtlCache, FixedHitRatioCache {

    /**
     * Looks {@code key} up at time {@code nowNs}: true on a hit. A hit counts as a use (LRU recency, LFU
     * frequency); a miss changes nothing that {@link #fill} will not redo (a TTL cache may drop expired
     * entries).
     */
    boolean lookup(long key, long nowNs);

    /**
     * Stores {@code key} at time {@code nowNs}, after a miss was served, evicting as the policy says if the
     * cache is full. Filling a key already cached (two misses for it were in flight) does not count as a
     * use: LRU makes it the most recent, LFU keeps its count and makes it the most recent of its count,
     * TTL rewrites it (its age starts again). A no-op for {@code fixed-hit-ratio}.
     */
    void fill(long key, long nowNs);

    /**
     * Drops {@code key} if it is cached (a write invalidated it): its next lookup misses. Its room is free for
     * the next fill; nothing else moves. A no-op for {@code fixed-hit-ratio}.
     */
    void invalidate(long key);

    /** How many keys are cached now (for {@code ttl}, those not yet expired as of the last call). */
    int size();

    /**
     * The most keys held, or -1 when no count of keys limits it (unbounded {@code ttl}, {@code fixed-hit-ratio},
     * a cache sized in bytes).
     */
    int capacity();

    /** Empties the cache, keeping its storage: a per-instance cache on a new instance starts cold. */
    void clear();

    /** The policy. */
    Eviction eviction();

    /**
     * The cached keys, the next to be evicted first (for TTL: oldest write first). Allocates; for tests and
     * diagnostics, not for the hot path.
     */
    long[] evictionOrder();

    /**
     * A cache as {@code config} says. {@code random} is kept and used only by {@code fixed-hit-ratio} (one
     * {@code nextDouble()} a lookup); give it the component's own stream so that the hits it draws do not
     * shift any other component's samples. It may be {@code null} for the other evictions.
     */
    static KeyCache create(EvictionConfig config, RandomGenerator random) {
        return create(config, random, 0);
    }

    /**
     * As {@link #create(EvictionConfig, RandomGenerator)}; a cache sized in bytes draws its keys' item sizes
     * with {@code sizeSeed} ({@link ItemSizes}): give every node of one cache the same seed.
     */
    static KeyCache create(EvictionConfig config, RandomGenerator random, long sizeSeed) {
        if (config.sizedInBytes()) {
            ItemSizes sizes = new ItemSizes(config.itemSize(), sizeSeed);
            return config.eviction() == Eviction.LFU ? new LfuCache(config.memory(), sizes) : new LruCache(config.memory(), sizes);
        }
        return switch (config.eviction()) {
            case LRU -> new LruCache(config.capacity());
            case LFU -> new LfuCache(config.capacity());
            case TTL -> new TtlCache(saturatedNanos(config.ttl()), config.capacity() == null ? -1 : config.capacity());
            case FIXED_HIT_RATIO -> new FixedHitRatioCache(config.hitRatio(), random);
        };
    }

    private static long saturatedNanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // over 292 years: never expires
        }
    }
}
