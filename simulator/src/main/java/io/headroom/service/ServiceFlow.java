package io.headroom.service;

import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * The flow of requests through a service: how many are in it now, and, of the counted ones (after
 * the warm-up), how many reached it, entered it (per instance too), left it, were rejected or
 * timed out in a queue, and the time they spent in it. A request enters when it gets a worker or
 * a place in a queue and leaves when its worker is freed, it times out or its instance is lost.
 */
final class ServiceFlow {
    private final Requests req;
    private final int ownerId;
    private int inSystem;
    private long[] entered = new long[0];
    private long received;
    private long attempts;
    private long arrivals;
    private long departures;
    private long rejected;
    private long timedOut;
    private double sojournSumNs;
    private ServiceStation.SojournSink sink;

    ServiceFlow(Requests req, int ownerId) {
        this.req = req;
        this.ownerId = ownerId;
    }

    void grow(int n) {
        entered = Arrays.copyOf(entered, n);
    }

    void onLeave(ServiceStation.SojournSink sink) {
        this.sink = sink;
    }

    /** A request was sent to the service (counted or not, admitted or not). */
    void received() {
        received++;
    }

    /** Request {@code r} reached an instance, or found none. */
    void attempt(int r) {
        if (req.counted[r]) {
            attempts++;
        }
    }

    void rejected(int r) {
        if (req.counted[r]) {
            rejected++;
        }
    }

    void timedOut(int r) {
        if (req.counted[r]) {
            timedOut++;
        }
    }

    /** Request {@code r} enters instance {@code i} now. */
    void enter(int r, int i, long now) {
        req.stationArrival[r] = now;
        req.station[r] = ownerId;
        inSystem++;
        if (req.counted[r]) {
            arrivals++;
            entered[i]++;
        }
    }

    /** Request {@code r} leaves now. */
    void leave(int r, long now) {
        req.station[r] = -1;
        inSystem--;
        if (sink != null) {
            sink.record(now - req.stationArrival[r]);
        }
        if (req.counted[r]) {
            departures++;
            sojournSumNs += now - req.stationArrival[r];
        }
    }

    int inSystem() {
        return inSystem;
    }

    long receivedCount() {
        return received;
    }

    long attempts() {
        return attempts;
    }

    long arrivals() {
        return arrivals;
    }

    long departures() {
        return departures;
    }

    long rejectedCount() {
        return rejected;
    }

    long timedOutCount() {
        return timedOut;
    }

    double meanSojournNs() {
        return departures == 0 ? Double.NaN : sojournSumNs / departures;
    }

    long[] entered(int slots) {
        return Arrays.copyOf(entered, slots);
    }
}
