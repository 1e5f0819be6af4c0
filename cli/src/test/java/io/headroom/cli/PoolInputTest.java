package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connection pools from YAML, end to end: the results keys, and every mistake located with exit status 2. */
class PoolInputTest {
    private static final String DESIGN = String.join("\n",
            "name: pooled",
            "entry: api",
            "components:",
            "  api:",
            "    type: service",
            "    replicas: 3",
            "    concurrency: 50",
            "    endpoints:",
            "      get:",
            "        demand: {dist: constant, value: 1ms}",
            "        calls:",
            "          - {to: orders, pool: 2, pool-timeout: 100ms}",
            "      put:",
            "        demand: {dist: constant, value: 1ms}",
            "        calls:",
            "          - {to: orders, write: true, pool: 2, pool-timeout: 100ms}",
            "  orders:",
            "    type: sharded-store",
            "    shards: 2",
            "    concurrency: 50",
            "    max-connections: 5",
            "    demand: {dist: constant, value: 5ms}",
            "");

    @Test
    void poolsAndRefusedConnectionsAreInTheSummary(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN);
        Path p = Files.writeString(tmp.resolve("p.yaml"), "name: p\nmix: {get: 0.8, put: 0.2}\ninjection:\n"
                + "  - constantUsersPerSec: {rate: 30, during: 60s}\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", p.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode pool = s.path("components").path("api").path("pools").path("orders");
        assertEquals(2, pool.path("size").asInt(), pool.toString());
        assertEquals(5, pool.path("connections_mean").asDouble(), 1e-9, "3 instances × 2 asked, 5 allowed");
        assertEquals(1, pool.path("connections_short").asDouble(), 1e-9);
        JsonNode orders = s.path("components").path("orders");
        assertEquals(1, orders.path("connections_refused").asInt(), orders.toString());
        assertEquals(5, orders.path("connections_peak").asInt());
        assertEquals(pool.path("pool_timeouts").asLong(), s.path("overall").path("errors").path("pool_timeout").asLong());
        assertEquals(true, s.path("checks").path("passed").asBoolean());
        assertEquals(false, s.path("components").path("orders").has("pools"));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "{to: orders, pool: 2, pool-timeout: 100ms}|{to: orders, pool: 0}|d.yaml:12:32: components.api.endpoints.get.calls[0].pool: must be positive, got 0",
        "{to: orders, pool: 2, pool-timeout: 100ms}|{to: orders, pool: 2, pool-timeout: -1s}|d.yaml:12:49: components.api.endpoints.get.calls[0].pool-timeout: a duration cannot be negative: '-1s'",
        "{to: orders, pool: 2, pool-timeout: 100ms}|{to: orders, pool-timeout: 1s}|d.yaml:12:40: components.api.endpoints.get.calls[0].pool-timeout: applies to a call with a pool: add pool: N (connections per caller instance)",
        "{to: orders, write: true, pool: 2, pool-timeout: 100ms}|{to: orders, write: true, pool: 3, pool-timeout: 100ms}|d.yaml:16:45: components.api.endpoints.put.calls[0].pool: pool 3 for 'orders', which another call of this service gives pool 2: the calls of a service to one component share one pool (per instance); give them one size",
        "{to: orders, write: true, pool: 2, pool-timeout: 100ms}|{to: orders, write: true, pool: 2}|d.yaml:16:45: components.api.endpoints.put.calls[0].pool: pool-timeout 30s for 'orders', which another call of this service gives pool-timeout 100ms: the calls of a service to one component share one pool (per instance); give them one timeout",
        "{to: orders, pool: 2, pool-timeout: 100ms}|{to: orders, pool: 2, pool-timeout: 0s}|d.yaml:12:49: components.api.endpoints.get.calls[0].pool-timeout: must be a positive duration, got 0s",
        "max-connections: 5|max-connections: 0|d.yaml:21:22: components.orders.max-connections: must be positive, got 0",
    })
    void mistakesAreLocated(String from, String to, String expected, @TempDir Path tmp) throws Exception {
        Path design = Files.writeString(tmp.resolve("d.yaml"), DESIGN.replace(from, to));
        var o = RunCommandTest.headroom("check", design.toString());
        assertEquals(2, o.status(), o.err());
        assertEquals(design.getParent() + "/" + expected, o.err().lines().findFirst().orElse(""));
    }
}
