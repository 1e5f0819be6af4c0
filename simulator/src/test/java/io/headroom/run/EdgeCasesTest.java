package io.headroom.run;

import static io.headroom.run.Models.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.TimeUnitName;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs at the edges: zero-cost work, empty measured periods, overload, window boundaries, absurd tails. */
class EdgeCasesTest {

    private static LoadProfile profile(Map<String, Double> mix, Duration warmup, OpenStep... steps) {
        return new LoadProfile("edge", null, mix, warmup, List.of(steps));
    }

    @Test
    void longRunsOfZeroCostRequestsDoNotNestCalls() {
        // One worker held 2 s by a rare slow request while 20,000 health checks a second, costing
        // nothing, queue behind it: when it ends, tens of thousands are served at the same instant.
        Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
        endpoints.put("slow", new EndpointSpec(constant(2000), null));
        endpoints.put("health", new EndpointSpec(constant(0), null));
        Design d = Models.design("zero", Models.service(1, endpoints));
        Map<String, Double> mix = new LinkedHashMap<>();
        mix.put("slow", 0.0001);
        mix.put("health", 1.0);
        RunResult r = Models.run(d, profile(mix, Duration.ZERO, new OpenStep.ConstantUsersPerSec(20_000.0, Duration.ofSeconds(10), true)), 1);
        RunResult.RequestStats o = r.overall();
        assertEquals(200_000, o.requests());
        assertEquals(o.requests(), o.completed() + o.errorTotal() + o.inFlight());
        assertTrue(r.endpoints().get("health").latencyMs().max() > 1000, "health checks queued behind the slow request");
    }

    @Test
    void guardTrippingDuringWarmupMeasuresNothingRatherThanNonsense() {
        Design d = Models.design(Models.service(1, 1, null, QueueSpec.UNBOUNDED, Models.exp(10)));
        RunResult r = Models.run(d, profile(Map.of(), Duration.ofSeconds(20), new OpenStep.ConstantUsersPerSec(200_000.0,
                Duration.ofSeconds(40), true)), 1, RunOptions.DEFAULTS.withMaxInFlight(100_000), new WindowSeries());
        assertTrue(r.stoppedEarlyS() < 20, "tripped during the warm-up: " + r.stoppedEarlyS());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("nothing was measured")), r.warnings().toString());
        RunResult.ServiceStats s = r.components().get("s");
        assertTrue(Double.isNaN(s.utilisation()) && Double.isNaN(s.queueMean()) && Double.isNaN(s.arrivalRatePerS()));
        assertTrue(Double.isNaN(r.overall().throughputPerS()));
        assertEquals(r.stoppedEarlyS() / 3600, s.instanceHours(), 1e-12, "instance-hours of the time actually simulated");
    }

    @Test
    void usersPausingBetweenRequestsAreCountedByTheGuard() {
        // 1,000 users a second each send a request (1 ms) and then pause an hour: almost no request is in
        // flight, but users pile up. The guard (10,000 here) counts them and stops the run at 10 s.
        Design d = Models.design(Models.service(1, 4, null, QueueSpec.UNBOUNDED, constant(1)));
        LoadProfile p = new LoadProfile("sessions", null, Map.of(), null, null, Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(1000.0, Duration.ofMinutes(10), false)), null,
                List.of(new io.headroom.load.scenario.ScenarioStep.Request("default", null, null),
                        new io.headroom.load.scenario.ScenarioStep.Pause(constant(3_600_000)),
                        new io.headroom.load.scenario.ScenarioStep.Request("default", null, null)));
        RunResult r = Models.run(d, p, 1, RunOptions.DEFAULTS.withMaxInFlight(10_000), new WindowSeries());
        assertEquals(10.0, r.stoppedEarlyS(), 0.001, "the 10,001st user arrives at 10 s");
        assertEquals(10_000, r.overall().requests());
        assertTrue(r.peakInFlight() < 10, "requests in flight stayed few: " + r.peakInFlight());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("stopped at 10s of 10m: 10000 users were in the system")),
                r.warnings().toString());
    }

    @Test
    void throughputAndUtilisationCoverTheSamePeriodUnderOverload() {
        // 4 workers × 1 s constant demand serve 4/s; 8/s arrive for 60 s. The drain must not inflate
        // throughput beyond capacity, and the utilisation law U = X·S / c must hold.
        Design d = Models.design(Models.service(1, 4, null, QueueSpec.UNBOUNDED, constant(1000)));
        RunResult r = Models.run(d, profile(Map.of(), Duration.ZERO, new OpenStep.ConstantUsersPerSec(8.0, Duration.ofSeconds(60), false)), 1,
                RunOptions.DEFAULTS.withDrainLimit(Duration.ofMinutes(5)), new WindowSeries());
        RunResult.ServiceStats s = r.components().get("s");
        assertEquals(4.0, r.overall().throughputPerS(), 0.1);
        assertEquals(s.utilisation(), r.overall().throughputPerS() * 1.0 / 4, 0.02);
        assertEquals(480, r.overall().completed(), "every request is still followed to completion");
    }

    @Test
    void anEventAtAWindowBoundaryBelongsToTheWindowItStarts() {
        // 5 users over 100 s, Gatling-spaced at 0, 20, 40, 60, 80 s, each served in exactly 10 s.
        Design d = Models.design(Models.service(1, 1, null, QueueSpec.UNBOUNDED, constant(10_000)));
        WindowSeries w = new WindowSeries();
        Models.run(d, profile(Map.of(), Duration.ZERO, new OpenStep.ConstantUsersPerSec(0.05, Duration.ofSeconds(100), false)), 1,
                RunOptions.DEFAULTS, w);
        double[] arrivals = w.column("arrivals");
        double[] completions = w.column("completions");
        for (int k = 0; k < 10; k++) {
            assertEquals(k % 2 == 0 ? 1 : 0, arrivals[k], "arrivals in window " + k);
            assertEquals(k % 2 == 1 ? 1 : 0, completions[k], "completions in window " + k);
            assertEquals(k % 2 == 0 ? 1.0 : 0.0, w.column("s.utilisation")[k], 1e-12, "busy in window " + k);
        }
    }

    @Test
    void anAbsurdTailIsCappedInsteadOfOverflowingTheClock() {
        // ln(wait in s) ~ N(23, 2²): a median of ~300 years. Samples are capped (~31 years), so the
        // clock never wraps; requests simply stay in flight past the drain limit.
        var wait = new DistributionSpec.Lognormal(null, null, 23.0, 2.0, TimeUnitName.S);
        ServiceSpec s = Models.service(4, Map.of("default", new EndpointSpec(null, wait)));
        RunResult r = Models.run(Models.design(s), profile(Map.of(), Duration.ZERO,
                new OpenStep.ConstantUsersPerSec(1.0, Duration.ofSeconds(60), false)), 1);
        RunResult.ServiceStats st = r.components().get("s");
        assertTrue(st.utilisation() >= 0 && st.utilisation() <= 1, "utilisation " + st.utilisation());
        assertEquals(r.overall().requests(), r.overall().completed() + r.overall().errorTotal() + r.overall().inFlight());
    }

    @Test
    void theRunnerRefusesAMixNamingUnknownEndpoints() {
        Design d = Models.design(Models.service(1, 1, null, QueueSpec.UNBOUNDED, Models.exp(10)));
        assertThrows(IllegalArgumentException.class, () -> io.headroom.run.Runner.run(d, java.nio.file.Path.of("."),
                profile(Map.of("nope", 1.0), Duration.ZERO, new OpenStep.ConstantUsersPerSec(1.0, Duration.ofSeconds(5), false)),
                1, RunOptions.DEFAULTS, new WindowSeries()));
        assertThrows(IllegalArgumentException.class, () -> RunOptions.DEFAULTS.withDrainLimit(Duration.ofSeconds(-1)));
    }
}
