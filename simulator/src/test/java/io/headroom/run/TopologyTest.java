package io.headroom.run;

import static io.headroom.run.Models.constant;
import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.keys.KeyPopularity;
import io.headroom.request.ErrorCause;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Call graphs and load balancers: an open Jackson network, held workers, quorums, failures, balancing. */
class TopologyTest {

    private static ServiceSpec service(int replicas, int workers, DistributionSpec demand, QueueSpec queue, List<CallSpec> calls,
                                       boolean parallel, Integer quorum, boolean async) {
        return new ServiceSpec(null, ReplicasSpec.fixed(replicas), DispatchStrategy.ROUND_ROBIN, workers, null, queue,
                Map.of("default", new EndpointSpec(demand, null, calls, parallel, quorum, async)));
    }

    private static Design design(String entry, Map<String, ComponentSpec> components) {
        return new Design("topology", null, entry, components);
    }

    @Test
    void openJacksonNetworkOfAsyncStations() {
        // λ = 50/s → web (M/M/1, μ = 200) → with p = 0.6 app (μ = 100) → db (μ = 150). Feed-forward, so every
        // station sees a Poisson stream (Burke; Bernoulli splitting) and is an M/M/1 queue:
        // E[T] = 1/(200 − 50) + 0.6 · (1/(100 − 30) + 1/(150 − 30)) = 20.238 ms.
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("web", service(1, 1, exp(5), QueueSpec.UNBOUNDED, List.of(new CallSpec("app", null, 0.6, null)), false, null, true));
        c.put("app", service(1, 1, exp(10), QueueSpec.UNBOUNDED, List.of(CallSpec.to("db")), false, null, true));
        c.put("db", service(1, 1, exp(1000.0 / 150), QueueSpec.UNBOUNDED, List.of(), false, null, false));
        var runs = Models.replications(design("web", c), Models.poisson(50, 3000), 8);
        double theory = 1000 * (1.0 / 150 + 0.6 * (1.0 / 70 + 1.0 / 120));
        TheoryTest.assertAgrees("Jackson network, end-to-end mean response (ms)", Models.Estimate.of(runs,
                r -> r.overall().latencyMs().mean()), theory, 0.02, true);
        TheoryTest.assertAgrees("Jackson network, app utilisation", Models.Estimate.of(runs,
                r -> r.components().get("app").utilisation()), 0.3, 0.02, true);
        for (RunResult r : runs) {
            assertEquals(r.overall().requests(), r.overall().completed(), "no errors, nothing left in flight");
        }
    }

    @Test
    void aSynchronousCallerHoldsItsWorkerWhileItWaits() {
        // web (many workers, 5 ms) calls app (M/M/1, μ = 100) synchronously at λ = 50/s: by Little's law
        // web's busy workers = λ (5 ms + app's response 1/(100 − 50) = 20 ms) = 1.25.
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("web", service(1, 50, exp(5), QueueSpec.UNBOUNDED, List.of(CallSpec.to("app")), false, null, false));
        c.put("app", service(1, 1, exp(10), QueueSpec.UNBOUNDED, List.of(), false, null, false));
        var runs = Models.replications(design("web", c), Models.poisson(50, 3000), 8);
        TheoryTest.assertAgrees("sync caller busy workers", Models.Estimate.of(runs,
                r -> r.components().get("web").utilisation() * 50), 50 * (0.005 + 0.020), 0.02, true);
        TheoryTest.assertAgrees("sync end-to-end (ms)", Models.Estimate.of(runs, r -> r.overall().latencyMs().mean()), 25.0, 0.02, true);
    }

    @Test
    void parallelCallsWaitForTheirQuorum() {
        // One request every 10 s (no queueing), fan-out to three stations of 10, 20 and 30 ms.
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        for (int quorum = 1; quorum <= 3; quorum++) {
            c.clear();
            c.put("front", service(1, 4, null, QueueSpec.UNBOUNDED,
                    List.of(CallSpec.to("a"), CallSpec.to("b"), CallSpec.to("c")), true, quorum, false));
            c.put("a", service(1, 1, constant(10), QueueSpec.UNBOUNDED, List.of(), false, null, false));
            c.put("b", service(1, 1, constant(20), QueueSpec.UNBOUNDED, List.of(), false, null, false));
            c.put("c", service(1, 1, constant(30), QueueSpec.UNBOUNDED, List.of(), false, null, false));
            LoadProfile p = new LoadProfile("slow", null, Map.of(), Duration.ZERO,
                    List.of(new OpenStep.ConstantUsersPerSec(0.1, Duration.ofSeconds(600), false)));
            RunResult r = Models.run(design("front", c), p, 1);
            assertEquals(60, r.overall().completed());
            assertEquals(10.0 * quorum, r.overall().latencyMs().max(), 0.01, "quorum " + quorum);
            assertEquals(10.0 * quorum, r.overall().latencyMs().mean(), 0.01, "quorum " + quorum);
            assertEquals(60, r.components().get("c").instanceRequests().get(0), "the slowest call is still made and served");
        }
    }

    @Test
    void aFailedCallFailsTheCallerAsDependency() {
        // app has no queue (capacity 0) and one worker: overflow is rejected, and web's requests fail as dependency.
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("web", service(1, 100, exp(1), QueueSpec.UNBOUNDED, List.of(CallSpec.to("app")), false, null, false));
        c.put("app", service(1, 1, exp(10), new QueueSpec(0, null), List.of(), false, null, false));
        RunResult r = Models.run(design("web", c), Models.poisson(50, 600), 1);
        long dependency = r.overall().errors().get(ErrorCause.DEPENDENCY);
        // Erlang B with one server: blocking = a / (1 + a), a = 0.5
        double blocking = 0.5 / 1.5;
        double n = r.overall().requests();
        assertEquals(blocking, dependency / n, 4 * Math.sqrt(blocking * (1 - blocking) / n), "Erlang-B loss as dependency errors (4 sigma)");
        assertEquals(dependency, r.components().get("app").rejected());
        assertEquals(0, r.overall().errors().get(ErrorCause.REJECTED), "the caller sees a dependency failure, not the callee's rejection");
        assertEquals(r.overall().requests(), r.overall().completed() + r.overall().errorTotal() + r.overall().inFlight());
    }

    @Test
    void weightedBalancerSplitsExactlyAndConsistentHashKeepsKeysTogether() {
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("lb", new LoadBalancerSpec(null, DispatchStrategy.WEIGHTED, constant(1), "api", List.of(3.0, 1.0, 0.0, 4.0)));
        c.put("api", service(4, 8, exp(5), QueueSpec.UNBOUNDED, List.of(), false, null, false));
        LoadProfile p = new LoadProfile("p", null, Map.of(), Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(80.0, Duration.ofSeconds(100), false)));
        RunResult r = Models.run(design("lb", c), p, 1);
        assertEquals(List.of(3000L, 1000L, 0L, 4000L), r.components().get("api").instanceRequests());
        assertTrue(r.overall().latencyMs().mean() >= 1.0, "the balancer's 1 ms is part of the response");

        c.put("lb", new LoadBalancerSpec(null, DispatchStrategy.CONSISTENT_HASH, null, "api", null));
        LoadProfile keyed = new LoadProfile("keyed", null, Map.of(), new KeyPopularity(KeyPopularity.Distribution.UNIFORM, 100_000L,
                null, null, null), null, Duration.ZERO, List.of(new OpenStep.ConstantUsersPerSec(200.0, Duration.ofSeconds(100), true)),
                null, null);
        RunResult h = Models.run(design("lb", c), keyed, 1);
        List<Long> per = h.components().get("api").instanceRequests();
        for (long n : per) {
            assertEquals(5000, n, 1250, "a 160-point ring spreads uniform keys within ±25 %: " + per);
        }
        c.put("lb", new LoadBalancerSpec(null, DispatchStrategy.CONSISTENT_HASH, null, "api", null));
        LoadProfile oneKey = new LoadProfile("one-key", null, Map.of(), new KeyPopularity(KeyPopularity.Distribution.UNIFORM, 1L,
                null, null, null), null, Duration.ZERO, List.of(new OpenStep.ConstantUsersPerSec(20.0, Duration.ofSeconds(10), false)),
                null, null);
        List<Long> single = Models.run(design("lb", c), oneKey, 1).components().get("api").instanceRequests();
        assertEquals(200, single.stream().mapToLong(Long::longValue).max().orElseThrow(), "one key, one instance: " + single);
    }

    @Test
    void crossZoneCallsPayTheCrossZoneLatency() {
        // One caller instance (zone a) calls a 2-instance service dispatched round-robin: instance 0 in
        // zone a (same zone, 0 ms), instance 1 in zone b (10 ms): every other request takes 10 ms longer.
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("web", service(1, 100, null, QueueSpec.UNBOUNDED, List.of(CallSpec.to("app")), false, null, false));
        c.put("app", service(2, 100, constant(1), QueueSpec.UNBOUNDED, List.of(), false, null, false));
        Design d = new Design("zones", null, "web", c, new io.headroom.design.NetworkSpec(List.of("a", "b"), null, constant(10)));
        LoadProfile p = new LoadProfile("p", null, Map.of(), Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(10.0, Duration.ofSeconds(100), false)));
        RunResult r = Models.run(d, p, 1);
        assertEquals(1000, r.overall().completed());
        assertEquals(6.0, r.overall().latencyMs().mean(), 1e-6);
        assertEquals(11.0, r.overall().latencyMs().max(), 0.02);
        assertEquals(1.0, r.overall().latencyMs().p50(), 0.01);
    }
}
