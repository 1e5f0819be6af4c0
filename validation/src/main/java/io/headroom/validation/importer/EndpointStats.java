package io.headroom.validation.importer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the traces showed of one endpoint of one service: how often it served, its own time (a reservoir, in
 * milliseconds), its failures of its own, and each call it made.
 */
final class EndpointStats {

    /** One callee of the endpoint: how often an execution called it at least k times, and the call's network time. */
    static final class CallStats {
        final String service;
        final String endpoint;
        long[] atLeast = new long[1];
        /** The sum of the k-th call's start after its caller's, per k (orders sequential calls). */
        double[] sumOffsetMs = new double[1];
        final Reservoir networkMs;

        CallStats(String service, String endpoint, int reservoir, long seed) {
            this.service = service;
            this.endpoint = endpoint;
            this.networkMs = new Reservoir(reservoir, seed);
        }

        /** The k-th call (from 1) to this callee in one execution, starting {@code offsetMs} after its caller. */
        void occurrence(int k, double offsetMs) {
            if (k > atLeast.length) {
                atLeast = java.util.Arrays.copyOf(atLeast, Math.max(k, 2 * atLeast.length));
                sumOffsetMs = java.util.Arrays.copyOf(sumOffsetMs, atLeast.length);
            }
            atLeast[k - 1]++;
            sumOffsetMs[k - 1] += offsetMs;
        }
    }

    final String service;
    final String endpoint;
    final Reservoir ownMs;
    long executions;
    long roots;
    long ownErrors;
    long multiCall;
    long overlapping;
    final Map<String, CallStats> calls = new LinkedHashMap<>();
    private final int reservoir;
    private final long seed;

    EndpointStats(String service, String endpoint, int reservoir, long seed) {
        this.service = service;
        this.endpoint = endpoint;
        this.reservoir = reservoir;
        this.seed = seed;
        this.ownMs = new Reservoir(reservoir, seed);
    }

    CallStats call(String service, String endpoint) {
        return calls.computeIfAbsent(service + "\u0000" + endpoint,
                k -> new CallStats(service, endpoint, reservoir, seed * 31 + k.hashCode()));
    }
}
