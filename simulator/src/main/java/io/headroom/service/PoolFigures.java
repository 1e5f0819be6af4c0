package io.headroom.service;

import io.headroom.metrics.LatencyStats;

/**
 * One connection pool of a service to {@code callee}, {@code size} connections per instance, at the end of a run:
 * counted call attempts that asked for a connection, that found none free and waited, and that waited out the pool's
 * timeout; and the waits of them all ({@code waits}, ns: zero for an attempt that found a free connection).
 */
public record PoolFigures(String callee, int size, long calls, long waited, long timedOut, LatencyStats waits) {
}
