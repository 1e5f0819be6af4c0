package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --warmup auto|DURATION} and the {@code transient} figures of summary.json. */
class WarmupAndTransientTest {

    static Path design(Path dir) throws Exception {
        Path d = dir.resolve("mm1.yaml");
        Files.writeString(d, String.join("\n", "name: mm1", "entry: s", "components:", "  s:", "    type: service", "    concurrency: 1",
                "    endpoints: {default: {demand: {dist: exponential, mean: 100ms}}}", ""));
        return d;
    }

    @Test
    void mserWarmupAndTransientFiguresUnderReplications(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("p.yaml");
        // 2 requests/s, then 8.5/s (utilisation 0.85) for 200 s: the queue starts empty and takes a while to fill
        Files.writeString(profile, String.join("\n", "name: heavy", "injection:", "  - piecewise: [[0s, 2], [60s, 2]]",
                "  - piecewise: [[0s, 8.5], [200s, 8.5]]", ""));
        var r = RunCommandTest.headroom("run", design(tmp).toString(), "--load", profile.toString(), "--out", tmp.resolve("o").toString(),
                "--replications", "20", "--warmup", "auto");
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("o").resolve("summary.json").toFile());
        assertEquals("mser-5", s.get("warmup_method").asText());
        double warmup = s.get("warmup_s").asDouble();
        assertTrue(warmup >= 60 && warmup <= 130 && warmup % 10 == 0, "the light first minute and the filling are left out: " + warmup);
        assertEquals(0.0, s.at("/ci95/warmup_s").asDouble(), "one warm-up for every replication");
        JsonNode t = s.get("transient");
        assertTrue(t.get("busiest_window_arrivals_per_s").asDouble() > 8.5, t.toString());
        assertTrue(t.get("busiest_window_p99_ms").asDouble() > 0 && s.at("/ci95/transient/busiest_window_p99_ms").isNumber(), s.toString());
        assertEquals(1.0, t.get("instances_peak").asDouble());
        assertFalse(t.has("cost_peak_usd_per_hour"), "no prices, no cost");
        assertTrue(r.out().contains("found by MSER-5"), r.out());
        assertTrue(r.out().contains("busiest window p99"), r.out());
    }

    @Test
    void aGivenWarmupReplacesTheProfiles(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, String.join("\n", "name: light", "warmup: 5s", "injection:",
                "  - constantUsersPerSec: {rate: 2, during: 60s, randomized: true}", ""));
        var r = RunCommandTest.headroom("run", design(tmp).toString(), "--load", profile.toString(), "--out", tmp.resolve("o").toString(),
                "--warmup", "30s");
        assertEquals(0, r.status(), r.err());
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("o").resolve("summary.json").toFile());
        assertEquals(30.0, s.get("warmup_s").asDouble());
        assertFalse(s.has("warmup_method"));
        assertTrue(s.at("/transient/busiest_window_start_s").isNumber(), s.toString());
        var bad = RunCommandTest.headroom("run", design(tmp).toString(), "--load", profile.toString(), "--out", tmp.resolve("x").toString(),
                "--warmup", "soon");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--warmup"), bad.err());
    }
}
