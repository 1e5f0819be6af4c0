package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.metrics.WindowSeries;
import io.headroom.request.ErrorCause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last call of an async endpoint is made as a tail call — the request itself handed on (see
 * {@code ServiceStation}) — when nothing about it needs a call record. The results must be exactly
 * those of an ordinary call. A call with a network latency of a constant 0 s behaves identically
 * (delivered at the same instant, through the same event) but is never a tail call, so the same
 * design with and without that latency on its last calls must give identical results, window by
 * window, under overload (rejections, queue timeouts, an error rate, crashes: failures reach the
 * load as {@code dependency}), for open and closed load.
 */
class TailCallTest {
    @TempDir
    Path dir;

    private static final String ZERO = ", latency: {dist: constant, value: 0s}}";

    /** The design in {@code resource}; with {@code asCalls}, each of {@code lastCalls} (closing brace left off) made ordinary. */
    private DesignReader.Loaded design(String resource, boolean asCalls, String... lastCalls) throws Exception {
        String yaml = new String(TailCallTest.class.getResourceAsStream("/tail-call/" + resource).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        if (asCalls) {
            int before = yaml.split("value: 0s}}", -1).length;
            for (String call : lastCalls) {
                yaml = yaml.replace(call + "}", call + ZERO);
            }
            assertTrue(yaml.split("value: 0s}}", -1).length - before >= lastCalls.length, "the last calls made ordinary");
        }
        Path p = dir.resolve(asCalls ? "calls.yaml" : "tail.yaml");
        Files.writeString(p, yaml);
        return DesignReader.read(p);
    }

    private void assertSameRun(String profileYaml) throws Exception {
        RunResult r = assertSameRun("chain.yaml", profileYaml, "- {to: lb", "- {to: cache", "- {to: db, p: 0.4");
        assertTrue(r.components().get("app").lifecycle().lost() > 0, "crashes lost requests");
    }

    private RunResult assertSameRun(String resource, String profileYaml, String... lastCalls) throws Exception {
        Path pf = dir.resolve("profile.yaml");
        Files.writeString(pf, profileYaml);
        DesignReader.LoadedProfile profile = DesignReader.readProfile(pf);
        WindowSeries a = new WindowSeries();
        WindowSeries b = new WindowSeries();
        RunResult ra = Runner.run(design(resource, false), profile, 1, RunOptions.DEFAULTS, a);
        RunResult rb = Runner.run(design(resource, true, lastCalls), profile, 1, RunOptions.DEFAULTS, b);
        assertEquals(rb.overall(), ra.overall());
        assertEquals(rb.endpoints(), ra.endpoints());
        assertEquals(rb.components(), ra.components());
        assertEquals(rb.events(), ra.events());
        assertEquals(rb.peakInFlight(), ra.peakInFlight());
        assertEquals(rb.caches(), ra.caches());
        assertEquals(b.rows().size(), a.rows().size());
        for (int i = 0; i < a.rows().size(); i++) {
            assertArrayEquals(b.rows().get(i), a.rows().get(i), "window " + i);
        }
        // the load did meet every kind of trouble, and it came back as dependency failures
        Map<ErrorCause, Long> errors = ra.overall().errors();
        assertTrue(errors.get(ErrorCause.DEPENDENCY) > 100, errors.toString());
        System.out.println("tail calls = calls (" + resource + "): " + ra.overall().completed() + " completed, " + errors + ", events "
                + ra.events());
        return ra;
    }

    /**
     * A crash fails everything its instance holds at one instant, one after another; what each
     * failure sets off next — a scenario user's next step and pause (drawn from a shared stream), a
     * retry's jittered backoff (drawn from the caller's stream) — must happen in the same order as
     * with call records, so the requests handed on are failed in the order of their calls' slots.
     */
    @Test
    void crashesUnderScenarioUsers() throws Exception {
        RunResult r = assertSameRun("scenario-users.yaml", """
                name: scen
                injection:
                  - constantUsersPerSec: {rate: 100, during: 60s, randomized: true}
                scenario:
                  - repeat: 4
                    do:
                      - {request: browse}
                      - {pause: {dist: exponential, mean: 50ms}}
                  - {request: checkout, p: 0.5}
                """, "- {to: back, endpoint: default");
        assertTrue(r.components().get("back").lifecycle().lost() > 100, "crashes lost requests");
    }

    @Test
    void crashesWithARetriedCallBeforeTheTailCall() throws Exception {
        RunResult r = assertSameRun("retried-first-call.yaml", """
                name: open
                injection:
                  - constantUsersPerSec: {rate: 300, during: 60s, randomized: true}
                """, "          - {to: back");
        assertTrue(r.components().get("back").lifecycle().lost() > 100, "crashes lost requests");
    }

    @Test
    void openLoadUnderOverload() throws Exception {
        assertSameRun("""
                name: open
                warmup: 10s
                mix: {default: 0.8, other: 0.2}
                injection:
                  - constantUsersPerSec: {rate: 400, during: 60s, randomized: true}
                  - rampUsersPerSec: {from: 400, to: 900, during: 60s}
                """);
    }

    /** Users who wait for their answer and go on at once after a failure (the load's own turnaround). */
    @Test
    void closedUsers() throws Exception {
        assertSameRun("""
                name: closed
                warmup: 10s
                mix: {default: 0.8, other: 0.2}
                closed: {users: 60, think: {dist: exponential, mean: 20ms}, during: 120s}
                """);
    }
}
