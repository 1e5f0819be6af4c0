package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom compare}: common random numbers and paired differences. */
class CompareTest {

    static Path design(Path dir, String file, String name, int workers) throws Exception {
        Path d = dir.resolve(file);
        Files.writeString(d, String.join("\n", "name: " + name, "entry: s", "slos: [\"p99 < 70ms\"]", "components:", "  s:",
                "    type: service", "    concurrency: " + workers, "    endpoints: {default: {demand: {dist: exponential, mean: 10ms}}}", ""));
        return d;
    }

    @Test
    void identicalDesignsDifferByExactlyNothingAndAWorkerMoreIsSignificant(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, String.join("\n", "name: steady", "warmup: 5s", "injection:",
                "  - constantUsersPerSec: {rate: 70, during: 60s, randomized: true}", ""));
        Path faster = tmp.resolve("d.yaml");
        Files.writeString(faster, Files.readString(design(tmp, "d.yaml", "faster", 1)).replace("mean: 10ms", "mean: 9ms"));
        var r = RunCommandTest.headroom("compare", design(tmp, "a.yaml", "one", 1).toString(), design(tmp, "b.yaml", "one", 1).toString(),
                design(tmp, "c.yaml", "two", 2).toString(), faster.toString(), "--load", profile.toString(), "--replications", "6", "--out",
                tmp.resolve("o").toString());
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(tmp.resolve("o").resolve("compare.json").toFile());
        assertEquals("one", j.get("baseline").asText());
        assertEquals("one (" + tmp.resolve("b.yaml") + ")", j.at("/designs/1/name").asText(), "a second design of the same name");
        // the same design with the same seeds: every difference is exactly zero (common random numbers)
        JsonNode same = j.at("/differences/0/metrics");
        same.fields().forEachRemaining(e -> assertEquals(0.0, e.getValue().get("mean").asDouble(), 0.0, e.getKey()));
        // M/M/1 at 0.7 against M/M/2 at 0.35: p99 ln(100) x 33 ms = 154 ms against about 55 ms
        JsonNode p99 = j.at("/differences/1/metrics/p99_ms");
        assertTrue(p99.get("significant").asBoolean() && p99.get("mean").asDouble() < -60, p99.toString());
        // Pairing narrows the interval where the two designs' results move together: the same station 10 % faster sees the
        // same arrivals and the same (scaled) demands, so its p99 rises and falls with the baseline's from one replication to
        // the next. (Against the two-worker design the baseline's spread is ten times the other's, and pairing can gain little.)
        JsonNode fasterP99 = j.at("/differences/2/metrics/p99_ms");
        double pairedHalf = fasterP99.get("ci95").asDouble();
        double h1 = j.at("/designs/0/ci95/p99_ms").asDouble();
        double h2 = j.at("/designs/3/ci95/p99_ms").asDouble();
        assertTrue(fasterP99.get("significant").asBoolean() && fasterP99.get("mean").asDouble() < 0, fasterP99.toString());
        assertTrue(pairedHalf < Math.sqrt(h1 * h1 + h2 * h2), "pairing narrows the interval: " + pairedHalf + " against " + h1 + ", " + h2);
        System.out.println("compare: paired p99 half-width " + pairedHalf + " ms against unpaired " + Math.sqrt(h1 * h1 + h2 * h2));
        assertTrue(!j.at("/designs/0/slos_met").asBoolean() && j.at("/designs/2/slos_met").asBoolean());
        for (String f : new String[] {"report.html", "report.md", "chart-compare-p99.png", "chart-compare-p99.svg",
            "chart-compare-instances.png", "chart-compare-instances.svg"}) {
            assertTrue(Files.size(tmp.resolve("o").resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(tmp.resolve("o").resolve("report.md")).contains("| p99 ms |"));
        assertTrue(r.out().contains("two − one: p99 -"), r.out());
    }
}
