package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.cache.ItemSizeSpec;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A cache sized in memory as YAML writes it, and its mistakes located at their keys. */
class CacheMemoryInputTest {
    private static final String DESIGN = """
            name: d
            entry: api
            components:
              api:
                type: service
                concurrency: 1
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}, calls: [{to: cache}]}
              cache:
                type: cache
                eviction: lru
            %s
                miss: db
              db:
                type: service
                concurrency: 1
                endpoints:
                  q: {demand: {dist: constant, value: 1ms}}
            """;

    private static Design read(String cacheKeys) throws BadInputException {
        return DesignText.read(DESIGN.formatted(cacheKeys));
    }

    private static String error(String cacheKeys) {
        return DesignText.error(DESIGN.formatted(cacheKeys));
    }

    @Test
    void memoryIsAQuantityAndItemSizeADistributionOfBytes() throws BadInputException {
        CacheSpec c = (CacheSpec) read("    memory: 13Gi\n    item-size: {dist: constant, value: 4KB}").components().get("cache");
        assertEquals(13L << 30, c.memory());
        assertEquals(ItemSizeSpec.constant(4000), c.itemSize());
        assertEquals(null, c.capacity());
        CacheSpec u = (CacheSpec) read("    memory: 500M\n    item-size: {dist: uniform, min: 1KB, max: 7KB}").components().get("cache");
        assertEquals(500_000_000L, u.memory());
        assertEquals(4000.0, u.itemSize().meanBytes());
        CacheSpec x = (CacheSpec) read("    memory: 1Gi\n    item-size: {dist: exponential, mean: 1.5KB}").components().get("cache");
        assertEquals(1500.0, x.itemSize().meanBytes());
    }

    @Test
    void mistakesAreLocated() {
        assertEquals("design.yaml:13:13: components.cache.memory: give the cache's size once: capacity (a count of keys) or"
                + " memory (bytes, with item-size), not both",
                error("    capacity: 1000\n    memory: 13Gi\n    item-size: {dist: constant, value: 4KB}"));
        assertEquals("design.yaml:10:5: components.cache.item-size: missing required key 'item-size'", error("    memory: 13Gi"));
        assertEquals("design.yaml:13:16: components.cache.item-size: item-size goes with memory (a cache sized in bytes); a cache"
                + " sized by capacity counts keys, whatever their size",
                error("    capacity: 10\n    item-size: {dist: constant, value: 4KB}"));
        assertEquals("design.yaml:13:23: components.cache.item-size.dist: unknown item-size dist 'lognormal' (known: constant,"
                + " uniform, exponential)", error("    memory: 1Gi\n    item-size: {dist: lognormal}"));
        assertEquals("design.yaml:13:47: components.cache.item-size.max: must be at least min (7000 bytes), got 1000 bytes",
                error("    memory: 1Gi\n    item-size: {dist: uniform, min: 7KB, max: 1KB}"));
        assertEquals("design.yaml:13:39: components.cache.item-size.value: 'value' does not apply to an item-size dist uniform"
                + " (constant takes value; uniform min and max; exponential mean)",
                error("    memory: 1Gi\n    item-size: {dist: uniform, value: 1KB, min: 1KB, max: 2KB}"));
        assertEquals("design.yaml:12:13: components.cache.memory: '13GB' has an unknown suffix 'GB': a Kubernetes quantity is a"
                + " number with an optional suffix, e.g. 500m, 1.5, 2, 2Gi, 512Mi, 1G, 1e3 (suffixes: n u m k M G T P E,"
                + " Ki Mi Gi Ti Pi Ei, e<exponent>)", error("    memory: 13GB\n    item-size: {dist: constant, value: 4KB}"));
        assertEquals("design.yaml:12:15: components.cache.capacity: a shared cache of 4 nodes gives each capacity / 4 keys: at"
                + " least 4, got 3", error("    capacity: 3\n    replicas: 4"));
        assertEquals("design.yaml:12:13: components.cache.memory: a shared cache of 4 nodes gives each memory / 4 bytes: at least"
                + " 4 bytes, got 3", error("    memory: 3\n    item-size: {dist: constant, value: 1B}\n    replicas: 4"));
        BadInputException ttl = assertThrows(BadInputException.class, () -> DesignReader.read(YamlDocument.parse(Path.of("design.yaml"),
                "design.yaml", DESIGN.replace("eviction: lru", "eviction: ttl").formatted("    ttl: 1m\n    memory: 1Gi"))));
        assertEquals("design.yaml:13:13: components.cache.memory: 'memory' applies only to eviction lru and lfu (a cache sized in"
                + " bytes), not ttl; remove it or change the eviction", ttl.errors().get(0).format());
    }
}
