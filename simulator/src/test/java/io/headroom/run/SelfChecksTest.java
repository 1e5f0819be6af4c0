package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.metrics.WindowSeries;
import io.headroom.request.ErrorCause;
import io.headroom.service.FlowBalance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run checks itself ({@link Checks}): conservation of requests overall and per service, and
 * Little's law on the sample path over the measured period. Diverse designs pass, to well inside
 * the tolerance — async tail calls, retries, timeouts, a circuit breaker, caches, a sharded store,
 * crashes, spot instances, zones, autoscaling; open, closed and scenario load; drained and not
 * drained; a run stopped by the in-flight guard before and after its warm-up — and a bug planted
 * in the load driver (a completion not booked, an integral update skipped) fails the run.
 */
class SelfChecksTest {
    @TempDir
    Path dir;

    private static final String OPEN = """
            name: open
            warmup: 10s
            mix: {default: 0.8, other: 0.2}
            injection:
              - constantUsersPerSec: {rate: 400, during: 60s, randomized: true}
              - rampUsersPerSec: {from: 400, to: 900, during: 60s}
            """;
    private static final String SCENARIO = """
            name: scen
            warmup: 5s
            injection:
              - constantUsersPerSec: {rate: 100, during: 60s, randomized: true}
            scenario:
              - repeat: 4
                do:
                  - {request: browse}
                  - {pause: {dist: exponential, mean: 50ms}}
              - {request: checkout, p: 0.5}
            """;
    private static final String RETRIED = """
            name: open
            injection:
              - constantUsersPerSec: {rate: 300, during: 60s, randomized: true}
            """;
    private static final String SHOP_BURST = """
            name: burst
            mix: {browse: 0.9, checkout: 0.1}
            warmup: 30s
            injection:
              - constantUsersPerSec: {rate: 200, during: 2m, randomized: true}
              - rampUsersPerSec: {from: 200, to: 1500, during: 3m, randomized: true}
            """;
    private static final String CLOSED = """
            name: closed
            mix: {browse: 0.9, checkout: 0.1}
            warmup: 20s
            closed: {users: 300, think: {dist: exponential, mean: 1s}, during: 3m}
            """;
    private static final String MORNING = """
            name: morning
            warmup: 1m
            injection:
              - constantUsersPerSec: {rate: 60, during: 2m, randomized: true}
              - rampUsersPerSec: {from: 60, to: 480, during: 5m, randomized: true}
            """;

    private DesignReader.LoadedProfile profile(String yaml) throws Exception {
        Path p = Files.createTempFile(dir, "profile", ".yaml");
        Files.writeString(p, yaml);
        return DesignReader.readProfile(p);
    }

    private static DesignReader.Loaded resource(String name) throws Exception {
        return DesignReader.read(Path.of(SelfChecksTest.class.getResource("/tail-call/" + name).toURI()));
    }

    private static DesignReader.Loaded example(String name) throws Exception {
        return DesignReader.read(Path.of("../examples", name));
    }

    /** Runs and asserts every check passed, Little's law to below 1e-9 everywhere; returns the result. */
    private RunResult passes(DesignReader.Loaded design, String profileYaml, RunOptions options) throws Exception {
        RunResult r = Runner.run(design, profile(profileYaml), 1, options, new WindowSeries());
        Checks c = r.checks();
        assertNotNull(c);
        assertTrue(c.passed(), c.failures().toString());
        assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith(Checks.FAILED)), r.warnings().toString());
        assertTrue(c.overall().balanced());
        assertTrue(c.overallLittle().relativeError() < 1e-9, c.overallLittle().toString());
        assertTrue(c.overallLittle().integralNs() > 0, "requests were in the system");
        c.componentLittle().forEach((name, l) -> assertTrue(l.relativeError() < 1e-9, name + ": " + l));
        c.components().forEach((name, b) -> assertTrue(b.balanced(), name + ": " + b));
        assertEquals(r.components().keySet(), c.components().keySet(), "every service is checked");
        double worst = c.componentLittle().values().stream().mapToDouble(Checks.Little::relativeError).max().orElse(0);
        System.out.printf("self-checks %s / %s: passed; %d requests, Little's law overall %s, worst service %s%n",
                r.design(), r.profile(), r.overall().requests(), c.overallLittle().relativeError(), worst);
        return r;
    }

    @Test
    void asyncTailCallsUnderOverloadWithCrashesPass() throws Exception {
        RunResult r = passes(resource("chain.yaml"), OPEN, RunOptions.DEFAULTS);
        Checks c = r.checks();
        assertTrue(c.components().get("front").passedOn() > 0, "the async front passed requests on");
        assertTrue(c.components().get("app").failed().get(ErrorCause.INSTANCE_LOST) > 0, "crashes lost requests");
        assertTrue(c.components().get("app").failed().get(ErrorCause.REJECTED) > 0, "full queues rejected");
        assertTrue(c.components().get("app").failed().get(ErrorCause.FAILED) > 0, "the error rate failed some");
    }

    @Test
    void tailCallsNotDrainedPass() throws Exception {
        RunResult r = passes(resource("chain.yaml"), OPEN, RunOptions.DEFAULTS.withDrainLimit(Duration.ZERO));
        assertTrue(r.overall().inFlight() > 0, "requests were in flight at the end");
        assertTrue(r.checks().components().values().stream().anyMatch(b -> b.inside() > 0), "and inside services");
    }

    @Test
    void scenarioUsersOfTailCallsPass() throws Exception {
        passes(resource("scenario-users.yaml"), SCENARIO, RunOptions.DEFAULTS);
    }

    @Test
    void retriedCallsPass() throws Exception {
        passes(resource("retried-first-call.yaml"), RETRIED, RunOptions.DEFAULTS);
    }

    @Test
    void cacheShardedStoreRetriesBreakerZonesAndSpotPass() throws Exception {
        RunResult r = passes(example("web-shop.yaml"), SHOP_BURST, RunOptions.DEFAULTS);
        assertTrue(r.checks().components().containsKey("orders"), "the sharded store is checked");
    }

    @Test
    void closedLoadPasses() throws Exception {
        passes(example("shop.yaml"), CLOSED, RunOptions.DEFAULTS);
    }

    @Test
    void autoscalingPasses() throws Exception {
        RunResult r = passes(example("api-hpa.yaml"), MORNING, RunOptions.DEFAULTS);
        assertTrue(r.components().values().stream().anyMatch(s -> s.lifecycle().launches() > 0), "instances were launched");
    }

    @Test
    void aRunStoppedByTheInFlightGuardPasses() throws Exception {
        // after the warm-up: the measured period ends where the guard tripped
        RunResult after = passes(resource("chain.yaml"), OPEN, RunOptions.DEFAULTS.withMaxInFlight(50));
        assertNotNull(after.stoppedEarlyS());
        assertTrue(after.stoppedEarlyS() > after.warmupS(), "stopped at " + after.stoppedEarlyS());
        // during the warm-up: the period is [0, the guard's instant]
        RunResult during = Runner.run(resource("chain.yaml"), profile(OPEN.replace("warmup: 10s", "warmup: 100s")), 1,
                RunOptions.DEFAULTS.withMaxInFlight(50), new WindowSeries());
        assertTrue(during.stoppedEarlyS() < 100, "stopped at " + during.stoppedEarlyS());
        assertTrue(during.checks().passed(), during.checks().failures().toString());
        assertTrue(during.checks().overallLittle().integralNs() > 0);
    }

    @Test
    void aSimulatedDayHoldsLittlesLawToBelow1e9() throws Exception {
        String day = """
                name: day
                warmup: 1h
                injection:
                  - constantUsersPerSec: {rate: 3.2, during: 24h, randomized: true}
                """;
        RunResult r = passes(example("mm4.yaml"), day, RunOptions.DEFAULTS);
        assertTrue(r.overall().requests() > 260_000, "a day of requests: " + r.overall().requests());
    }

    @Test
    void aCompletionNotBookedFailsTheRun() throws Exception {
        RunResult r = planted(LoadDriver.DROP_A_COMPLETION);
        Checks c = r.checks();
        assertFalse(c.passed());
        assertFalse(c.overall().balanced());
        assertEquals(c.overall().requests() - 1, c.overall().completed() + c.overall().errorTotal() + c.overall().inFlight());
        assertEquals(1, c.failures().size(), c.failures().toString());
        assertTrue(c.failures().get(0).startsWith("conservation, overall: "), c.failures().get(0));
        assertTrue(r.warnings().contains(Checks.warning(c.failures().get(0))), r.warnings().toString());
    }

    @Test
    void anIntegralUpdateSkippedFailsTheRun() throws Exception {
        RunResult r = planted(LoadDriver.SKIP_AN_INTEGRAL_UPDATE);
        Checks c = r.checks();
        assertFalse(c.passed());
        assertFalse(c.overallLittle().holds(), c.overallLittle().toString());
        assertTrue(c.overall().balanced(), "the counts are right");
        assertEquals(1, c.failures().size(), c.failures().toString());
        assertTrue(c.failures().get(0).startsWith("Little's law, overall: "), c.failures().get(0));
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("SELF-CHECK FAILED: Little's law, overall")));
    }

    private RunResult planted(int bug) throws Exception {
        // no warm-up, so the very first completion and integral update fall in the measured period
        DesignReader.Loaded d = example("mm4.yaml");
        var p = profile("""
                name: steady
                injection:
                  - constantUsersPerSec: {rate: 3, during: 60s, randomized: true}
                """);
        return Runner.runWithPlantedBug(d.design(), d.baseDir(), p.profile(), 1, RunOptions.DEFAULTS, new WindowSeries(), bug);
    }

    @Test
    void aServiceThatLosesTrackOfARequestIsUnbalanced() {
        EnumMap<ErrorCause, Long> failed = new EnumMap<>(ErrorCause.class);
        for (ErrorCause c : ErrorCause.all()) {
            failed.put(c, c == ErrorCause.TIMEOUT ? 3L : 0L);
        }
        assertTrue(new FlowBalance(20, 10, 5, failed, 2, 0).balanced());
        assertFalse(new FlowBalance(20, 9, 5, failed, 2, 0).balanced());
        assertFalse(new Checks.Little(1e12, 1e12 + 1e4).holds());
        assertTrue(new Checks.Little(1e12, 1e12 + 1e2).holds());
        assertTrue(new Checks.Little(0, 0).holds());
        assertFalse(new Checks.Little(Double.NaN, 0).holds());
    }
}
