package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Graph checks of a design: references between components and call cycles, located; the example runs. */
class TopologyInputTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    private static final String HEAD = String.join("\n",
            "name: g",
            "entry: lb",
            "components:",
            "  lb:",
            "    type: load-balancer",
            "    target: api",
            "  api:",
            "    type: service",
            "    replicas: 2",
            "    concurrency: 4",
            "    endpoints:",
            "      get:",
            "        demand: {dist: exponential, mean: 5ms}",
            "");

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown call target", "        calls: [{to: dbb}]\n", "14:22", "components.api.endpoints.get.calls[0].to",
                        "'dbb' is not a component"),
                Arguments.of("callee lacks the endpoint", "        calls: [{to: db}]\n  db:\n    type: service\n    concurrency: 1\n"
                        + "    endpoints:\n      query: {demand: {dist: exponential, mean: 1ms}}\n", "14:22",
                        "components.api.endpoints.get.calls[0].to", "has no endpoint 'get'"),
                Arguments.of("named endpoint missing", "        calls: [{to: db, endpoint: qurey}]\n  db:\n    type: service\n"
                        + "    concurrency: 1\n    endpoints:\n      query: {demand: {dist: exponential, mean: 1ms}}\n", "14:36",
                        "components.api.endpoints.get.calls[0].endpoint", "has no endpoint 'qurey'"),
                Arguments.of("a cycle", "        calls: [{to: db, endpoint: query}]\n  db:\n    type: service\n    concurrency: 1\n"
                        + "    endpoints:\n      query:\n        demand: {dist: exponential, mean: 1ms}\n        calls: [{to: lb, endpoint: get}]\n",
                        "21:22", "components.db.endpoints.query.calls[0].to", "closes a cycle: lb → api → db → lb"),
                Arguments.of("no shards", "        calls: [{to: orders}]\n  orders:\n    type: sharded-store\n    shards: 0\n"
                        + "    concurrency: 4\n    demand: {dist: exponential, mean: 1ms}\n", "17:13", "components.orders.shards",
                        "at least 1 shard"),
                Arguments.of("cache without a miss target", "        calls: [{to: c}]\n  c:\n    type: cache\n    eviction: lru\n"
                        + "    capacity: 10\n", "16:5", "components.c.miss", "missing required key 'miss'"),
                Arguments.of("quorum without parallel", "        calls: [{to: db, endpoint: query}]\n        quorum: 1\n  db:\n    type: service\n"
                        + "    concurrency: 1\n    endpoints:\n      query: {demand: {dist: exponential, mean: 1ms}}\n", "15:17",
                        "components.api.endpoints.get.quorum", "add parallel: true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void graphMistakesAreLocated(String what, String tail, String lineCol, String path, String message, @TempDir Path tmp) throws Exception {
        Path design = Files.writeString(tmp.resolve("d.yaml"), HEAD + tail);
        String first = LocatedErrors.run(design, tmp, what);
        assertTrue(first.startsWith(design + ":" + lineCol + ": " + path + ": "), what + ": " + first);
        assertTrue(first.contains(message), what + ": " + first);
    }

    @Test
    void balancerTargetMustBeAServiceWithOneWeightPerInstance(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("d.yaml");
        Files.writeString(design, HEAD.replace("    target: api", "    strategy: weighted\n    weights: [1, 2, 3]\n    target: api"));
        var o = RunCommandTest.headroom("check", design.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().startsWith(design + ":7:14: components.lb.weights: 3 weights for 2 instances"), o.err());
    }

    @Test
    void threeTierExampleRuns(@TempDir Path tmp) throws Exception {
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("three-tier.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles/three-tier-steady.yaml").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("db "), o.out());
    }

    @Test
    void webShopExampleReportsCacheShardsAndAttempts(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, String.join("\n", "name: short-shop", "mix: {browse: 0.9, checkout: 0.1}",
                "keys: {distribution: zipf, items: 100000, exponent: 0.99}", "injection:",
                "  - constantUsersPerSec: {rate: 200, during: 60s, randomized: true}", ""));
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("web-shop.yaml").toString(), "--load", profile.toString(),
                "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        var s = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("cache", s.at("/components/catalog-cache/type").asText());
        double hit = s.at("/components/catalog-cache/hit_ratio").asDouble();
        assertTrue(hit > 0.3 && hit < 0.9, "hit ratio " + hit);
        assertEquals("sharded-store", s.at("/components/orders/type").asText());
        assertEquals(8, s.at("/components/orders/shards").size());
        assertTrue(s.at("/components/orders/hottest_shard_utilisation").isNumber());
        assertTrue(s.at("/components/api/attempts").asLong() >= s.at("/overall/requests").asLong());
        List<String> header = List.of(Files.readAllLines(out.resolve("timeseries.csv")).get(0).split(","));
        assertTrue(header.contains("catalog-cache.hit_ratio") && header.contains("orders.utilisation"), header.toString());
    }
}
