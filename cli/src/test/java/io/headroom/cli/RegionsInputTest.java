package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Regions and a global router from YAML, end to end: their results in summary.json; their mistakes located, exit 2. */
class RegionsInputTest {
    private static final String DESIGN = String.join("\n",
            "name: two-regions",
            "entry: dns",
            "regions:",
            "  us-east-1: {users: 60%}",
            "  eu-west-1: {users: 40%}",
            "components:",
            "  dns:",
            "    type: global-router",
            "    policy: latency",
            "    target: web",
            "    ttl: 60s",
            "    health-check: {interval: 10s, failure-threshold: 3}",
            "  web:",
            "    type: load-balancer",
            "    regions: [us-east-1, eu-west-1]",
            "    target: api",
            "  api:",
            "    type: service",
            "    regions: [us-east-1, eu-west-1]",
            "    instance: {type: c6i.large}",
            "    replicas: 2",
            "    concurrency: 16",
            "    endpoints:",
            "      browse: {demand: {dist: exponential, mean: 5ms}, response-size: 10KB, calls: [{to: db}]}",
            "  db:",
            "    type: service",
            "    regions: [us-east-1]",
            "    replicas: 1",
            "    concurrency: 32",
            "    endpoints:",
            "      browse: {demand: {dist: constant, value: 1ms}, request-size: 1KB, response-size: 4KB}",
            "");

    @Test
    void aRunWritesWhereEachPopulationWasServedAndWhatTheTrafficCost(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN);
        Path p = Files.writeString(tmp.resolve("p.yaml"), "name: p\ninjection:\n  - constantUsersPerSec: {rate: 100, during: 1m}\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", p.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.path("checks").path("passed").asBoolean(), s.path("checks").toString());
        JsonNode us = s.path("regions").path("us-east-1");
        JsonNode eu = s.path("regions").path("eu-west-1");
        assertEquals(6000, us.path("requests").asLong() + eu.path("requests").asLong());
        JsonNode served = s.path("routing").path("dns").path("served");
        assertEquals(0, served.path("us-east-1").path("eu-west-1").asLong(), "latency routing keeps each population at home");
        assertEquals(0, served.path("eu-west-1").path("us-east-1").asLong());
        assertTrue(s.path("components").has("api@eu-west-1") && s.path("components").has("db"), s.path("components").toString());
        // transfer: every answer's 10 KB out to the internet at 0.09 $/GB; eu-west-1's calls to db in us-east-1 carry
        // 1 KB + 4 KB at 0.02 $/GB
        long completed = s.path("overall").path("completed").asLong();
        long euCalls = eu.path("completed").asLong();
        double gb = 1L << 30;
        double transfer = completed * 10_000 / gb * 0.09 + euCalls * 5_000 / gb * 0.02;
        assertEquals(transfer, s.path("cost").path("by_market").path("transfer").asDouble(), 1e-6);
        assertEquals(transfer, s.path("cost").path("by_component").path("transfer").asDouble(), 1e-6);
        // a region's cost: its instances, its balancer and the transfer out of it: its answers to its users, and db's 4 KB
        // answers to eu-west-1's calls (their 1 KB requests leave eu-west-1)
        JsonNode byComponent = s.path("cost").path("by_component");
        double usCost = byComponent.path("api@us-east-1").asDouble() + byComponent.path("web@us-east-1").asDouble()
                + byComponent.path("db").asDouble() + us.path("completed").asLong() * 10_000 / gb * 0.09 + euCalls * 4_000 / gb * 0.02;
        assertEquals(usCost, us.path("cost_usd").asDouble(), 2e-6);
        String header = Files.readAllLines(out.resolve("timeseries.csv")).get(0);
        assertTrue(header.contains("dns.share.us-east-1,dns.share.eu-west-1"), header);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Regions"), "the report's table of where users were served");
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        "  eu-west-1: {users: 40%}|  eu-west-1: {users: 30%}|regions|add up to 90%, not 100%",
        "    regions: [us-east-1]|    regions: [us-east-1, mars-1]|components.db.regions[1]|no region 'mars-1'",
        "    regions: [us-east-1]\\n|\\n|components.db|say which regions 'db' runs in",
        "  eu-west-1: {users: 40%}|  eu-west-1: {users: 40%}\\n  moon-1: {users: 0%}|regions.moon-1|no round trip between",
        "  eu-west-1: {users: 40%}|  eu-west-1: {users: 40%, round-trips: {us-east-1: 70ms}}\\n  x: {users: 0%}|regions.x|no round trip",
        "    interval: 10s|    interval: 15s|components.dns.health-check.interval|10s or 30s",
        "failure-threshold: 3|failure-threshold: 11|components.dns.health-check.failure-threshold|at most 10",
        "    policy: latency|    policy: weighted\\n    weights: {us-east-1: 70, ap-south-1: 30}|components.dns.weights.ap-south-1|does not run in ap-south-1",
        "    policy: latency|    policy: failover\\n    failover: {primary: us-east-1, secondary: us-west-2}|components.dns.failover.secondary|does not run in us-west-2",
        "    policy: latency|    policy: geolocation\\n    geolocation: {us-east-1: us-east-1}|components.dns.geolocation|the users in eu-west-1 match no record",
        "    policy: latency|    policy: weighted|components.dns.weights|policy weighted needs weights",
        "entry: dns|entry: web|entry|through a global router",
        "    regions: [us-east-1, eu-west-1]\\n    target: api|    regions: [us-east-1, eu-west-1]\\n    target: db|components.web.target|stay in its region",
        "  us-east-1: {users: 60%}|  us-east-1: {users: 60%, round-trips: {eu-west-1: 80ms}}|regions.eu-west-1|",
    })
    void mistakesAreLocated(String from, String to, String path, String message, @TempDir Path tmp) throws Exception {
        String text = DESIGN.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        if (path.equals("regions.eu-west-1")) { // the same pair on both sides, with different times
            text = text.replace("  eu-west-1: {users: 40%}", "  eu-west-1: {users: 40%, round-trips: {us-east-1: 70ms}}");
            message = "for the same pair: give a round trip once";
            path = "regions.eu-west-1.round-trips.us-east-1";
        }
        Path design = Files.writeString(tmp.resolve("d.yaml"), text);
        String first = LocatedErrors.check(design);
        assertTrue(first.contains(path), first);
        assertTrue(first.contains(message), first);
    }

    @Test
    void placingAComponentWithoutRegionsIsLocatedAtItsRegionsKey(@TempDir Path tmp) throws Exception {
        String text = DESIGN.replace("regions:\n  us-east-1: {users: 60%}\n  eu-west-1: {users: 40%}\n", "")
                .replace("entry: dns", "entry: web").replace("  dns:\n    type: global-router\n    policy: latency\n    target: web\n"
                        + "    ttl: 60s\n    health-check: {interval: 10s, failure-threshold: 3}\n", "");
        Path design = Files.writeString(tmp.resolve("d.yaml"), text);
        var o = RunCommandTest.headroom("check", design.toString());
        assertEquals(2, o.status(), o.err());
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(design + ":6:14: components.web.regions: declare the design's regions first"), first);
    }
}
