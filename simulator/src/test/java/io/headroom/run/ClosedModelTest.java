package io.headroom.run;

import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.closed.ClosedModel;
import io.headroom.load.closed.ClosedStep;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.metrics.WindowSeries;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The closed model against exact Mean Value Analysis (Reiser and Lavenberg): N users cycle through
 * FIFO single-server stations with exponential service and a think time (an infinite-server
 * delay). MVA: R_k(n) = S_k (1 + Q_k(n − 1)), X(n) = n / (Z + Σ R_k(n)), Q_k(n) = X(n) R_k(n).
 */
class ClosedModelTest {

    /** Exact MVA: per-station response times and the cycle throughput for n users. */
    static double[] mva(double[] service, double think, int users) {
        int k = service.length;
        double[] q = new double[k];
        double[] r = new double[k];
        double x = 0;
        for (int n = 1; n <= users; n++) {
            double total = 0;
            for (int i = 0; i < k; i++) {
                r[i] = service[i] * (1 + q[i]);
                total += r[i];
            }
            x = n / (think + total);
            for (int i = 0; i < k; i++) {
                q[i] = x * r[i];
            }
        }
        double[] out = new double[k + 1];
        System.arraycopy(r, 0, out, 0, k);
        out[k] = x;
        return out;
    }

    private static ServiceSpec station(String endpoint, double meanMs) {
        return Models.service(1, Map.of(endpoint, new EndpointSpec(exp(meanMs), null)));
    }

    @Test
    void twoStationsWithThinkTimeMatchMva() {
        // 10 users: request to A (10 ms), then to B (20 ms), then think 100 ms (exponential).
        Map<String, io.headroom.design.ComponentSpec> components = new LinkedHashMap<>();
        components.put("a", station("work", 10));
        components.put("b", station("query", 20));
        Design d = new Design("two-stations", null, "a", components);
        List<ScenarioStep> scenario = List.of(
                new ScenarioStep.Request("work", null, null),
                new ScenarioStep.Request("query", null, "b"),
                new ScenarioStep.Pause(exp(100)));
        int users = 10;
        LoadProfile p = new LoadProfile("closed", null, Map.of(), null, null, Duration.ofSeconds(100), null,
                new ClosedModel(List.of(new ClosedStep.ConstantConcurrentUsers(users, Duration.ofSeconds(3100))), null), scenario);
        var runs = Models.replications(d, p, 8);
        double[] m = mva(new double[] {0.010, 0.020}, 0.100, users);
        TheoryTest.assertAgrees("closed MVA: response at A (ms)", Models.Estimate.of(runs,
                r -> r.endpoints().get("work").latencyMs().mean()), m[0] * 1000, 0.02, true);
        TheoryTest.assertAgrees("closed MVA: response at B (ms)", Models.Estimate.of(runs,
                r -> r.endpoints().get("b.query").latencyMs().mean()), m[1] * 1000, 0.02, true);
        TheoryTest.assertAgrees("closed MVA: throughput (cycles/s)", Models.Estimate.of(runs,
                r -> r.endpoints().get("b.query").throughputPerS()), m[2], 0.02, true);
        for (RunResult r : runs) {
            RunResult.RequestStats o = r.overall();
            assertEquals(o.requests(), o.completed() + o.errorTotal() + o.inFlight());
            assertEquals(0, o.inFlight(), "users finish their scenario after the profile ends");
        }
    }

    @Test
    void shorthandIsTheMachineRepairmanModel() {
        // closed: {users: 20, think: exp 200 ms, during}: one request (10 ms, one worker) then think.
        Design d = Models.design(Models.service(1, 1, null, QueueSpec.UNBOUNDED, exp(10)));
        LoadProfile p = new LoadProfile("shorthand", null, Map.of(), null, null, Duration.ofSeconds(100), null,
                new ClosedModel(List.of(new ClosedStep.ConstantConcurrentUsers(20, Duration.ofSeconds(2100))), exp(200)), null);
        var runs = Models.replications(d, p, 8);
        double[] m = mva(new double[] {0.010}, 0.200, 20);
        TheoryTest.assertAgrees("machine repairman: response (ms)", Models.Estimate.of(runs,
                r -> r.overall().latencyMs().mean()), m[0] * 1000, 0.02, true);
        TheoryTest.assertAgrees("machine repairman: throughput (/s)", Models.Estimate.of(runs,
                r -> r.overall().throughputPerS()), m[1], 0.02, true);
    }

    /**
     * 8 users without think time on 4 workers (exponential, 100 ms): every worker always busy, and a request arrives
     * behind the 3 waiting, so FIFO makes its wait the time of 4 completions at 40/s (Erlang, k = 4) and its response
     * that plus its own service: p50 175.9 ms, p99 575.6 ms (the convolution's quantiles, integrated numerically), and
     * the mean is N / X = 200 ms. When a user took the worker its own answer had just freed, ahead of the queue, four
     * users' requests waited for the whole run and the requests that finished had a mean of 100 ms.
     */
    @Test
    void usersWithoutThinkTimeQueueBehindThoseWaiting() {
        Design d = Models.design(Models.service(1, 4, null, QueueSpec.UNBOUNDED, exp(100)));
        LoadProfile p = new LoadProfile("no-think", null, Map.of(), null, null, Duration.ofSeconds(100), null,
                new ClosedModel(List.of(new ClosedStep.ConstantConcurrentUsers(8, Duration.ofSeconds(2100))), null),
                List.of(new ScenarioStep.Request("default", null, null)));
        var runs = Models.replications(d, p, 6);
        TheoryTest.assertAgrees("8 users, no think, 4 workers: mean response (ms)", Models.Estimate.of(runs,
                r -> r.overall().latencyMs().mean()), 200.0, 0.01, true);
        TheoryTest.assertAgrees("8 users, no think, 4 workers: p50 (ms)", Models.Estimate.of(runs,
                r -> r.overall().latencyMs().p50()), 175.9, 0.01, true);
        TheoryTest.assertAgrees("8 users, no think, 4 workers: p99 (ms)", Models.Estimate.of(runs,
                r -> r.overall().latencyMs().p99()), 575.6, 0.015, true);
        for (RunResult r : runs) {
            assertTrue(r.overall().latencyMs().max() < 2000, "FIFO: P(response > 1 s) is 1.4e-4; max " + r.overall().latencyMs().max());
        }
    }

    @Test
    void rampOfConcurrentUsersFollowsGatlingsTarget() {
        // rampConcurrentUsers 0 → 50 over 50 s; each user sends one request, then pauses longer than
        // the run, so users only accumulate. Gatling's injector targets, for the second [k, k + 1),
        // the ramp's value at k + 1 = floor(k + 1): one new user at the start of every second.
        Design d = Models.design(Models.service(1, 100, null, QueueSpec.UNBOUNDED, exp(1)));
        List<ScenarioStep> scenario = List.of(new ScenarioStep.Request("default", null, null),
                new ScenarioStep.Pause(Models.constant(1_000_000)));
        LoadProfile p = new LoadProfile("ramp", null, Map.of(), null, null, null, null,
                new ClosedModel(List.of(new ClosedStep.RampConcurrentUsers(0, 50, Duration.ofSeconds(50))), null), scenario);
        WindowSeries w = new WindowSeries();
        RunResult r = Models.run(d, p, 1, RunOptions.DEFAULTS.withWindow(Duration.ofSeconds(1)).withDrainLimit(Duration.ZERO), w);
        double[] arrivals = w.column("arrivals");
        for (int k = 0; k < 50; k++) {
            assertEquals(1.0, arrivals[k], "users started in second " + k);
        }
        assertEquals(50, r.overall().requests());
        assertTrue(r.warnings().stream().anyMatch(x -> x.contains("(50 users)")), r.warnings().toString());
    }

    @Test
    void scenarioRepeatsAndProbabilitiesAreObeyed() {
        // 20,000 open users, each: 3 × browse, then checkout with probability 0.3.
        Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
        endpoints.put("browse", new EndpointSpec(exp(1), null));
        endpoints.put("checkout", new EndpointSpec(exp(1), null));
        Design d = Models.design("shop", Models.service(64, endpoints));
        List<ScenarioStep> scenario = List.of(
                new ScenarioStep.Repeat(3, List.of(new ScenarioStep.Request("browse", null, null))),
                new ScenarioStep.Request("checkout", 0.3, null));
        LoadProfile p = new LoadProfile("scenario", null, Map.of(), null, null, null,
                List.of(new io.headroom.load.OpenStep.ConstantUsersPerSec(100.0, Duration.ofSeconds(200), false)), null, scenario);
        RunResult r = Models.run(d, p, 1);
        assertEquals(60_000, r.endpoints().get("browse").requests());
        long checkouts = r.endpoints().get("checkout").requests();
        double sd = Math.sqrt(20_000 * 0.3 * 0.7);
        assertEquals(6000, checkouts, 4 * sd, "binomial(20000, 0.3)");
        assertEquals(0, r.overall().inFlight());
    }
}
