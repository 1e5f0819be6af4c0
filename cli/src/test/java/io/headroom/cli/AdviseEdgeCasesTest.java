package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom advise} on the designs a first version got wrong: regions, cores given, credits, other metrics, a chain. */
class AdviseEdgeCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path profile(Path dir, int rate) throws Exception {
        return Files.writeString(dir.resolve("p.yaml"), "name: short\nwarmup: 10s\ninjection:\n"
                + "  - constantUsersPerSec: {rate: " + rate + ", during: 1m, randomized: true}\n");
    }

    private static JsonNode advise(Path dir, String design, int rate, String... more) throws Exception {
        Path d = Files.writeString(dir.resolve("d.yaml"), design);
        Path out = dir.resolve("out");
        String[] args = new String[6 + more.length];
        args[0] = "advise";
        args[1] = d.toString();
        args[2] = "--load";
        args[3] = profile(dir, rate).toString();
        args[4] = "--out";
        args[5] = out.toString();
        System.arraycopy(more, 0, args, 6, more.length);
        var o = RunCommandTest.headroom(args);
        assertEquals(0, o.status(), o.err() + o.out());
        return JSON.readTree(out.resolve("advice.json").toFile());
    }

    private static final String SERVICE = String.join("\n",
            "name: one",
            "entry: api",
            "reference-instance: c6i.xlarge",
            "slos: [\"p99 < 100ms\"]",
            "components:",
            "  api:",
            "    type: service",
            "    instance: {type: c6i.xlarge}",
            "    replicas: 4",
            "    concurrency: 8",
            "    endpoints:",
            "      get: {demand: {dist: exponential, mean: 10ms}}",
            "");

    @Test
    void aServiceInSeveralRegionsIsAdvisedAsOneName(@TempDir Path dir) throws Exception {
        String regional = SERVICE.replace("entry: api", "entry: dns\nregions:\n  us-east-1: {users: 60%}\n  eu-west-1: {users: 40%}")
                .replace("components:\n", "components:\n  dns: {type: global-router, policy: latency, target: api}\n")
                .replace("    type: service", "    type: service\n    regions: [us-east-1, eu-west-1]");
        JsonNode a = advise(dir, regional, 300, "--types", "c7g.xlarge", "--replications", "1");
        JsonNode f = a.path("findings").get(0);
        assertEquals("api", f.path("component").asText());
        assertTrue(f.path("current").path("cpu").isNumber(), "the busiest copy's figures: " + f);
        for (JsonNode s : f.path("simulated")) {
            assertTrue(s.path("instanceType").asText().equals("c7g.xlarge") || s.path("instanceType").asText().equals("c6i.xlarge"));
        }
    }

    @Test
    void coresGivenFollowTheType(@TempDir Path dir) throws Exception {
        // 2 cores given on a c6i.xlarge (4 vCPUs): a c6i.large gets 1, a c6i.2xlarge 4 — so the options differ
        JsonNode a = advise(dir, SERVICE.replace("    concurrency: 8", "    concurrency: 8\n    cores: 2"), 500,
                "--types", "c6i.large,c6i.2xlarge", "--replications", "1");
        JsonNode sim = a.path("findings").get(0).path("simulated");
        double large = Double.NaN;
        double big = Double.NaN;
        for (JsonNode s : sim) {
            if (s.path("count").asInt() == 3 && s.path("instanceType").asText().equals("c6i.large")) {
                large = s.path("cpu").asDouble();
            }
            if (s.path("count").asInt() == 3 && s.path("instanceType").asText().equals("c6i.2xlarge")) {
                big = s.path("cpu").asDouble();
            }
        }
        if (!Double.isNaN(large) && !Double.isNaN(big)) {
            assertTrue(large > 3 * big, "1 core against 4: " + large + " and " + big);
        }
        boolean someLargeMeets = false;
        for (JsonNode s : sim) {
            if (s.path("instanceType").asText().equals("c6i.large") && s.path("meets_slos").asBoolean()) {
                // 500/s × 10 ms = 5 cores of work: at least 6 one-core c6i.large (with 2 cores each, 3 would do)
                assertTrue(s.path("count").asInt() >= 6, s.toString());
                someLargeMeets = true;
            }
        }
        assertTrue(someLargeMeets, sim.toString());
    }

    @Test
    void creditsAreDroppedForTypesThatAreNotBurstable(@TempDir Path dir) throws Exception {
        String t3 = SERVICE.replace("reference-instance: c6i.xlarge", "reference-instance: t3.xlarge")
                .replace("{type: c6i.xlarge}", "{type: t3.xlarge, credits: standard, initial-credits: 2000}");
        JsonNode a = advise(dir, t3, 100, "--types", "c7g.xlarge,t3.large", "--replications", "1");
        assertTrue(a.path("findings").get(0).path("simulated").size() >= 2, a.toString());
    }

    @Test
    void aTargetOfRequestsPerSecondIsNotTriedAsAFraction(@TempDir Path dir) throws Exception {
        String rps = SERVICE.replace("    replicas: 4", "    replicas: {initial: 4, min: 2, max: 8}\n"
                + "    autoscaling: {policy: hpa, metric: rps, target: 60}");
        JsonNode a = advise(dir, rps, 200, "--types", "c6i.xlarge", "--replications", "1");
        for (JsonNode s : a.path("findings").get(0).path("simulated")) {
            assertTrue(s.path("autoscaling_target").isMissingNode(), "no fraction tried for rps: " + s);
        }
    }

    @Test
    void anAutoscaledGroupIsTriedAtOtherTargetsAndAHalfMinimum(@TempDir Path dir) throws Exception {
        String hpa = SERVICE.replace("    replicas: 4", "    replicas: {initial: 4, min: 4, max: 8}\n"
                + "    autoscaling: {policy: hpa, metric: cpu, target: 60%}");
        JsonNode f = advise(dir, hpa, 200, "--types", "c6i.xlarge", "--replications", "1").path("findings").get(0);
        assertTrue(f.path("autoscaled").asBoolean());
        java.util.Set<String> tried = new java.util.TreeSet<>();
        for (JsonNode s : f.path("simulated")) {
            tried.add(s.path("autoscaling_target").asText("as written") + "/" + s.path("autoscaling_min").asText("as written"));
        }
        // the targets as written (60%), 0.5 and 0.7, each with the minimum as written (4) and half of it (2)
        assertEquals(java.util.Set.of("as written/as written", "as written/2", "0.5/as written", "0.5/2", "0.7/as written", "0.7/2"),
                tried);
        assertTrue(f.path("finding").asText().equals("Optimized") || f.path("finding").asText().equals("NotOptimized"), f.toString());
    }

    @Test
    void onlyTheBusiestServiceIsUnderprovisionedWhenTheDesignMissesItsSlos(@TempDir Path dir) throws Exception {
        String chain = String.join("\n",
                "name: chain",
                "entry: api",
                "reference-instance: c6i.large",
                "slos: [\"p99 < 100ms\"]",
                "components:",
                "  api:",
                "    type: service",
                "    instance: {type: c6i.xlarge}",
                "    replicas: 4",
                "    concurrency: 64",
                "    endpoints:",
                "      get: {demand: {dist: exponential, mean: 2ms}, calls: [{to: back}]}",
                "  back:",
                "    type: service",
                "    instance: {type: c6i.large}",
                "    replicas: 2",
                "    concurrency: 8",
                "    queue: {capacity: 100, timeout: 1s}",
                "    endpoints:",
                "      get: {demand: {dist: exponential, mean: 10ms}}",
                "");
        JsonNode a = advise(dir, chain, 300, "--types", "c6i.large", "--replications", "1");
        JsonNode api = a.path("findings").get(0);
        JsonNode back = a.path("findings").get(1);
        assertEquals("Unknown", api.path("finding").asText(), api.toString());
        assertEquals("SloMissedElsewhere:back", api.path("findingReasonCodes").get(0).asText());
        assertEquals(0, api.path("simulated").size());
        assertEquals("Underprovisioned", back.path("finding").asText());
        assertTrue(back.path("recommendationOptions").size() >= 1);
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path d = Files.writeString(dir.resolve("d.yaml"), SERVICE);
        Path file = Files.writeString(dir.resolve("f"), "");
        var o = RunCommandTest.headroom("advise", d.toString(), "--load", profile(dir, 100).toString(), "--out", file.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("exists and is not a folder"), o.err());
    }
}
