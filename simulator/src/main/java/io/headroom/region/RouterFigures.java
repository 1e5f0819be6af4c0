package io.headroom.region;

import io.headroom.metrics.LatencyStats;
import io.headroom.request.ErrorCause;
import java.util.ArrayList;
import java.util.List;

/**
 * What a global router saw over the measured period, per record (region): the counted requests it sent there, those
 * completed, those failed by cause, and the latency users saw (the round trip included); per user population and
 * record, the requests routed; per window, every request routed (for the shares over time); and each change of a
 * record's health.
 */
public final class RouterFigures {
    /** A record's health changed at {@code atNs}. */
    public record Detection(int record, long atNs, boolean healthy) {
    }

    private final long[] requests;
    private final long[] completed;
    private final long[][] errors;
    private final LatencyStats[] latency;
    private final long[][] routed;
    private final long[] window;
    private final List<Detection> detections = new ArrayList<>();

    RouterFigures(int populations, int records) {
        requests = new long[records];
        completed = new long[records];
        errors = new long[records][ErrorCause.all().length];
        latency = new LatencyStats[records];
        for (int k = 0; k < records; k++) {
            latency[k] = new LatencyStats();
        }
        routed = new long[populations][records];
        window = new long[records];
    }

    void routed(int p, int k, boolean counted) {
        window[k]++;
        if (counted) {
            requests[k]++;
            routed[p][k]++;
        }
    }

    void completed(int k, long latencyNs) {
        completed[k]++;
        latency[k].record(latencyNs);
    }

    void failed(int k, ErrorCause cause) {
        errors[k][cause.ordinal()]++;
    }

    void detected(int k, long at, boolean healthy) {
        detections.add(new Detection(k, at, healthy));
    }

    public long requests(int k) {
        return requests[k];
    }

    public long completed(int k) {
        return completed[k];
    }

    public long errors(int k, ErrorCause cause) {
        return errors[k][cause.ordinal()];
    }

    public LatencyStats latency(int k) {
        return latency[k];
    }

    /** Counted requests of population {@code p} routed to record {@code k}. */
    public long routed(int p, int k) {
        return routed[p][k];
    }

    public List<Detection> detections() {
        return List.copyOf(detections);
    }

    /** Each record's share of the requests routed since the last call (NaN for a window without requests). */
    public void takeWindowShares(double[] out) {
        long total = 0;
        for (long w : window) {
            total += w;
        }
        for (int k = 0; k < window.length; k++) {
            out[k] = total == 0 ? Double.NaN : (double) window[k] / total;
            window[k] = 0;
        }
    }
}
