package io.headroom.metrics;

import io.headroom.request.ErrorCause;

/**
 * End-to-end accounting of requests, per endpoint: how many arrived, completed and failed (by
 * cause), and the latency of those that completed. Only requests that arrived after the warm-up
 * ("counted") enter the summary; every request enters the current window.
 */
public final class RequestMetrics {
    private static final int CAUSES = ErrorCause.values().length;

    private final String[] endpoints;
    private final long[] requests;
    private final long[] completed;
    private final long[] completedInPeriod;
    private final long[][] errors;
    private final LatencyStats[] latency;

    private long arrivals;
    private long windowArrivals;
    private long windowCompletions;
    private final long[] windowErrors = new long[CAUSES];
    private final WindowLatency windowLatency = new WindowLatency();
    private RequestObserver observer;

    public RequestMetrics(String[] endpoints) {
        this.endpoints = endpoints.clone();
        int n = endpoints.length;
        requests = new long[n];
        completed = new long[n];
        completedInPeriod = new long[n];
        errors = new long[n][CAUSES];
        latency = new LatencyStats[n];
        for (int i = 0; i < n; i++) {
            latency[i] = new LatencyStats();
        }
    }

    public void arrival(int endpoint, boolean counted) {
        arrivals++;
        windowArrivals++;
        if (counted) {
            requests[endpoint]++;
        }
    }

    /**
     * @param counted  the request arrived in the measured period (its latency enters the summary)
     * @param inPeriod it completed in the measured period (it enters the throughput)
     */
    public void completed(int endpoint, boolean counted, boolean inPeriod, long latencyNs) {
        windowCompletions++;
        if (inPeriod) {
            completedInPeriod[endpoint]++;
        }
        windowLatency.record(latencyNs);
        if (observer != null) {
            observer.completed(endpoint, latencyNs);
        }
        if (counted) {
            completed[endpoint]++;
            latency[endpoint].record(latencyNs);
        }
    }

    public void failed(int endpoint, boolean counted, ErrorCause cause) {
        windowErrors[cause.ordinal()]++;
        if (observer != null) {
            observer.failed(endpoint, cause);
        }
        if (counted) {
            errors[endpoint][cause.ordinal()]++;
        }
    }

    /** Tells {@code o} of every request that ends from now on (one observer; null for none). */
    public void observe(RequestObserver o) {
        this.observer = o;
    }

    public String[] endpoints() {
        return endpoints.clone();
    }

    /** Every request that arrived, warm-up included: the requests the run's bill covers. */
    public long arrivals() {
        return arrivals;
    }

    public long requests(int endpoint) {
        return requests[endpoint];
    }

    public long completed(int endpoint) {
        return completed[endpoint];
    }

    /** Completions that happened inside the measured period, whenever the request arrived. */
    public long completedInPeriod(int endpoint) {
        return completedInPeriod[endpoint];
    }

    public long errors(int endpoint, ErrorCause cause) {
        return errors[endpoint][cause.ordinal()];
    }

    public LatencyStats latency(int endpoint) {
        return latency[endpoint];
    }

    /** All endpoints' latencies merged. */
    public LatencyStats overallLatency() {
        LatencyStats all = new LatencyStats();
        for (LatencyStats l : latency) {
            all.add(l);
        }
        return all;
    }

    public long windowArrivals() {
        return windowArrivals;
    }

    public long windowCompletions() {
        return windowCompletions;
    }

    public long windowErrors(ErrorCause cause) {
        return windowErrors[cause.ordinal()];
    }

    public WindowLatency windowLatency() {
        return windowLatency;
    }

    /** Starts a new window. */
    public void resetWindow() {
        windowArrivals = 0;
        windowCompletions = 0;
        java.util.Arrays.fill(windowErrors, 0);
        windowLatency.reset();
    }
}
