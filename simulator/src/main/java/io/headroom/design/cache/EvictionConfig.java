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
 *   <tr><td>lru, lfu</td><td>required, 1 .. {@value #MAX_CAPACITY}</td><td>refused</td><td>refused</td></tr>
 *   <tr><td>ttl</td><td>optional (absent: unbounded)</td><td>required, positive</td><td>refused</td></tr>
 *   <tr><td>fixed-hit-ratio</td><td>refused</td><td>refused</td><td>required, in [0, 1]</td></tr>
 * </table>
 *
 * @param eviction which policy
 * @param capacity the most keys held; {@code null} only for an unbounded {@code ttl} cache and for
 *                 {@code fixed-hit-ratio}
 * @param ttl      {@code ttl}: how long after it is written an entry stops hitting
 * @param hitRatio {@code fixed-hit-ratio}: the probability that a lookup hits
 */
public record EvictionConfig(Eviction eviction, Integer capacity, Duration ttl, Double hitRatio) {

    /** The largest capacity, 2^27 keys (a cache that size takes 7 to 14 GB: 50 to 110 bytes a key). */
    public static final int MAX_CAPACITY = 1 << 27;

    public EvictionConfig {
        FieldError.require(eviction, "eviction");
        switch (eviction) {
            case LRU, LFU -> {
                capacity(capacity, true);
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
            case LRU, LFU -> eviction.yamlName() + "(capacity " + capacity + ")";
            case TTL -> "ttl(" + Durations.format(ttl) + (capacity == null ? ", unbounded" : ", capacity " + capacity) + ")";
            case FIXED_HIT_RATIO -> "fixed-hit-ratio(" + hitRatio + ")";
        };
    }
}
