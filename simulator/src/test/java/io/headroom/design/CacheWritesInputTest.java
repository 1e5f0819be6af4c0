package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.cache.WritesSpec;
import io.headroom.yaml.BadInputException;
import org.junit.jupiter.api.Test;

/** Writes through a cache as YAML writes them, and the shapes that make no sense, located. */
class CacheWritesInputTest {
    private static final String DESIGN = """
            name: d
            entry: api
            components:
              api:
                type: service
                concurrency: 1
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}, calls: [{to: cache, write: true}]}
              cache:
                type: cache
            %s
                miss: db
              db:
                type: service
                concurrency: 1
                endpoints:
                  q: {demand: {dist: constant, value: 1ms}}
                  u: {demand: {dist: constant, value: 1ms}}
              store:
                type: sharded-store
                shards: 2
                concurrency: 1
                demand: {dist: constant, value: 1ms}
            """;

    private static Design read(String text) throws BadInputException {
        return DesignText.read(text);
    }

    private static String error(String cacheKeys) {
        return DesignText.error(DESIGN.formatted(cacheKeys));
    }

    @Test
    void writesNameAPolicyAndTheEndpointThatTakesThem() throws BadInputException {
        CacheSpec c = (CacheSpec) read(DESIGN.formatted("    eviction: lru\n    capacity: 10\n    miss-endpoint: q\n"
                + "    writes: {policy: write-through, endpoint: u}")).components().get("cache");
        assertEquals(new WritesSpec(WritesSpec.Policy.WRITE_THROUGH, "u"), c.writes());
        Design d = read(DESIGN.formatted("    eviction: lru\n    capacity: 10\n    writes: {policy: invalidate}").replace("miss: db", "miss: store"));
        assertEquals("write", d.writeEndpoint((CacheSpec) d.components().get("cache")));
    }

    @Test
    void mistakesAreLocated() {
        assertEquals("design.yaml:8:78: components.api.endpoints.get.calls[0].write: 'cache' is a cache that takes no writes: say"
                + " what a write does to it with writes: {policy: invalidate} (or write-through), or call its miss target",
                error("    eviction: lru\n    capacity: 10\n    miss-endpoint: q"));
        assertEquals("design.yaml:14:13: components.cache.writes: a fixed-hit-ratio cache holds no keys, so a write has nothing to"
                + " invalidate or store: remove writes, or use eviction lru, lfu or ttl",
                error("    eviction: fixed-hit-ratio\n    hit-ratio: 0.5\n    miss-endpoint: q\n    writes: {policy: invalidate, endpoint: u}"));
        assertEquals("design.yaml:14:44: components.cache.writes.endpoint: 'db' has no endpoint 'put' (endpoints: q, u)",
                error("    eviction: lru\n    capacity: 10\n    miss-endpoint: q\n    writes: {policy: invalidate, endpoint: put}"));
        assertEquals("design.yaml:14:13: components.cache.writes: 'db' has several endpoints (q, u): say which takes the writes"
                + " with endpoint:", error("    eviction: lru\n    capacity: 10\n    miss-endpoint: q\n    writes: {policy: invalidate}"));
        assertEquals("design.yaml:14:22: components.cache.writes.policy: 'write-back' is not one of: invalidate, write-through",
                error("    eviction: lru\n    capacity: 10\n    miss-endpoint: q\n    writes: {policy: write-back, endpoint: u}"));
        assertEquals("design.yaml:14:13: components.cache.writes.policy: missing required key 'policy'",
                error("    eviction: lru\n    capacity: 10\n    miss-endpoint: q\n    writes: {endpoint: u}"));
        BadInputException store = assertThrows(BadInputException.class, () -> read(DESIGN.formatted(
                "    eviction: lru\n    capacity: 10\n    writes: {policy: invalidate, endpoint: u}").replace("miss: db", "miss: store")));
        assertEquals("design.yaml:13:44: components.cache.writes.endpoint: 'store' is not a service: a store takes writes at its"
                + " write endpoint; remove endpoint", store.errors().get(0).format());
    }
}
