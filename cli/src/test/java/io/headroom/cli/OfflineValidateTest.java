package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom validate} contacts nothing but loopback: a whole validation (testbed, Gatling in-process,
 * the simulator, the report and its charts, the testbed's OpenTelemetry traces with {@code --traces}) runs under {@link OutboundGuard}, which records and refuses every
 * connection or lookup that would leave the machine, and nothing is recorded. The guard is shown able to fail:
 * Gatling's own latest-release check, called directly with no stored answer, is caught trying to reach Maven
 * Central. (The test JVM keeps Java preferences under target/, not in the user's home.) About 12 s.
 */
class OfflineValidateTest {
    @TempDir
    Path dir;

    private static final String PROFILE = """
            name: short
            warmup: 2s
            injection:
              - constantUsersPerSec: {rate: 20, during: 6s}
            """;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aWholeValidationTriesNoOutboundConnection() throws Exception {
        Path design = Files.writeString(dir.resolve("constant.yaml"), ValidationCommandsTest.CONSTANT_SERVICE);
        Path profile = Files.writeString(dir.resolve("short.yaml"), PROFILE);
        Path out = dir.resolve("out");
        Preferences.userRoot().node("/io/gatling/latestVersion").clear(); // no stored answer: a check left on would fetch
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        List<String> attempts = guarded(() -> {
            int status = Headroom.execute(new String[] {"validate", design.toString(), "--load", profile.toString(), "--out",
                out.toString(), "--replications", "2", "--traces"}, new PrintWriter(stdout), new PrintWriter(stderr));
            assertEquals(0, status, "validate's exit status\n" + stdout + stderr);
        });
        assertEquals(List.of(), attempts, "connections or lookups that would have left the machine");
        assertTrue(Files.isRegularFile(out.resolve("validation.md")), "the report was written");
        assertTrue(Files.isRegularFile(out.resolve("validation.json")), "the report was written");
        // 20/s for 6 s: about 120 requests, a server span each, every one into the file
        long spans = Files.readAllLines(out.resolve(ValidateCommand.TRACES)).stream()
                .mapToLong(line -> line.split("\"kind\":2", -1).length - 1).sum();
        long served = Files.readAllLines(out.resolve("served.csv")).size() - 1;
        assertEquals(served, spans, "a server span per request served");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theGuardCatchesGatlingsReleaseCheckWhenItRuns() throws Exception {
        Preferences.userRoot().node("/io/gatling/latestVersion").clear();
        List<String> attempts = guarded(() -> io.gatling.commons.util.LatestGatlingRelease$.MODULE$.load());
        assertEquals(List.of("repo1.maven.org:lookup"), attempts, "Gatling's check, had it been left on");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static List<String> guarded(Action action) throws Exception {
        OutboundGuard guard = new OutboundGuard();
        System.setSecurityManager(guard);
        try {
            action.run();
        } finally {
            System.setSecurityManager(null);
        }
        return guard.attempts();
    }
}
