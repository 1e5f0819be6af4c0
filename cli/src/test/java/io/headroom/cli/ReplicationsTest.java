package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --replications N}: means with Student-t 95 % half-widths, independent of the thread count. */
class ReplicationsTest {

    @Test
    void replicatedSummaryHoldsMeansAndConfidenceIntervals(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("mm1.yaml");
        Files.writeString(design, String.join("\n", "name: mm1", "entry: s", "slos: [\"mean < 25ms\"]", "components:", "  s:",
                "    type: service", "    concurrency: 1", "    endpoints: {default: {demand: {dist: exponential, mean: 10ms}}}", ""));
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, String.join("\n", "name: half", "warmup: 20s", "injection:",
                "  - constantUsersPerSec: {rate: 50, during: 400s, randomized: true}", ""));
        var one = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", tmp.resolve("a").toString(),
                "--replications", "6", "--threads", "1", "--fail-on-slo");
        assertEquals(0, one.status(), one.err());
        var two = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", tmp.resolve("b").toString(),
                "--replications", "6", "--threads", "2");
        assertEquals(0, two.status(), two.err());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve("summary.json")),
                Files.readAllBytes(tmp.resolve("b").resolve("summary.json")), "the thread count changes nothing");
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("a").resolve("summary.json").toFile());
        assertEquals(6, s.get("replications").asInt());
        double mean = s.at("/overall/latency_ms/mean").asDouble();
        double half = s.at("/ci95/overall/latency_ms/mean").asDouble();
        assertTrue(half > 0 && half < 2, "half-width " + half);
        assertTrue(Math.abs(mean - 20.0) < half, "M/M/1 at ρ = 0.5: theory 20 ms inside " + mean + " ± " + half);
        assertTrue(s.at("/ci95/components/s/utilisation").isNumber());
        assertTrue(s.at("/slo/0/pass").asBoolean());
        assertTrue(one.out().contains("6 replications"), one.out());
    }
}
