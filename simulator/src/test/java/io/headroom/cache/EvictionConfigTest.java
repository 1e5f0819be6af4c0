package io.headroom.cache;

import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.StreamRandom;
import io.headroom.yaml.FieldError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which keys each eviction takes, the errors (at the YAML key) for the rest, and what the factory builds. */
class EvictionConfigTest {

    private static void refused(String field, String fragment, Runnable make) {
        FieldError e = assertThrows(FieldError.class, make::run);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void namesAreTheDesignsNames() {
        for (Eviction e : Eviction.values()) {
            assertEquals(e, Eviction.fromYaml(e.yamlName()));
        }
        assertEquals("fixed-hit-ratio", Eviction.FIXED_HIT_RATIO.yamlName());
        refused("eviction", "known: lru, lfu, ttl, fixed-hit-ratio", () -> Eviction.fromYaml("fifo"));
        refused("eviction", "missing", () -> Eviction.fromYaml(null));
    }

    @Test
    void keysPerEviction() {
        refused("capacity", "missing", () -> new EvictionConfig(Eviction.LRU, null, null, null));
        refused("capacity", "positive", () -> EvictionConfig.lfu(0));
        refused("capacity", "at most", () -> EvictionConfig.lru(EvictionConfig.MAX_CAPACITY + 1));
        refused("ttl", "does not apply to eviction lru", () -> new EvictionConfig(Eviction.LRU, 10, Duration.ofSeconds(1), null));
        refused("hit-ratio", "does not apply to eviction lfu", () -> new EvictionConfig(Eviction.LFU, 10, null, 0.5));
        refused("ttl", "missing", () -> EvictionConfig.ttl(null, 10));
        refused("ttl", "positive duration", () -> EvictionConfig.ttl(Duration.ZERO, 10));
        refused("hit-ratio", "does not apply to eviction ttl", () -> new EvictionConfig(Eviction.TTL, null, Duration.ofSeconds(1), 0.5));
        refused("hit-ratio", "missing", () -> new EvictionConfig(Eviction.FIXED_HIT_RATIO, null, null, null));
        refused("hit-ratio", "between 0 and 1", () -> EvictionConfig.fixedHitRatio(1.5));
        refused("hit-ratio", "between 0 and 1", () -> EvictionConfig.fixedHitRatio(Double.NaN));
        refused("capacity", "does not apply to eviction fixed-hit-ratio", () -> new EvictionConfig(Eviction.FIXED_HIT_RATIO, 10, null, 0.5));
        refused("eviction", "missing", () -> new EvictionConfig(null, 10, null, null));
    }

    @Test
    void factoryBuildsEachPolicy() {
        assertInstanceOf(LruCache.class, KeyCache.create(EvictionConfig.lru(5), null));
        assertInstanceOf(LfuCache.class, KeyCache.create(EvictionConfig.lfu(5), null));
        TtlCache ttl = (TtlCache) KeyCache.create(EvictionConfig.ttl(Duration.ofMillis(250), 5), null);
        assertEquals(250_000_000L, ttl.ttlNs());
        assertEquals(5, ttl.capacity());
        TtlCache forever = (TtlCache) KeyCache.create(EvictionConfig.ttl(Duration.ofDays(365L * 1000), null), null);
        assertEquals(Long.MAX_VALUE, forever.ttlNs());
        assertInstanceOf(FixedHitRatioCache.class, KeyCache.create(EvictionConfig.fixedHitRatio(0.5), new StreamRandom(1)));
        assertThrows(NullPointerException.class, () -> KeyCache.create(EvictionConfig.fixedHitRatio(0.5), null));
        assertEquals("ttl(250ms, capacity 5)", EvictionConfig.ttl(Duration.ofMillis(250), 5).toString());
    }
}
