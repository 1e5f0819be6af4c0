package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases end to end ({@code examples/k8s-release.yaml}, its rolling update moved to 2 minutes of a 6-minute steady
 * load): {@code run} writes the rollout into {@code summary.json}, the time series and the report, the same bytes for
 * the same seed; {@code compare} adds the rollout's rows; a deployment past the profile's end, a canary weight over
 * 100 % and steps that do not increase are located, exit 2, nothing written.
 */
class RolloutCommandsTest {
    private static final Path DESIGN = RunCommandTest.EXAMPLES.resolve("k8s-release.yaml");

    @TempDir
    Path dir;
    private Path profile;
    private Path design;

    @BeforeEach
    void write() throws Exception {
        profile = dir.resolve("steady.yaml");
        Files.writeString(profile, String.join("\n", "name: steady", "injection:",
                "  - constantUsersPerSec: {rate: 500, during: 6m, randomized: true}", ""));
        design = variant("release.yaml", "      - at: 10m", "      - at: 2m");
    }

    private Path variant(String name, String from, String to) throws Exception {
        String text = Files.readString(DESIGN);
        assertTrue(text.contains(from), from);
        Path p = dir.resolve(name);
        Files.writeString(p, text.replace(from, to));
        return p;
    }

    @Test
    void runWritesTheRolloutTheSameForTheSameSeed() throws Exception {
        for (String out : List.of("a", "b")) {
            var o = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--seed", "3", "--out",
                    dir.resolve(out).toString());
            assertEquals(0, o.status(), o.err());
            assertTrue(o.out().contains("  rollout    api rolling-update at 120 s: completed after "), o.out());
        }
        for (String f : List.of("summary.json", "timeseries.csv", "report.md", "cluster-events.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        JsonNode r = new ObjectMapper().readTree(dir.resolve("a/summary.json").toFile()).path("rollouts").get(0);
        assertEquals("completed", r.path("outcome").asText());
        assertEquals(120.0, r.path("at_s").asDouble());
        assertEquals(8, r.path("min_ready").asInt());
        assertEquals(4, r.path("peak_nodes").asInt());
        assertEquals(0, r.path("errors").asLong());
        assertTrue(r.path("extra_node_hours").asDouble() > 0, "the surge needs a fourth node: " + r);
        List<String> lines = Files.readAllLines(dir.resolve("a/timeseries.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int weight = header.indexOf("api.version_weight");
        assertTrue(header.contains("api.ready") && weight > 0, lines.get(0));
        assertEquals("0", lines.get(1).split(",")[weight]);
        assertEquals("1", lines.get(lines.size() - 1).split(",")[weight]);
        String report = Files.readString(dir.resolve("a/report.md"));
        assertTrue(report.contains("## Rollouts") && report.contains("| api rolling-update | 2m | completed |"), report);
    }

    @Test
    void compareAddsTheReleaseRows() throws Exception {
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, String.join("\n", "name: release", "design: release.yaml", "profile: steady.yaml", "variants:",
                "  - name: none-unavailable", "    set: {\"components.api.deployments[0].max-unavailable\": 0}",
                "  - name: half-unavailable", "    set: {\"components.api.deployments[0].max-unavailable\": 50%}", ""));
        var o = RunCommandTest.headroom("compare", "--study", study.toString(), "--out", dir.resolve("cmp").toString());
        assertEquals(0, o.status(), o.err());
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("cmp/compare.json").toFile());
        String text = rows.toString();
        for (String key : List.of("rollout_s", "rollout_p99_ms", "rollout_errors", "rollout_extra_usd")) {
            assertTrue(text.contains("\"" + key + "\""), key + " in " + text);
        }
    }

    @Test
    void badDeploymentsAreLocatedExitTwoAndWriteNothing() throws Exception {
        String[][] cases = {
            {"      - at: 10m", "      - at: 10m", ":37:13: components.api.deployments[0].at: at 10m is not within the load profile "
                    + "PROFILE, which lasts 6m: start the deployment earlier or use a longer profile"},
            {"        strategy: rolling-update\n        max-surge: 25%\n        max-unavailable: 0\n",
                "        strategy: canary\n        steps: [{weight: 50%}, {weight: 120%}]\n",
                ":39:41: components.api.deployments[0].steps[1].weight: a canary weight is between 0% and 100%, got 120%"},
            {"        strategy: rolling-update\n        max-surge: 25%\n        max-unavailable: 0\n",
                "        strategy: canary\n        steps: [{weight: 50%}, {weight: 20%}]\n",
                ":39:41: components.api.deployments[0].steps[1].weight: the weights must increase step by step: 20% after 50%"},
        };
        for (String[] c : cases) {
            Path bad = variant("bad.yaml", c[0], c[1]);
            Path out = dir.resolve("out");
            for (String[] args : List.of(new String[] {"run", bad.toString(), "--load", profile.toString(), "--out", out.toString()},
                    new String[] {"check", bad.toString(), "--load", profile.toString()})) {
                var o = RunCommandTest.headroom(args);
                assertEquals(Headroom.BAD_INPUT, o.status(), args[0] + ": " + o.err());
                assertEquals(bad + c[2].replace("PROFILE", profile.toString()), o.err().lines().findFirst().orElse(""), args[0]);
                assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), o.err());
                assertFalse(Files.exists(out), args[0] + " wrote " + out);
            }
        }
    }
}
