package io.headroom.fleet;

import io.headroom.design.autoscaling.Metric;
import io.headroom.service.ServiceStation;
import org.HdrHistogram.Histogram;

/**
 * The metrics pipeline an autoscaler reads, as a metrics server or CloudWatch keeps it: every
 * second each instance's cumulative busy-worker, busy-core and queue integrals and its request
 * count are sampled into a ring, so that the average over any span of whole seconds in the kept
 * history (what the policies need, at least 20 minutes) is a difference of two samples. When a
 * policy reads latency, the times of requests leaving the service go into one histogram per second
 * over the same history.
 *
 * <p>A span [t1, t2] for a policy with sampling interval Δ, window w and lag l ends at the last
 * multiple of Δ at or before now − l and starts w earlier. An instance launched inside the span is
 * averaged from its first sample; one launched after the span's last sample has no value (NaN):
 * Kubernetes calls it a missing pod.
 */
final class FleetMetrics {
    static final int MIN_HISTORY_S = 1200;
    private final int historyS;
    private final int latencyHistoryS;
    private static final long SECOND = 1_000_000_000L;
    private static final int FIELDS = 4; // busy, cores, queue, arrivals

    private final ServiceStation station;
    private final int workers;
    private final double cpuRequest;
    private double[][] ring = new double[0][];   // [slot][tick % HISTORY * FIELDS + f]
    private long[] incarnationStart = new long[0]; // per slot: launch time of the instance it holds
    private final long[] receivedRing;
    private final Histogram[] latency;
    private Histogram current;
    private final Histogram merged; // a span's seconds merged, reused by every evaluation
    private long lastTick = -1; // tick index of the latest sample

    /**
     * @param historyNs how far back policies look (window + lag + their own datapoint history)
     * @param latency   whether a policy reads latency-p95 (histograms are kept only then)
     */
    FleetMetrics(ServiceStation station, int workers, double cpuRequest, long historyNs, boolean latency) {
        this.station = station;
        this.workers = workers;
        this.cpuRequest = cpuRequest;
        historyS = (int) Math.max(MIN_HISTORY_S, historyNs / SECOND + 60);
        latencyHistoryS = latency ? historyS : 1;
        receivedRing = new long[historyS];
        this.latency = new Histogram[latencyHistoryS];
        current = latency ? newHistogram() : null;
        merged = latency ? newHistogram() : null;
    }

    /** Whether request latencies are kept (a policy reads latency-p95). */
    boolean keepsLatency() {
        return current != null;
    }

    private static Histogram newHistogram() {
        return new Histogram(1, 3_600_000_000L, 2); // microseconds, up to an hour
    }

    /** A request left the service after {@code ns}. */
    void recordLatency(long ns) {
        current.recordValue(Math.max(1, Math.min(3_600_000_000L, ns / 1000)));
    }

    /** A new instance in {@code slot}, launched at {@code now}: its history starts there. */
    void launched(int slot, long now) {
        ensure(slot + 1);
        incarnationStart[slot] = now;
    }

    private void ensure(int slots) {
        if (ring.length < slots) {
            int old = ring.length;
            ring = java.util.Arrays.copyOf(ring, Math.max(slots, old * 2));
            incarnationStart = java.util.Arrays.copyOf(incarnationStart, ring.length);
            for (int i = old; i < ring.length; i++) {
                ring[i] = new double[historyS * FIELDS];
            }
        }
    }

    /** Takes the sample of second {@code tick} (time tick × 1 s). */
    void sample(long tick, long received) {
        long now = tick * SECOND;
        ensure(station.slotCount());
        int base = (int) (tick % historyS) * FIELDS;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.state(i) == ServiceStation.FREE) {
                continue;
            }
            station.slotAreas(i, now, ring[i], base);
        }
        receivedRing[(int) (tick % historyS)] = received;
        if (current != null) {
            // the second that leaves the history gives its histogram to the next one: nothing is allocated per second
            int l = (int) (tick % latencyHistoryS);
            Histogram oldest = latency[l];
            latency[l] = current;
            if (oldest != null) {
                oldest.reset();
                current = oldest;
            } else {
                current = newHistogram();
            }
        }
        lastTick = tick;
    }

    /** The span's end and start ticks for (interval, window, lag) at {@code now}, or null if no sample covers it. */
    private long[] span(long now, long intervalNs, long windowNs, long lagNs) {
        long step = Math.max(1, intervalNs / SECOND);
        long end = Math.floorDiv(Math.floorDiv(now - lagNs, SECOND), step) * step;
        end = Math.min(end, lastTick);
        long start = end - Math.max(1, windowNs / SECOND);
        if (end <= 0 || start < 0 && end < 1) {
            return null;
        }
        start = Math.max(0, Math.max(start, end - historyS + 1));
        return new long[] {start, end};
    }

    /** One instance's metric over the span, NaN if it has no sample in it. */
    double podValue(Metric metric, int slot, long now, long intervalNs, long windowNs, long lagNs) {
        long[] sp = span(now, intervalNs, windowNs, lagNs);
        if (sp == null || slot >= ring.length) {
            return Double.NaN;
        }
        // the first sample taken while it existed (samples go ahead of launches at the same instant)
        long first = incarnationStart[slot] == 0 ? 0 : incarnationStart[slot] / SECOND + 1;
        long t1 = Math.max(sp[0], first);
        long t2 = sp[1];
        if (t2 <= t1) {
            return Double.NaN;
        }
        double dt = (t2 - t1) * (double) SECOND;
        int b1 = (int) (t1 % historyS) * FIELDS;
        int b2 = (int) (t2 % historyS) * FIELDS;
        double[] r = ring[slot];
        return switch (metric) {
            case UTILISATION -> (r[b2] - r[b1]) / dt / workers;
            case CPU -> (r[b2 + 1] - r[b1 + 1]) / dt / cpuRequest;
            case QUEUE_LENGTH -> (r[b2 + 2] - r[b1 + 2]) / dt;
            case RPS -> (r[b2 + 3] - r[b1 + 3]) / ((t2 - t1));
            default -> Double.NaN;
        };
    }

    /** Requests per second the whole service received over the span. */
    double totalRate(long now, long intervalNs, long windowNs, long lagNs) {
        long[] sp = span(now, intervalNs, windowNs, lagNs);
        if (sp == null || sp[1] <= sp[0]) {
            return Double.NaN;
        }
        return (receivedRing[(int) (sp[1] % historyS)] - receivedRing[(int) (sp[0] % historyS)]) / (double) (sp[1] - sp[0]);
    }

    /** The 95th percentile of the time requests spent in the service over the span, in ms (NaN without requests). */
    double latencyP95Ms(long now, long intervalNs, long windowNs, long lagNs) {
        long[] sp = span(now, intervalNs, windowNs, lagNs);
        if (sp == null || current == null) {
            return Double.NaN;
        }
        Histogram h = merged;
        h.reset();
        long from = Math.max(sp[0] + 1, sp[1] - latencyHistoryS + 1);
        for (long t = from; t <= sp[1]; t++) {
            Histogram s = latency[(int) (t % latencyHistoryS)];
            if (s != null) {
                h.add(s);
            }
        }
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(95) / 1000.0;
    }
}
