package io.headroom.model;

import io.headroom.design.CallSpec;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.dist.DurationSampler;
import io.headroom.service.CallPlan;
import io.headroom.yaml.BadInputException;

/**
 * An endpoint's calls as its station runs them: per call, the component and local endpoint it
 * reaches (resolved by the callee's kind), its probability, network latency, timeout, guards and connection pool;
 * and the bytes each call carries across zones.
 */
final class CallPlans {
    private CallPlans() {
    }

    /** The plan of endpoint {@code endpointName} of component {@code component}. */
    static CallPlan of(String component, String endpointName, EndpointSpec endpoint, ModelBuilder model) throws BadInputException {
        if (endpoint.calls().isEmpty()) {
            return CallPlan.NONE;
        }
        int n = endpoint.calls().size();
        int[] targets = new int[n];
        int[] targetEndpoints = new int[n];
        double[] p = new double[n];
        DurationSampler[] latencies = new DurationSampler[n];
        long[] timeouts = new long[n];
        boolean[] cancel = new boolean[n];
        RetryPolicy[] retries = new RetryPolicy[n];
        CircuitBreakerConfig[] breakers = new CircuitBreakerConfig[n];
        BulkheadConfig[] bulkheads = new BulkheadConfig[n];
        int[] poolSizes = new int[n];
        long[] poolTimeouts = new long[n];
        for (int c = 0; c < n; c++) {
            CallSpec call = endpoint.calls().get(c);
            timeouts[c] = call.timeout() == null ? -1 : call.timeout().toNanos();
            cancel[c] = call.cancelOnTimeout();
            retries[c] = call.retries();
            breakers[c] = call.circuitBreaker();
            bulkheads[c] = call.bulkhead();
            if (call.pool() != null) {
                poolSizes[c] = call.pool();
                poolTimeouts[c] = call.poolTimeout().toNanos();
            }
            latencies[c] = model.sampler(call.latency(), "component:" + component + ":endpoint:" + endpointName + ":call:" + c
                    + ":latency");
            long trip = model.regionTripNs(component, call.to());
            if (trip > 0) { // a call to another region's copy crosses the round trip between them too
                DurationSampler own = latencies[c];
                latencies[c] = own == null ? () -> trip : () -> own.sampleNanos() + trip;
            }
            targets[c] = model.indexOf(call.to());
            targetEndpoints[c] = model.endpointOf(call, endpointName);
            p[c] = call.p();
        }
        return new CallPlan(targets, targetEndpoints, p, latencies, timeouts, cancel, retries, breakers, bulkheads,
                poolSizes, poolTimeouts, endpoint.parallel(), endpoint.needed(), endpoint.async());
    }

    /**
     * Per call of an endpoint of {@code component}, the bytes it sends to another region ({@code answers} false: the callee
     * endpoint's request size) or that come back from it ({@code answers} true: its response size); 0 for a call that
     * stays in its region, or to a callee without sizes (a store, a cache, a database).
     */
    static long[] regionBytes(String component, String endpointName, EndpointSpec endpoint, ModelBuilder model, boolean answers) {
        long[] bytes = new long[endpoint.calls().size()];
        for (int c = 0; c < bytes.length; c++) {
            CallSpec call = endpoint.calls().get(c);
            ServiceSpec callee = model.serviceBehind(call.to());
            if (callee == null || model.regionTripNs(component, call.to()) == 0) {
                continue;
            }
            EndpointSpec ce = callee.endpoints().get(call.endpoint() != null ? call.endpoint() : endpointName);
            var size = ce == null ? null : answers ? ce.responseSize() : ce.requestSize();
            bytes[c] = size == null ? 0 : size.bytes();
        }
        return bytes;
    }

    /** Per call of an endpoint, the bytes it carries both ways (the callee endpoint's request and response sizes). */
    static long[] bytes(String endpointName, EndpointSpec endpoint, ModelBuilder model) {
        long[] bytes = new long[endpoint.calls().size()];
        for (int c = 0; c < bytes.length; c++) {
            CallSpec call = endpoint.calls().get(c);
            ServiceSpec callee = model.serviceBehind(call.to());
            if (callee != null) {
                EndpointSpec ce = callee.endpoints().get(call.endpoint() != null ? call.endpoint() : endpointName);
                bytes[c] = ce == null ? 0 : ce.callBytes();
            } // functions run outside the zones (AWS bills no cross-zone transfer for Lambda); stores and caches carry no sizes
        }
        return bytes;
    }
}
