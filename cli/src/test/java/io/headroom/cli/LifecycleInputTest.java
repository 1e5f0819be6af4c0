package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instance lifecycle from YAML, end to end: crashes and a zone outage show up as instance_lost; mistakes are located. */
class LifecycleInputTest {
    private static final String DESIGN = String.join("\n",
            "name: flaky",
            "entry: api",
            "network:",
            "  zones: [a, b]",
            "  outages:",
            "    - {zone: b, at: 2m, for: 1m}",
            "components:",
            "  api:",
            "    type: service",
            "    replicas: 4",
            "    concurrency: 4",
            "    startup: 20s",
            "    readiness-delay: 5s",
            "    drain-timeout: 10s",
            "    failures:",
            "      time-between: {dist: exponential, mean: 2m}",
            "      time-to-repair: {dist: constant, value: 15s}",
            "    endpoints:",
            "      get:",
            "        wait: {dist: exponential, mean: 50ms}",
            "");

    /** Runs a design under a profile (YAML texts) in {@code tmp}, results in {@code tmp/out}; returns its summary.json. */
    private static JsonNode run(Path tmp, String design, String profile) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), design);
        Path p = Files.writeString(tmp.resolve("p.yaml"), profile);
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", p.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void crashesAndAnOutageLoseRequestsAndAreCounted(@TempDir Path tmp) throws Exception {
        JsonNode s = run(tmp, DESIGN, "name: p\ninjection:\n  - constantUsersPerSec: {rate: 100, during: 5m}\n");
        JsonNode api = s.path("components").path("api");
        // 4 instances up ~2 min, down 15 s: about 5 min × 4 / 135 s ≈ 9 crashes (Poisson-like, 0 is very unlikely)
        assertTrue(api.path("crashes").asLong() >= 2, api.toString());
        long lost = s.path("overall").path("errors").path("instance_lost").asLong();
        assertEquals(api.path("lost").asLong(), lost);
        assertTrue(lost > 0, "each crash loses what the instance holds: " + lost);
        long rejected = s.path("overall").path("errors").path("rejected").asLong();
        assertEquals(0, rejected, "some instance is always ready");
        JsonNode o2 = s.path("overall");
        long errors = 0;
        for (JsonNode e : o2.path("errors")) {
            errors += e.asLong();
        }
        assertEquals(o2.path("requests").asLong(), o2.path("completed").asLong() + errors + o2.path("in_flight").asLong());
        assertEquals(4, api.path("instances_peak").asInt(), "crashed instances are repaired in place");
        List<String> rows = Files.readAllLines(tmp.resolve("out/timeseries.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int util = header.indexOf("api.utilisation");
        int lostCol = header.indexOf("errors.instance_lost");
        // the outage window (120–180 s): zone b's two instances are down, what they held is lost at 120 s
        String at120 = rows.stream().filter(r -> r.startsWith("120,") || r.startsWith("120.0,")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(at120.split(",")[lostCol]) >= 1, at120);
        assertTrue(util > 0);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        "    - {zone: b, at: 2m, for: 1m}|    - {zone: c, at: 2m, for: 1m}|network.outages[0].zone|no zone 'c'",
        "    startup: 20s|    startup: -5s|components.api.startup|cannot be negative",
        "      time-to-repair: {dist: constant, value: 15s}|      time-to-reapir: {dist: constant, value: 15s}|components.api.failures|time-to-reapir",
    })
    void mistakesAreLocated(String from, String to, String path, String message, @TempDir Path tmp) throws Exception {
        Path design = Files.writeString(tmp.resolve("d.yaml"), DESIGN.replace(from, to));
        String first = LocatedErrors.check(design);
        assertTrue(first.contains(path), first);
        assertTrue(first.contains(message), first);
    }

    @Test
    void spotInstancesAreInterruptedReplacedAndBilledAtTheirDiscount(@TempDir Path tmp) throws Exception {
        String design = String.join("\n",
                "name: spotty",
                "entry: api",
                "components:",
                "  api:",
                "    type: service",
                "    instance: {type: c6i.large, on-demand-base: 1, on-demand-percentage-above-base: 0,",
                "               spot: {discount: 0.6, interruptions-per-hour: 6}}",
                "    replicas: 4",
                "    concurrency: 4",
                "    startup: 30s",
                "    endpoints:",
                "      get: {demand: {dist: exponential, mean: 20ms}}",
                "");
        JsonNode s = run(tmp, design, "name: p\ninjection:\n  - constantUsersPerSec: {rate: 50, during: 1h}\n");
        JsonNode api = s.path("components").path("api");
        // 3 spot instances exposed at every instant (a replacement starts at each notice; the base instance is
        // on-demand, and the split keeps replacements on spot): Poisson with mean 3 × 6 × 1 h = 18
        long n = api.path("interruptions").asLong();
        assertTrue(Math.abs(n - 18) <= 4 * Math.sqrt(18), "interruptions " + n);
        assertEquals(n, api.path("launches").asLong(), "each notice launches a replacement");
        JsonNode byMarket = s.path("cost").path("by_market");
        assertEquals(0.085, byMarket.path("on-demand").asDouble(), 1e-9, "the on-demand base instance for one hour");
        // spot: at least 3 instance-hours at 40 % of $0.085, plus the overlap of each notice (≤ 2 min) and the 60 s minimum
        double spot = byMarket.path("spot").asDouble();
        assertTrue(spot >= 3 * 0.085 * 0.4 - 1e-9 && spot <= (3 + n * 2.0 / 60) * 0.085 * 0.4 + 1e-9, "spot " + spot);
    }

    @Test
    void callsAnsweredAcrossZonesAreBilledPerGigabyte(@TempDir Path tmp) throws Exception {
        // api and db each have two instances, one per zone; db is picked at random, so half the calls cross zones
        String design = String.join("\n",
                "name: zonal",
                "entry: api",
                "network: {zones: [a, b]}",
                "components:",
                "  api:",
                "    type: service",
                "    replicas: 2",
                "    concurrency: 8",
                "    endpoints:",
                "      get:",
                "        demand: {dist: exponential, mean: 1ms}",
                "        calls: [{to: db}]",
                "  db:",
                "    type: service",
                "    replicas: 2",
                "    dispatch: random",
                "    concurrency: 8",
                "    endpoints:",
                "      get: {demand: {dist: exponential, mean: 1ms}, request-size: 1KB, response-size: 99KB}",
                "");
        JsonNode s = run(tmp, design, "name: p\ninjection:\n  - constantUsersPerSec: {rate: 400, during: 250s}\n");
        long calls = s.path("overall").path("requests").asLong();
        assertEquals(100_000, calls);
        // 100 KB per call; each crossing is billed $0.01/GB out of one zone and $0.01/GB into the other (GB = 2^30 bytes)
        double perCrossing = 100_000 / (double) (1L << 30) * 0.02;
        double expected = calls * 0.5 * perCrossing;
        double sd = Math.sqrt(calls * 0.25) * perCrossing;
        assertEquals(expected, s.path("cost").path("by_market").path("network").asDouble(), 4 * sd + 1e-6);
        assertTrue(s.path("cost").path("by_market").path("network").asDouble() > 0);
        var bad = RunCommandTest.headroom("check", Files.writeString(tmp.resolve("bad.yaml"), design.replace("99KB", "99 kilos")).toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("components.db.endpoints.get.response-size") && bad.err().contains("not a size"), bad.err());
    }

    @Test
    void instancesStillDrainingWhenTheProfileEndsAreBilledToItsEnd(@TempDir Path tmp) throws Exception {
        // the HPA scales 4 → 1 at 315 s (its 300 s scale-down window); the drained instances hold 30 s requests,
        // so they end after the profile's 320 s: the bill stops at 320 s all the same (it once failed there)
        String design = String.join("\n",
                "name: slow-drain",
                "entry: api",
                "components:",
                "  api:",
                "    type: service",
                "    instance: {type: c6i.large}",
                "    replicas: {initial: 4, min: 1, max: 4}",
                "    concurrency: 16",
                "    drain-timeout: 60s",
                "    autoscaling: {policy: hpa, metric: utilisation, target: 0.5}",
                "    endpoints:",
                "      get: {wait: {dist: constant, value: 30s}}",
                "");
        JsonNode s = run(tmp, design, "name: p\ninjection:\n  - constantUsersPerSec: {rate: 0.25, during: 320s}\n");
        JsonNode api = s.path("components").path("api");
        assertEquals(1, api.path("scale_ins").asInt(), api.toString());
        assertEquals(0, s.path("overall").path("errors").path("instance_lost").asLong(), "drains finish within their timeout");
        // every instance holds a 30 s request at 315 s, so all four are billed (draining) to the end at 320 s
        assertEquals(4 * 320 / 3600.0, api.path("instance_hours").asDouble(), 1e-6);
        assertEquals(4 * 320 / 3600.0 * 0.085, s.path("cost").path("total_usd").asDouble(), 1e-6);
    }

    @Test
    void aMixedFleetKeepsItsSplitThroughSpotInterruptionsUnderLoad(@TempDir Path tmp) throws Exception {
        // half on-demand, half spot; spot instances are interrupted twice an hour while busy (100 ms requests):
        // the replacement of an interrupted spot instance is spot again, so the two on-demand instances, never
        // interrupted, are all the on-demand there is for the 4 hours
        String design = String.join("\n",
                "name: split",
                "entry: api",
                "components:",
                "  api:",
                "    type: service",
                "    instance: {type: c6i.large, on-demand-percentage-above-base: 50, spot: {interruptions-per-hour: 2}}",
                "    replicas: 4",
                "    concurrency: 32",
                "    endpoints:",
                "      get: {wait: {dist: exponential, mean: 100ms}}",
                "");
        JsonNode s = run(tmp, design, "name: p\ninjection:\n  - constantUsersPerSec: {rate: 100, during: 4h}\n");
        assertTrue(s.path("components").path("api").path("interruptions").asLong() >= 8, s.path("components").toString());
        assertEquals(2 * 4 * 0.085, s.path("cost").path("by_market").path("on-demand").asDouble(), 1e-6);
    }

    @Test
    void callsRefusedWithNoInstanceReadyCrossNoZone(@TempDir Path tmp) throws Exception {
        String design = String.join("\n",
                "name: dark",
                "entry: api",
                "network:",
                "  zones: [a, b]",
                "  outages: [{zone: a, at: 0s, for: 1h}]",
                "components:",
                "  api:",
                "    type: service",
                "    replicas: 2",
                "    concurrency: 8",
                "    endpoints:",
                "      get: {demand: {dist: constant, value: 1ms}, calls: [{to: backend}]}",
                "  backend:",
                "    type: service",
                "    replicas: 1",
                "    concurrency: 8",
                "    endpoints:",
                "      get: {demand: {dist: constant, value: 1ms}, request-size: 100KB, response-size: 900KB}",
                "");
        JsonNode s = run(tmp, design, "name: p\ninjection:\n  - constantUsersPerSec: {rate: 10, during: 10m}\n");
        assertEquals(6000, s.path("overall").path("errors").path("dependency").asLong(), "the only backend is in the zone that is out");
        assertEquals(0.0, s.path("cost").path("by_market").path("network").asDouble(), "nothing was sent");
    }

    @Test
    void closedUsersWithoutThinkTimeRefusedAtOnceTryAgainAClientTurnaroundLater(@TempDir Path tmp) throws Exception {
        // the only zone is out for the first 30 s: every request is refused at the instant it is sent; a user
        // without think time goes on 1 ms later (it used to loop for ever at one instant)
        String design = String.join("\n",
                "name: dark",
                "entry: api",
                "network: {zones: [a], outages: [{zone: a, at: 0s, for: 30s}]}",
                "components:",
                "  api:",
                "    type: service",
                "    replicas: 2",
                "    concurrency: 8",
                "    endpoints:",
                "      get: {demand: {dist: constant, value: 1ms}}",
                "");
        JsonNode s = run(tmp, design, "name: p\nclosed: {users: 10, think: {dist: constant, value: 0ms}, during: 1m}\n");
        long rejected = s.path("overall").path("errors").path("rejected").asLong();
        // at most 10 users × 30 s / 1 ms; fewer while Gatling's closed model brings the users in over the first second
        assertTrue(rejected > 290_000 && rejected <= 300_000, "rejected " + rejected);
        assertEquals(300_000, s.path("overall").path("completed").asLong(), "then 10 users × 30 s / 1 ms of service");
    }
}
