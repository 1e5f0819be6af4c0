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

    @Test
    void aReplicatedRunWritesItsReportOverAnEarlierOne(@TempDir Path tmp) throws Exception {
        Path design = tmp.resolve("mm1.yaml");
        Files.writeString(design, String.join("\n", "name: mm1", "entry: s", "components:", "  s:", "    type: service",
                "    concurrency: 1", "    endpoints: {default: {demand: {dist: exponential, mean: 10ms}}}", ""));
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, String.join("\n", "name: half", "injection:",
                "  - constantUsersPerSec: {rate: 50, during: 60s, randomized: true}", ""));
        Path out = tmp.resolve("r");
        var single = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(0, single.status(), single.err());
        var replicated = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString(),
                "--replications", "2", "--seed", "7");
        assertEquals(0, replicated.status(), replicated.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("seed 7") && md.contains("means of 2 replications"), md.lines().limit(6).toList().toString());
        assertTrue(replicated.out().contains("report " + out.resolve("report.html")), replicated.out());
        assertArrayEquals(Files.readAllBytes(out.resolve("report.md")), reportOf(out, tmp.resolve("again")),
                "the report `headroom report` renders from the same files");
    }

    /** The report.md `headroom report` writes for a copy of {@code dir}'s summary and time series. */
    private static byte[] reportOf(Path dir, Path copy) throws Exception {
        Files.createDirectories(copy);
        for (String f : new String[] {"summary.json", "timeseries.csv"}) {
            Files.copy(dir.resolve(f), copy.resolve(f));
        }
        var r = RunCommandTest.headroom("report", copy.toString());
        assertEquals(0, r.status(), r.err());
        return Files.readAllBytes(copy.resolve("report.md"));
    }
}
