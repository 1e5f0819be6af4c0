package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.metrics.WindowSeries;
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

    private DesignReader.Loaded design(boolean asCalls) throws Exception {
        String yaml = new String(TailCallTest.class.getResourceAsStream("/tail-call/chain.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        if (asCalls) {
            String zero = ", latency: {dist: constant, value: 0s}}";
            yaml = yaml.replace("- {to: lb}", "- {to: lb" + zero).replace("- {to: cache}", "- {to: cache" + zero)
                    .replace("- {to: db, p: 0.4}", "- {to: db, p: 0.4" + zero);
            assertEquals(3, yaml.split("value: 0s}}", -1).length - 1, "the three last calls made ordinary");
        }
        Path p = dir.resolve(asCalls ? "calls.yaml" : "tail.yaml");
        Files.writeString(p, yaml);
        return DesignReader.read(p);
    }

    private void assertSameRun(String profileYaml) throws Exception {
        Path pf = dir.resolve("profile.yaml");
        Files.writeString(pf, profileYaml);
        DesignReader.LoadedProfile profile = DesignReader.readProfile(pf);
        WindowSeries a = new WindowSeries();
        WindowSeries b = new WindowSeries();
        RunResult ra = Runner.run(design(false), profile, 1, RunOptions.DEFAULTS, a);
        RunResult rb = Runner.run(design(true), profile, 1, RunOptions.DEFAULTS, b);
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
        Map<String, Long> errors = ra.overall().errors();
        assertTrue(errors.get("dependency") > 100, errors.toString());
        assertTrue(ra.components().get("app").lifecycle().lost() > 0, "crashes lost requests");
        System.out.println("tail calls = calls: " + ra.overall().completed() + " completed, " + errors + ", events " + ra.events());
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
