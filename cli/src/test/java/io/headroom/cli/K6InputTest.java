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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** k6's vocabulary from the command line: the example runs with its iterations and thresholds; mistakes are located. */
class K6InputTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    /**
     * The example: ramping-arrival-rate 600 → 3600 → 600 a minute (the area under the rate: 600 + 4200 + 14400 + 3150
     * = 22350 iterations, the last at the very end of the stages and so not started), at most 40 VUs; every iteration
     * started either ran to its end or was dropped, and the four thresholds are the run's SLO verdicts.
     */
    @Test
    void exampleRuns(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load",
                EXAMPLES.resolve("profiles").resolve("k6-shop-rate.yaml").toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode it = s.get("iterations");
        assertEquals(22349, it.get("completed").asLong() + it.get("dropped_iterations").asLong() + it.get("interrupted").asLong());
        assertEquals(0, it.get("interrupted").asLong());
        assertEquals(4, s.get("slo").size());
        assertEquals("p99 < 300ms", s.get("slo").get(0).get("expr").asText());
        assertEquals("checkout.p95 < 250ms", s.get("slo").get(2).get("expr").asText());
        assertEquals("errors < 1%", s.get("slo").get(3).get("expr").asText());
        assertEquals(520.0, s.get("simulated_s").asDouble()); // 8m30s of stages + gracefulStop 10s
        assertTrue(o.out().contains("iterations "), o.out());
    }

    static java.util.stream.Stream<Arguments> mistakes() {
        return java.util.stream.Stream.of(
                Arguments.of("unknown executor", "scenarios:\n  s: {executor: constant-arival-rate, rate: 10, duration: 1m, preAllocatedVUs: 5}",
                        "4:17", "scenarios.s.executor", "unknown k6 executor 'constant-arival-rate'"),
                Arguments.of("an option of another executor", "scenarios:\n  s:\n    executor: ramping-arrival-rate\n    vus: 10\n"
                        + "    preAllocatedVUs: 5\n    stages: [{target: 10, duration: 1m}]", "6:10", "scenarios.s.vus",
                        "not an option of k6's ramping-arrival-rate executor"),
                Arguments.of("a duration k6 cannot read", "scenarios:\n  s: {executor: constant-vus, vus: 10, duration: 5 minutes}",
                        "4:50", "scenarios.s.duration", "is not a k6 duration"),
                Arguments.of("maxVUs below preAllocatedVUs", "scenarios:\n  s: {executor: constant-arrival-rate, rate: 10, duration: 1m,"
                        + " preAllocatedVUs: 5, maxVUs: 2}", "4:92", "scenarios.s.maxVUs", "maxVUs can't be less than preAllocatedVUs"),
                Arguments.of("no preAllocatedVUs", "scenarios:\n  s: {executor: constant-arrival-rate, rate: 10, duration: 1m}", "4:6",
                        "scenarios.s.preAllocatedVUs", "missing required key 'preAllocatedVUs'"),
                Arguments.of("misspelt k6 key", "scenarios:\n  s: {executor: constant-arrival-rate, rate: 10, duration: 1m,"
                        + " preAllocatedVU: 5}", "4:64", "scenarios.s.preAllocatedVU", "did you mean 'preAllocatedVUs'"),
                Arguments.of("two scenarios", "scenarios:\n  a: {executor: constant-vus, vus: 1, duration: 1m}\n"
                        + "  b: {executor: constant-vus, vus: 1, duration: 1m}", "4:3", "scenarios", "the simulator plays one"),
                Arguments.of("stages beside scenarios", "scenarios:\n  a: {executor: constant-vus, vus: 1, duration: 1m}\n"
                        + "stages: [{duration: 1m, target: 10}]", "5:9", "stages", "simultaneously is not allowed"),
                Arguments.of("k6 beside Gatling", "injection:\n  - constantUsersPerSec: {rate: 1, during: 10s}\n"
                        + "stages: [{duration: 1m, target: 10}]", "5:9", "stages", "not both"),
                Arguments.of("a negative stage target", "stages:\n  - {duration: 1m, target: 10}\n  - {duration: 1m, target: -1}", "5:28",
                        "stages[1].target", "can't be negative"),
                Arguments.of("fewer shared iterations than VUs", "scenarios:\n  s: {executor: shared-iterations, vus: 10, iterations: 5}",
                        "4:57", "scenarios.s.iterations", "can't be less than the number of VUs"),
                Arguments.of("an unmeasured percentile", "stages: [{duration: 1m, target: 10}]\nthresholds:\n"
                        + "  http_req_duration: ['p(99)<300', 'p(75)<200']", "5:36", "thresholds.http_req_duration[1]",
                        "the percentile p(75) is not measured"),
                Arguments.of("a metric without counterpart", "stages: [{duration: 1m, target: 10}]\nthresholds:\n"
                        + "  iteration_duration: ['p(99)<300']", "5:23", "thresholds.iteration_duration", "no simulated counterpart"),
                Arguments.of("a lower bound", "stages: [{duration: 1m, target: 10}]\nthresholds:\n  http_req_failed: ['rate>0.01']",
                        "5:21", "thresholds.http_req_failed[0]", "only < and <= are read"),
                Arguments.of("a name tag that is no endpoint", "stages: [{duration: 1m, target: 10}]\nthresholds:\n"
                        + "  http_req_duration{name:nope}: ['p(99)<300']", "5:3", "thresholds.http_req_duration{name:nope}",
                        "the tag name:nope is not an endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakesAreLocated(String what, String body, String lineCol, String path, String message, @TempDir Path tmp)
            throws Exception {
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, "name: x\nmix: {browse: 1}\n" + body + "\n");
        for (String command : new String[] {"check", "run"}) {
            Path out = tmp.resolve("out");
            var o = command.equals("run")
                    ? RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load", profile.toString(), "--out",
                    out.toString())
                    : RunCommandTest.headroom("check", EXAMPLES.resolve("shop.yaml").toString(), "--load", profile.toString());
            assertEquals(2, o.status(), what + " (" + command + ")");
            String first = o.err().lines().findFirst().orElse("");
            assertTrue(first.startsWith(profile + ":" + lineCol + ": " + path + ": "), what + " (" + command + "): " + first);
            assertTrue(first.contains(message), what + ": " + first);
            assertFalse(Files.exists(out));
        }
    }
}
