package io.headroom.fleet;

import io.headroom.autoscale.Metric;
import io.headroom.service.ServiceStation;
import org.HdrHistogram.Histogram;

/**
 * The metrics pipeline an autoscaler reads, as a metrics server or CloudWatch keeps it: every
 * second each instance's cumulative busy-worker, busy-core and queue integrals and its request
 * count are sampled into a ring, so that the average over any span of whole seconds in the last
 * {@link #HISTORY_S} seconds is a difference of two samples. Latencies of requests leaving the
 * service go into one histogram per second (the last {@link #LATENCY_HISTORY_S} seconds).
 *
 * <p>A span [t1, t2] for a policy with sampling interval Δ, window w and lag l ends at the last
 * multiple of Δ at or before now − l and starts w earlier. An instance launched inside the span is
 * averaged from its first sample; one launched after the span's last sample has no value (NaN):
 * Kubernetes calls it a missing pod.
 */
final class FleetMetrics {
    static final int HISTORY_S = 1200;
    static final int LATENCY_HISTORY_S = 300;
    private static final long SECOND = 1_000_000_000L;
    private static final int FIELDS = 4; // busy, cores, queue, arrivals

    private final ServiceStation station;
    private final int workers;
    private final double cpuRequest;
    private double[][] ring = new double[0][];   // [slot][tick % HISTORY * FIELDS + f]
    private long[] incarnationStart = new long[0]; // per slot: launch time of the instance it holds
    private final long[] receivedRing = new long[HISTORY_S];
    private final Histogram[] latency = new Histogram[LATENCY_HISTORY_S];
    private Histogram current = newHistogram();
    private long lastTick = -1; // tick index of the latest sample

    FleetMetrics(ServiceStation station, int workers, double cpuRequest) {
        this.station = station;
        this.workers = workers;
        this.cpuRequest = cpuRequest;
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
                ring[i] = new double[HISTORY_S * FIELDS];
            }
        }
    }

    /** Takes the sample of second {@code tick} (time tick × 1 s). */
    void sample(long tick, long received) {
        long now = tick * SECOND;
        ensure(station.slotCount());
        int base = (int) (tick % HISTORY_S) * FIELDS;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.state(i) == ServiceStation.FREE) {
                continue;
            }
            double[] a = station.slotAreas(i, now);
            System.arraycopy(a, 0, ring[i], base, FIELDS);
        }
        receivedRing[(int) (tick % HISTORY_S)] = received;
        int l = (int) (tick % LATENCY_HISTORY_S);
        latency[l] = current;
        current = newHistogram();
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
        start = Math.max(0, Math.max(start, end - HISTORY_S + 1));
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
        int b1 = (int) (t1 % HISTORY_S) * FIELDS;
        int b2 = (int) (t2 % HISTORY_S) * FIELDS;
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
        return (receivedRing[(int) (sp[1] % HISTORY_S)] - receivedRing[(int) (sp[0] % HISTORY_S)]) / (double) (sp[1] - sp[0]);
    }

    /** The 95th percentile of the time requests spent in the service over the span, in ms (NaN without requests). */
    double latencyP95Ms(long now, long intervalNs, long windowNs, long lagNs) {
        long[] sp = span(now, intervalNs, windowNs, lagNs);
        if (sp == null) {
            return Double.NaN;
        }
        Histogram h = newHistogram();
        long from = Math.max(sp[0] + 1, sp[1] - LATENCY_HISTORY_S + 1);
        for (long t = from; t <= sp[1]; t++) {
            Histogram s = latency[(int) (t % LATENCY_HISTORY_S)];
            if (s != null) {
                h.add(s);
            }
        }
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(95) / 1000.0;
    }
}
