package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.dist.DurationSampler;
import io.headroom.request.ErrorCause;
import io.headroom.resilience.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The guards registry on scripted attempts: a breaker and a bulkhead per call and caller instance, kept across growth. */
class GuardsTest {
    private static final long S = 1_000_000_000L;

    /** One endpoint with two calls: call 0 behind a breaker (4 calls, opens at 50 %, 10 s open), call 1 behind a bulkhead of 1. */
    private static CallPlan[] plans() {
        CircuitBreakerConfig breaker = new CircuitBreakerConfig(0.5, 4, 4, Duration.ofSeconds(10), 1);
        CallPlan plan = new CallPlan(new int[] {0, 1}, new int[] {0, 0}, new double[] {1, 1}, new DurationSampler[2],
                new long[] {-1, -1}, new boolean[2], new RetryPolicy[] {RetryPolicy.NONE, RetryPolicy.NONE},
                new CircuitBreakerConfig[] {breaker, null}, new BulkheadConfig[] {null, BulkheadConfig.of(1)}, false, 2, false);
        return new CallPlan[] {plan, CallPlan.NONE};
    }

    @Test
    void aBulkheadLimitsEachCallerInstanceOnItsOwn() {
        Guards g = new Guards();
        g.configure(plans(), 2);
        assertNull(g.acquire(0, 1, 0, 0));
        assertEquals(ErrorCause.BULKHEAD, g.acquire(0, 1, 0, 0), "instance 0 holds its only permit");
        assertNull(g.acquire(0, 1, 1, 0), "instance 1 has a bulkhead of its own");
        g.release(0, 1, 0, true, 1);
        assertNull(g.acquire(0, 1, 0, 2), "given back, taken again");
        assertEquals(1, g.bulkhead(0, 1, 0).refused());
        assertNull(g.breaker(0, 1, 0), "call 1 has no breaker");
        assertNull(g.bulkhead(0, 0, 0), "call 0 has no bulkhead");
    }

    @Test
    void aBreakerOpensOnItsFailureRateAndFastFailsUntilItsOpenDurationEnds() {
        Guards g = new Guards();
        g.configure(plans(), 1);
        for (int k = 0; k < 4; k++) {
            assertNull(g.acquire(0, 0, 0, k));
            g.release(0, 0, 0, k % 2 == 0, k); // two failures out of four: 50 %
        }
        assertEquals(ErrorCause.CIRCUIT_OPEN, g.acquire(0, 0, 0, 5));
        assertEquals(ErrorCause.CIRCUIT_OPEN, g.acquire(0, 0, 0, 10 * S));
        assertEquals(2, g.notPermitted());
        assertEquals(CircuitBreaker.State.OPEN, g.breaker(0, 0, 0).state(5));
        assertEquals(ErrorCause.CIRCUIT_OPEN, g.acquire(0, 0, 0, 10 * S + 3), "opened at 3 ns: open for 10 s exactly");
        assertNull(g.acquire(0, 0, 0, 10 * S + 4), "open duration over: a probe goes through");
        assertEquals(3, g.notPermitted());
    }

    @Test
    void growingGivesNewCallerSlotsFreshGuardsAndKeepsTheOldOnes() {
        Guards g = new Guards();
        g.configure(plans(), 1);
        assertNull(g.acquire(0, 1, 0, 0));
        g.grow(3);
        assertEquals(ErrorCause.BULKHEAD, g.acquire(0, 1, 0, 0), "slot 0 still holds its permit");
        assertNull(g.acquire(0, 1, 2, 0));
        assertEquals(0, g.notPermitted());
    }
}
