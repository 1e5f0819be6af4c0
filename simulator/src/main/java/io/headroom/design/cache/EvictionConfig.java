package io.headroom.design.cache;

import io.headroom.yaml.Durations;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import java.time.Duration;

/**
 * What a cache needs to know to be built: its {@code eviction} and the keys that go with it. The design's
 * YAML record for a {@code cache} component makes one of these (its constructor's {@link FieldError}s name
 * the YAML keys — {@code eviction}, {@code capacity}, {@code ttl}, {@code hit-ratio} — so the binder can
 * locate them) and {@code io.headroom.cache.KeyCache#create} builds the cache.
 *
 * <table>
 *   <caption>Keys per eviction (a key that does not apply is refused rather than ignored)</caption>
 *   <tr><th>eviction</th><th>capacity (keys)</th><th>ttl</th><th>hit-ratio</th></tr>
 *   <tr><td>lru, lfu</td><td>1 .. {@value #MAX_CAPACITY}, or {@code memory} with {@code item-size} instead</td><td>refused</td><td>refused</td></tr>
 *   <tr><td>ttl</td><td>optional (absent: unbounded)</td><td>required, positive</td><td>refused</td></tr>
 *   <tr><td>fixed-hit-ratio</td><td>refused</td><td>refused</td><td>required, in [0, 1]</td></tr>
 * </table>
 *
 * @param eviction which policy
 * @param capacity the most keys held; {@code null} only for an unbounded {@code ttl} cache and for
 *                 {@code fixed-hit-ratio}
 * @param ttl      {@code ttl}: how long after it is written an entry stops hitting
 * @param hitRatio {@code fixed-hit-ratio}: the probability that a lookup hits
 * @param memory   {@code lru}, {@code lfu} sized in bytes instead of keys: the most bytes the items held take
 *                 (never more than {@value #MAX_CAPACITY} keys either)
 * @param itemSize with {@code memory}: the bytes each key's item takes
 */
public record EvictionConfig(Eviction eviction, Integer capacity, Duration ttl, Double hitRatio, Long memory, ItemSizeSpec itemSize) {

    /** The largest capacity, 2^27 keys (a cache that size takes 7 to 14 GB: 50 to 110 bytes a key). */
    public static final int MAX_CAPACITY = 1 << 27;

    public EvictionConfig(Eviction eviction, Integer capacity, Duration ttl, Double hitRatio) {
        this(eviction, capacity, ttl, hitRatio, null, null);
    }

    public EvictionConfig {
        FieldError.require(eviction, "eviction");
        if (eviction != Eviction.LRU && eviction != Eviction.LFU) {
            onlyLruLfu(eviction, memory, "memory");
            onlyLruLfu(eviction, itemSize, "item-size");
        }
        switch (eviction) {
            case LRU, LFU -> {
                if (memory != null && capacity != null) {
                    throw new FieldError("memory", "give the cache's size once: capacity (a count of keys) or memory (bytes,"
                            + " with item-size), not both");
                }
                if (memory == null && itemSize != null) {
                    throw new FieldError("item-size", "item-size goes with memory (a cache sized in bytes); a cache sized by"
                            + " capacity counts keys, whatever their size");
                }
                if (memory != null) {
                    if (memory < 1) {
                        throw new FieldError("memory", "must be at least 1 byte, e.g. 13Gi, got " + memory);
                    }
                    FieldError.require(itemSize, "item-size");
                } else {
                    capacity(capacity, true);
                }
                notFor(eviction, ttl, "ttl");
                notFor(eviction, hitRatio, "hit-ratio");
            }
            case TTL -> {
                capacity(capacity, false);
                FieldError.positive(ttl, "ttl");
                notFor(eviction, hitRatio, "hit-ratio");
            }
            case FIXED_HIT_RATIO -> {
                notFor(eviction, capacity, "capacity");
                notFor(eviction, ttl, "ttl");
                FieldError.require(hitRatio, "hit-ratio");
                if (!(hitRatio >= 0 && hitRatio <= 1)) {
                    throw new FieldError("hit-ratio", "must be a probability between 0 and 1, e.g. 0.8, got "
                            + FieldError.number(hitRatio) + Fraction.hint(hitRatio));
                }
            }
            default -> throw new IllegalStateException(eviction.toString());
        }
    }

    /** An {@code lru} cache of {@code capacity} keys. */
    public static EvictionConfig lru(int capacity) {
        return new EvictionConfig(Eviction.LRU, capacity, null, null);
    }

    /** An {@code lru} or {@code lfu} cache of {@code memory} bytes, each key's item taking {@code itemSize}. */
    public static EvictionConfig sized(Eviction eviction, long memory, ItemSizeSpec itemSize) {
        return new EvictionConfig(eviction, null, null, null, memory, itemSize);
    }

    /** Whether the cache is sized in bytes ({@code memory}) rather than keys. */
    public boolean sizedInBytes() {
        return memory != null;
    }

    /** An {@code lfu} cache of {@code capacity} keys. */
    public static EvictionConfig lfu(int capacity) {
        return new EvictionConfig(Eviction.LFU, capacity, null, null);
    }

    /** A {@code ttl} cache; {@code capacity} {@code null} for unbounded. */
    public static EvictionConfig ttl(Duration ttl, Integer capacity) {
        return new EvictionConfig(Eviction.TTL, capacity, ttl, null);
    }

    /** A {@code fixed-hit-ratio} cache. */
    public static EvictionConfig fixedHitRatio(double hitRatio) {
        return new EvictionConfig(Eviction.FIXED_HIT_RATIO, null, null, hitRatio);
    }

    private static void capacity(Integer capacity, boolean required) {
        if (capacity == null && !required) {
            return;
        }
        FieldError.positive(capacity, "capacity");
        if (capacity > MAX_CAPACITY) {
            throw new FieldError("capacity", "at most " + MAX_CAPACITY + " keys, got " + capacity);
        }
    }

    private static void onlyLruLfu(Eviction e, Object value, String field) {
        if (value != null) {
            throw new FieldError(field, "'" + field + "' applies only to eviction lru and lfu (a cache sized in bytes), not "
                    + e.yamlName() + "; remove it or change the eviction");
        }
    }

    private static void notFor(Eviction e, Object value, String field) {
        if (value != null) {
            String applies = switch (field) {
                case "ttl" -> "only to eviction ttl";
                case "hit-ratio" -> "only to eviction fixed-hit-ratio";
                default -> "to every eviction but fixed-hit-ratio, which holds no keys";
            };
            throw new FieldError(field, "'" + field + "' does not apply to eviction " + e.yamlName() + " (it applies "
                    + applies + "); remove it or change the eviction");
        }
    }

    @Override
    public String toString() {
        return switch (eviction) {
            case LRU, LFU -> eviction.yamlName() + (memory != null ? "(memory " + memory + " bytes)" : "(capacity " + capacity + ")");
            case TTL -> "ttl(" + Durations.format(ttl) + (capacity == null ? ", unbounded" : ", capacity " + capacity) + ")";
            case FIXED_HIT_RATIO -> "fixed-hit-ratio(" + hitRatio + ")";
        };
    }
}
