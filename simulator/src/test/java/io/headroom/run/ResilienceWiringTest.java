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
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.request.ErrorCause;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timeouts, retries, circuit breakers and bulkheads on calls, end to end. */
class ResilienceWiringTest {

    private static Design callerAndDependency(CallSpec call, DistributionSpec depDemand, int depWorkers, double errorRate) {
        Map<String, ComponentSpec> c = new LinkedHashMap<>();
        c.put("api", new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, 10_000, null, QueueSpec.UNBOUNDED,
                Map.of("default", new EndpointSpec(null, null, List.of(call), null, null, null))));
        c.put("dep", new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, depWorkers, null, QueueSpec.UNBOUNDED,
                Map.of("default", new EndpointSpec(depDemand, null, null, null, null, null, errorRate))));
        return new Design("resilience", null, "api", c);
    }

    @Test
    void retryAmplificationIsOnePlusQPlusQSquaredAndSoOn() {
        double q = 0.3;
        int retries = 3;
        CallSpec call = new CallSpec("dep", null, null, null, null, null, null, RetryPolicy.immediate(retries), null, null);
        RunResult r = Models.run(callerAndDependency(call, exp(1), 1000, q), Models.poisson(200, 330), 1);
        long n = r.overall().requests();
        double expected = RetryPolicy.expectedAttempts(q, retries);
        // attempts A per request: P(A ≥ k) = q^(k−1), k = 1..4; E[A²] = Σ (2k − 1) P(A ≥ k)
        double ea2 = 0;
        for (int k = 1; k <= retries + 1; k++) {
            ea2 += (2 * k - 1) * Math.pow(q, k - 1);
        }
        double sd = Math.sqrt((ea2 - expected * expected) / n);
        double perRequest = (double) r.components().get("dep").attempts() / n;
        assertEquals(expected, perRequest, 4 * sd, "attempts per request at the dependency");
        double lost = RetryPolicy.failureProbability(q, retries);
        assertEquals(lost, (double) r.overall().errors().get(ErrorCause.DEPENDENCY) / n, 4 * Math.sqrt(lost * (1 - lost) / n),
                "requests that fail after every retry");
        assertEquals(0, r.overall().inFlight());
        assertEquals(n + r.components().get("dep").attempts(), r.overall().attempts(),
                "attempts: the requests plus every call attempt made for them");
    }

    @Test
    void anOpenBreakerFailsFastAndProbesAfterItsOpenDuration() {
        // The dependency always fails. Window 10, minimum 10 calls, threshold 50 %, open 1 s, 2 half-open probes:
        // 10 real calls, then 1 s of fast failures, then 2 probes that fail and re-open it — about 2 calls a second.
        CircuitBreakerConfig cb = new CircuitBreakerConfig(0.5, 10, 10, Duration.ofSeconds(1), 2);
        CallSpec call = new CallSpec("dep", null, null, null, null, null, null, null, cb, null);
        var noWarmup = new io.headroom.load.LoadProfile("p", null, Map.of(), Duration.ZERO,
                List.of(new io.headroom.load.OpenStep.ConstantUsersPerSec(100.0, Duration.ofSeconds(100), true)));
        RunResult r = Models.run(callerAndDependency(call, constant(1), 100, 1.0), noWarmup, 1);
        long n = r.overall().requests();
        long open = r.overall().errors().get(ErrorCause.CIRCUIT_OPEN);
        assertTrue(open > 0.95 * n, "most requests fail fast: " + open + " of " + n);
        long depAttempts = r.components().get("dep").attempts();
        assertEquals(10 + 2.0 * 99, depAttempts, 15, "10 calls to open it, then two probes per open period");
        assertEquals(open, r.components().get("api").callsNotPermitted());
        assertEquals(n, open + r.overall().errors().get(ErrorCause.DEPENDENCY));
    }

    @Test
    void aTimeoutEitherLeavesTheCalleeWorkingOrCancelsWhatStillWaits() {
        // The dependency is an M/M/1 at ρ = 0.95; callers give up after 30 ms.
        CallSpec keep = new CallSpec("dep", null, null, null, null, Duration.ofMillis(30), false, null, null, null);
        CallSpec cancel = new CallSpec("dep", null, null, null, null, Duration.ofMillis(30), true, null, null, null);
        RunResult k = Models.run(callerAndDependency(keep, exp(10), 1, 0), Models.poisson(95, 600), 1);
        RunResult c = Models.run(callerAndDependency(cancel, exp(10), 1, 0), Models.poisson(95, 600), 1);
        double uKeep = k.components().get("dep").utilisation();
        double uCancel = c.components().get("dep").utilisation();
        assertEquals(0.95, uKeep, 0.02, "abandoned work is still done");
        assertTrue(uCancel < uKeep - 0.1, "cancelled work is dropped: " + uCancel + " vs " + uKeep);
        double tKeep = (double) k.overall().errors().get(ErrorCause.TIMEOUT) / k.overall().requests();
        double tCancel = (double) c.overall().errors().get(ErrorCause.TIMEOUT) / c.overall().requests();
        assertTrue(tKeep > 0.3, "most calls wait past 30 ms in a ρ = 0.95 queue that keeps abandoned work: " + tKeep);
        assertTrue(tCancel < tKeep, "cancelling shortens the queue: " + tCancel + " vs " + tKeep);
        assertTrue(k.overall().latencyMs().max() <= 30.0 + 1e-6, "nothing succeeds after its caller's timeout");
    }

    @Test
    void aBulkheadCapsConcurrentCalls() {
        CallSpec call = new CallSpec("dep", null, null, null, null, null, null, null, null, new BulkheadConfig(2));
        RunResult r = Models.run(callerAndDependency(call, constant(50), 100, 0), Models.poisson(100, 100), 1);
        assertTrue(r.overall().errors().get(ErrorCause.BULKHEAD) > 0);
        // with at most 2 calls in flight of 50 ms each, the dependency serves at most 40/s
        assertTrue(r.components().get("dep").utilisation() * 100 <= 2.0 + 1e-9);
        assertEquals(r.overall().requests(), r.overall().completed() + r.overall().errorTotal() + r.overall().inFlight());
    }
}
