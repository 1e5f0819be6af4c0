package io.headroom.metrics;

import io.headroom.request.ErrorCause;

/**
 * Hears every request that ends, as it ends — successful with its latency, or failed with its
 * cause — whether or not it arrived in the measured period: what judges SLOs over windows of time
 * needs each event at the moment it happens, not the run's totals.
 */
public interface RequestObserver {
    void completed(int endpoint, long latencyNs);

    void failed(int endpoint, ErrorCause cause);
}
