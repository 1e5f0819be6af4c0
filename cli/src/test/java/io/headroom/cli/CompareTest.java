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
        var r = RunCommandTest.headroom("compare", design(tmp, "a.yaml", "one", 1).toString(), design(tmp, "b.yaml", "one", 1).toString(),
                design(tmp, "c.yaml", "two", 2).toString(), "--load", profile.toString(), "--replications", "6", "--out",
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
        double pairedHalf = p99.get("ci95").asDouble();
        double h1 = j.at("/designs/0/ci95/p99_ms").asDouble();
        double h2 = j.at("/designs/2/ci95/p99_ms").asDouble();
        assertTrue(pairedHalf < Math.sqrt(h1 * h1 + h2 * h2), "pairing narrows the interval: " + pairedHalf + " against " + h1 + ", " + h2);
        assertTrue(!j.at("/designs/0/slos_met").asBoolean() && j.at("/designs/2/slos_met").asBoolean());
        for (String f : new String[] {"report.html", "report.md", "chart-compare-p99.png", "chart-compare-p99.svg",
            "chart-compare-instances.png", "chart-compare-instances.svg"}) {
            assertTrue(Files.size(tmp.resolve("o").resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(tmp.resolve("o").resolve("report.md")).contains("| p99 ms |"));
        assertTrue(r.out().contains("two − one: p99 -"), r.out());
    }
}
