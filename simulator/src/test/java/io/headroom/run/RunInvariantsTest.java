package io.headroom.run;

import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import io.headroom.request.ErrorCause;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conservation, determinism, instability detection and bounded memory. */
class RunInvariantsTest {

    /** Two endpoints, a bounded queue with a timeout, several instances, cores shared, load beyond capacity. */
    private static Design busyShop() {
        Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
        endpoints.put("browse", new EndpointSpec(exp(8), exp(20)));
        endpoints.put("checkout", new EndpointSpec(exp(25), exp(40)));
        ServiceSpec api = new ServiceSpec(null, ReplicasSpec.fixed(3), DispatchStrategy.LEAST_OUTSTANDING, 8, 2,
                new QueueSpec(6, Duration.ofMillis(30)), endpoints);
        return new Design("busy-shop", null, "s", Map.of("s", api));
    }

    private static LoadProfile overload(Duration warmup) {
        return new LoadProfile("overload", null, Map.of("browse", 0.8, "checkout", 0.2), warmup, List.of(
                new OpenStep.RampUsersPerSec(100.0, 900.0, Duration.ofSeconds(60), true),
                new OpenStep.ConstantUsersPerSec(900.0, Duration.ofSeconds(60), false)));
    }

    @Test
    void everyRequestIsCompletedFailedOrInFlight() {
        // No drain: the run stops at the profile's end with requests still in flight, counted by a scan of the pool.
        WindowSeries series = new WindowSeries();
        RunResult r = Models.run(busyShop(), overload(Duration.ZERO), 3, RunOptions.DEFAULTS.withDrainLimit(Duration.ZERO), series);
        long inFlight = 0;
        for (var e : r.endpoints().entrySet()) {
            RunResult.RequestStats s = e.getValue();
            assertEquals(s.requests(), s.completed() + s.errorTotal() + s.inFlight(), "conservation for " + e.getKey());
            assertTrue(s.errors().get(ErrorCause.REJECTED) > 0 && s.errors().get(ErrorCause.TIMEOUT) > 0, "the case exercises both causes: " + s.errors());
            inFlight += s.inFlight();
        }
        assertTrue(inFlight > 0, "requests were in flight at the end");
        RunResult.RequestStats o = r.overall();
        assertEquals(o.requests(), o.completed() + o.errorTotal() + o.inFlight());
        // The time series sees the same flows: arrivals and outcomes over all windows.
        assertEquals(o.requests(), (long) Arrays.stream(series.column("arrivals")).sum());
        assertEquals(o.completed(), (long) Arrays.stream(series.column("completions")).sum());
        assertEquals(o.errorTotal(), (long) Arrays.stream(series.column("errors")).sum());
        assertEquals(o.errors().get(ErrorCause.TIMEOUT), (long) Arrays.stream(series.column("errors.timeout")).sum());
        // The service's own books agree with the end-to-end ones.
        RunResult.ServiceStats s = r.components().get("s");
        assertEquals(o.errors().get(ErrorCause.REJECTED), s.rejected());
        assertEquals(o.errors().get(ErrorCause.TIMEOUT), s.timedOut());
        assertEquals(o.requests() - s.rejected(), s.instanceRequests().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void littlesLawHoldsWithTimeoutsAndRejections() {
        RunResult r = Models.run(busyShop(), overload(Duration.ofSeconds(20)), 5);
        RunResult.ServiceStats s = r.components().get("s");
        double l = s.inSystemMean();
        double lambdaW = s.arrivalRatePerS() * s.sojournMeanMs() / 1000;
        assertEquals(1.0, l / lambdaW, 0.01, "L = " + l + ", λW = " + lambdaW);
    }

    @Test
    void sameSeedSameResultsOtherSeedOtherResults() {
        WindowSeries a = new WindowSeries();
        WindowSeries b = new WindowSeries();
        WindowSeries c = new WindowSeries();
        RunResult ra = Models.run(busyShop(), overload(Duration.ofSeconds(10)), 11, RunOptions.DEFAULTS, a);
        RunResult rb = Models.run(busyShop(), overload(Duration.ofSeconds(10)), 11, RunOptions.DEFAULTS, b);
        RunResult rc = Models.run(busyShop(), overload(Duration.ofSeconds(10)), 12, RunOptions.DEFAULTS, c);
        assertEquals(ra, rb);
        assertEquals(a.rows().size(), b.rows().size());
        for (int i = 0; i < a.rows().size(); i++) {
            assertArrayEquals(a.rows().get(i), b.rows().get(i));
        }
        assertNotEquals(ra.overall(), rc.overall());
    }

    @Test
    void drawingAheadOnASecondCoreChangesNothing() {
        // the demands, waits and the randomized ramp's arrivals drawn by a helper thread, one at a time by the run's own,
        // and in blocks by the run's own
        WindowSeries helped = new WindowSeries();
        WindowSeries alone = new WindowSeries();
        RunResult a = withDrawAhead("on", () -> Models.run(busyShop(), overload(Duration.ofSeconds(10)), 11, RunOptions.DEFAULTS, helped));
        RunResult b = withDrawAhead("off", () -> Models.run(busyShop(), overload(Duration.ofSeconds(10)), 11, RunOptions.DEFAULTS, alone));
        WindowSeries blocks = new WindowSeries();
        RunResult c = withDrawAhead("alone", () -> Models.run(busyShop(), overload(Duration.ofSeconds(10)), 11, RunOptions.DEFAULTS, blocks));
        assertEquals(b, a);
        assertEquals(b, c);
        assertEquals(alone.rows().size(), helped.rows().size());
        assertEquals(alone.rows().size(), blocks.rows().size());
        for (int i = 0; i < alone.rows().size(); i++) {
            assertArrayEquals(alone.rows().get(i), helped.rows().get(i));
            assertArrayEquals(alone.rows().get(i), blocks.rows().get(i));
        }
    }

    private static RunResult withDrawAhead(String mode, java.util.function.Supplier<RunResult> run) {
        String before = System.getProperty("headroom.drawAhead");
        System.setProperty("headroom.drawAhead", mode);
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty("headroom.drawAhead");
            } else {
                System.setProperty("headroom.drawAhead", before);
            }
        }
    }

    @Test
    void overloadedUnboundedQueueIsNamedUnstable() {
        // 2 workers at 10 ms each serve 200/s; 240/s arrive (ρ = 1.2) into an unbounded queue.
        Design d = Models.design(Models.service(1, 2, null, QueueSpec.UNBOUNDED, exp(10)));
        RunResult r = Models.run(d, Models.poisson(240, 600), 1);
        assertEquals(List.of("s"), r.unstable());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("unstable")), r.warnings().toString());
        assertNull(r.stoppedEarlyS());
    }

    @Test
    void heavilyLoadedStableQueueIsNotFlagged() {
        // ρ = 0.95: long queues, but stable.
        Design d = Models.design(Models.service(1, 2, null, QueueSpec.UNBOUNDED, exp(10)));
        for (long seed = 1; seed <= 5; seed++) {
            RunResult r = Models.run(d, Models.poisson(190, 600), seed);
            assertEquals(List.of(), r.unstable(), "seed " + seed);
        }
    }

    @Test
    void runawayQueueStopsAtTheInFlightGuardInsteadOfExhaustingMemory() {
        Design d = Models.design(Models.service(1, 2, null, QueueSpec.UNBOUNDED, exp(10)));
        RunResult r = Models.run(d, Models.poisson(400, 3600), 1, RunOptions.DEFAULTS.withMaxInFlight(50_000), new WindowSeries());
        assertNotNull(r.stoppedEarlyS());
        // net growth 200/s reaches 50,000 after about 250 s
        assertEquals(250, r.stoppedEarlyS(), 15);
        assertEquals(List.of("s"), r.unstable());
        assertTrue(r.peakInFlight() <= 50_000);
        RunResult.RequestStats o = r.overall();
        assertEquals(o.requests(), o.completed() + o.errorTotal() + o.inFlight());
    }

    @Test
    void memoryDoesNotGrowWithSimulatedDuration() {
        // What a run holds is proportional to the requests in flight and the pending events (both
        // bounded by the system's state, not by time), plus fixed-size histograms; the time series is
        // streamed to its sink. Eight times the duration must not raise either high-water mark
        // beyond what the longer run's rarer extremes explain (an M/M/4 at ρ = 0.8 exceeds 150 in
        // system with probability ~0.8^146).
        Design d = Models.design(Models.service(1, 4, null, QueueSpec.UNBOUNDED, exp(10)));
        RunResult shortRun = Models.run(d, Models.poisson(320, 500), 1);
        RunResult longRun = Models.run(d, Models.poisson(320, 4000), 1);
        assertTrue(longRun.overall().requests() > 7 * shortRun.overall().requests());
        assertTrue(longRun.peakInFlight() < 150, "peak in flight " + longRun.peakInFlight());
        assertTrue(longRun.peakPendingEvents() < 150, "peak pending events " + longRun.peakPendingEvents());
        assertTrue(longRun.peakInFlight() < 2 * shortRun.peakInFlight(),
                longRun.peakInFlight() + " vs " + shortRun.peakInFlight());
        assertFalse(longRun.peakPendingEvents() > 2 * shortRun.peakPendingEvents());
    }
}
