package io.headroom.service;

import io.headroom.dist.DurationSampler;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;

/**
 * The calls one endpoint of a service makes after its own work, resolved to run-time components:
 * where each goes (component index and the callee's endpoint), with what probability and network
 * time (null: none), its resilience (timeout per attempt or -1, retries, circuit breaker and bulkhead
 * configs or null), its connection pool (size per caller instance, 0: none, and how long an attempt waits for a
 * connection), and how the caller waits — in order or in parallel (for all, or a quorum), holding its worker or not.
 */
public record CallPlan(int[] targets, int[] targetEndpoints, double[] probabilities, DurationSampler[] latencies,
                       long[] timeouts, boolean[] cancelOnTimeout, RetryPolicy[] retries, CircuitBreakerConfig[] breakers,
                       BulkheadConfig[] bulkheads, int[] poolSizes, long[] poolTimeouts, boolean parallel, int needed, boolean async) {
    public static final CallPlan NONE = new CallPlan(new int[0], new int[0], new double[0], new DurationSampler[0], new long[0],
            new boolean[0], new RetryPolicy[0], new CircuitBreakerConfig[0], new BulkheadConfig[0], false, 0, false);

    /** Calls without connection pools. */
    public CallPlan(int[] targets, int[] targetEndpoints, double[] probabilities, DurationSampler[] latencies,
                    long[] timeouts, boolean[] cancelOnTimeout, RetryPolicy[] retries, CircuitBreakerConfig[] breakers,
                    BulkheadConfig[] bulkheads, boolean parallel, int needed, boolean async) {
        this(targets, targetEndpoints, probabilities, latencies, timeouts, cancelOnTimeout, retries, breakers, bulkheads,
                new int[targets.length], new long[targets.length], parallel, needed, async);
    }

    /** Whether any call of the plan draws on a connection pool. */
    public boolean pooled() {
        for (int n : poolSizes) {
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return targets.length;
    }

    public boolean isEmpty() {
        return targets.length == 0;
    }
}
