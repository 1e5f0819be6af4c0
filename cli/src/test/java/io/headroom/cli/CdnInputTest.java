package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A cdn and an entry cache in a design: mistakes located with exit 2, and a run's summary.json. */
class CdnInputTest {
    private static final String API = String.join("\n",
            "  api:",
            "    type: service",
            "    concurrency: 4",
            "    endpoints:",
            "      get:",
            "        demand: {dist: exponential, mean: 5ms}",
            "        response-size: 20KB",
            "");

    private static final String CDN = String.join("\n",
            "name: g",
            "entry: edge",
            "components:",
            "  edge:",
            "    type: cdn",
            "    origin: api",
            "    capacity: 100",
            "    hit-latency: {dist: constant, value: 5ms}",
            "") + API;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("missing origin", CDN.replace("    origin: api\n", ""), "5:5", "components.edge.origin",
                        "missing required key 'origin'"),
                Arguments.of("unknown origin", CDN.replace("origin: api", "origin: apj"), "6:13", "components.edge.origin",
                        "'apj' is not a component"),
                Arguments.of("hit-latency missing", CDN.replace("    hit-latency: {dist: constant, value: 5ms}\n", ""), "5:5",
                        "components.edge.hit-latency", "missing required key 'hit-latency'"),
                Arguments.of("a fixed hit ratio", CDN.replace("    capacity: 100\n", "    eviction: fixed-hit-ratio\n"), "7:15",
                        "components.edge.eviction", "eviction lru, lfu or ttl"),
                Arguments.of("a cdn as a cache's miss", String.join("\n",
                        "name: g",
                        "entry: api",
                        "components:",
                        "  c:",
                        "    type: cache",
                        "    eviction: lru",
                        "    capacity: 10",
                        "    miss: edge",
                        "  edge:",
                        "    type: cdn",
                        "    origin: db",
                        "    capacity: 100",
                        "    hit-latency: {dist: constant, value: 5ms}",
                        "  db:",
                        "    type: service",
                        "    concurrency: 4",
                        "    endpoints:",
                        "      get: {demand: {dist: exponential, mean: 5ms}}",
                        "") + API.replace("        response-size: 20KB\n", "        calls: [{to: c}]\n"),
                        "8:11", "components.c.miss", "not a cdn"),
                Arguments.of("an entry cache in front of a store", String.join("\n",
                        "name: g",
                        "entry: c",
                        "components:",
                        "  c:",
                        "    type: cache",
                        "    eviction: lru",
                        "    capacity: 10",
                        "    miss: s",
                        "  s:",
                        "    type: sharded-store",
                        "    shards: 1",
                        "    concurrency: 4",
                        "    demand: {dist: exponential, mean: 1ms}",
                        ""), "8:11", "components.c.miss", "must be a service or a load balancer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakesAreLocated(String what, String text, String lineCol, String path, String message, @TempDir Path tmp) throws Exception {
        Path design = Files.writeString(tmp.resolve("d.yaml"), text);
        String first = LocatedErrors.run(design, tmp, what);
        assertTrue(first.startsWith(design + ":" + lineCol + ": " + path + ": "), what + ": " + first);
        assertTrue(first.contains(message), what + ": " + first);
    }

    @Test
    void aCdnEntryRunsAndReportsItsEdgesAndBill(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("d.yaml");
        Files.writeString(design, CDN);
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, "name: p\nkeys: {distribution: zipf, items: 1000, exponent: 1.0}\ninjection:\n"
                + "  - constantUsersPerSec: {rate: 20, during: 60s}\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode edge = s.path("components").path("edge");
        assertEquals("cdn", edge.path("type").asText());
        assertEquals(edge.path("requests").asLong(), edge.path("edges").path("edge").path("requests").asLong());
        assertTrue(edge.path("hit_ratio").asDouble() > 0, edge.toString());
        assertTrue(edge.path("bytes_out_gb").asDouble() > 0, edge.toString());
        assertTrue(s.path("cost").path("by_market").path("cdn").asDouble() > 0, s.path("cost").toString());
        assertTrue(s.path("checks").path("passed").asBoolean(), s.path("checks").toString());
        assertTrue(Files.readString(out.resolve("timeseries.csv")).lines().findFirst().orElse("").contains("edge.hit_ratio"));
    }
}
