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

/** Scenarios and the closed model from the command line: the examples run, mistakes are located. */
class ScenarioInputTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void closedAndScenarioExamplesRun(@TempDir Path tmp) throws Exception {
        for (String profile : new String[] {"closed-users.yaml", "shoppers.yaml"}) {
            Path out = tmp.resolve(profile);
            var o = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load",
                    EXAMPLES.resolve("profiles").resolve(profile).toString(), "--out", out.toString());
            assertEquals(0, o.status(), o.err());
            JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals(0, s.at("/overall/in_flight").asLong());
            assertTrue(s.at("/overall/requests").asLong() > 10_000, profile);
        }
    }

    static java.util.stream.Stream<Arguments> scenarioMistakes() {
        return java.util.stream.Stream.of(
                Arguments.of("unknown step kind", "  - {reqest: browse}", "5:5", "scenario[0]", "a scenario step is {request: ENDPOINT}"),
                Arguments.of("unknown endpoint", "  - {repeat: 2, do: [{request: brwse}]}", "5:32", "scenario[0].do[0].request",
                        "'brwse' is not an endpoint of 'api'"),
                Arguments.of("unknown component", "  - {request: browse, to: nope}", "5:27", "scenario[0].to", "'nope' is not a service"),
                Arguments.of("probability above one", "  - {request: browse, p: 1.5}", "5:26", "scenario[0].p",
                        "a probability is between 0 and 1"),
                Arguments.of("zero repeats", "  - {repeat: 0, do: [{request: browse}]}", "5:14", "scenario[0].repeat", "must be positive"),
                Arguments.of("pause without dist", "  - {pause: 2s}", "5:13", "scenario[0].pause.dist", "missing required key 'dist'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioMistakes")
    void scenarioMistakesAreLocated(String what, String step, String lineCol, String path, String message, @TempDir Path tmp)
            throws Exception {
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, "name: x\ninjection:\n  - constantUsersPerSec: {rate: 1, during: 10s}\nscenario:\n" + step + "\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(2, o.status(), what);
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(profile + ":" + lineCol + ": " + path + ": "), what + ": " + first);
        assertTrue(first.contains(message), what + ": " + first);
        assertFalse(Files.exists(out));
    }

    static java.util.stream.Stream<Arguments> closedMistakes() {
        return java.util.stream.Stream.of(
                Arguments.of("no users", "closed: {users: 0, think: {dist: constant, value: 1s}, during: 1m}", "3:17", "closed.users",
                        "must be positive"),
                Arguments.of("shorthand without think", "closed: {users: 5, during: 1m}", "3:9", "closed.think", "missing required key 'think'"),
                Arguments.of("misspelt closed step", "closed:\n  - constantConcurrentUser: {users: 5, during: 1m}", "4:5",
                        "closed[0].constantConcurrentUser", "did you mean 'constantConcurrentUsers'"),
                Arguments.of("both open and closed", "injection:\n  - constantUsersPerSec: {rate: 1, during: 10s}\n"
                        + "closed: {users: 5, think: {dist: constant, value: 1s}, during: 1m}", "5:9", "closed", "not both"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedMistakes")
    void closedMistakesAreLocated(String what, String body, String lineCol, String path, String message, @TempDir Path tmp)
            throws Exception {
        Path profile = tmp.resolve("p.yaml");
        Files.writeString(profile, "name: x\nmix: {browse: 1}\n" + body + "\n");
        var o = RunCommandTest.headroom("check", EXAMPLES.resolve("shop.yaml").toString(), "--load", profile.toString());
        assertEquals(2, o.status(), what);
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(profile + ":" + lineCol + ": " + path + ": "), what + ": " + first);
        assertTrue(first.contains(message), what + ": " + first);
    }
}
