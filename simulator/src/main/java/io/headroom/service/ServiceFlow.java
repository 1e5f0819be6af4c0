package io.headroom.service;

import io.headroom.metrics.NanosTotal;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;
import java.util.Arrays;
import java.util.EnumMap;

/**
 * The flow of requests through a service: how many are in it now, and, of the counted ones (after
 * the warm-up), how many reached it, entered it (per instance too), left it, were rejected or
 * timed out in a queue, and the time they spent in it. A request enters when it gets a worker or
 * a place in a queue and leaves when its worker is freed, it times out or its instance is lost.
 *
 * <p>For the run's self-checks it also keeps the books of every request, counted or not: how each
 * one that was sent here ended here — answered, failed by cause (at the door or after entering),
 * or passed on (an async endpoint's request that left its worker to make its calls) — and the
 * total time spent inside by those that left. What was sent equals what ended plus what is inside.
 */
final class ServiceFlow {
    /** {@link #ended} outcomes beyond the error causes' ordinals: answered here, or passed on to its calls. */
    static final int COMPLETED = ErrorCause.all().length;
    static final int PASSED_ON = COMPLETED + 1;

    private final Requests req;
    private final int ownerId;
    private final StationVersions versions;
    private int inSystem;
    private long[] entered = new long[0];
    private long received;
    private long attempts;
    private long arrivals;
    private long departures;
    private long rejected;
    private long timedOut;
    private double sojournSumNs;
    private final long[] ended = new long[PASSED_ON + 1];
    private final NanosTotal timeInside = new NanosTotal();
    private SojournSink sink;
    private ServedSink served;

    ServiceFlow(Requests req, int ownerId, StationVersions versions) {
        this.req = req;
        this.ownerId = ownerId;
        this.versions = versions;
    }

    void grow(int n) {
        entered = Arrays.copyOf(entered, n);
    }

    void onLeave(SojournSink sink) {
        this.sink = sink;
    }

    void onServed(ServedSink served) {
        this.served = served;
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

    /** Request {@code r} was refused at the door: a full queue, or no instance ready. */
    void rejected(int r) {
        ended[ErrorCause.REJECTED.ordinal()]++;
        if (served != null && req.instance[r] >= 0) {
            served.served(versions.of(req.instance[r]), req.localEndpoint[r], true, 0);
        }
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

    /** A request sent here was dropped at the door: its caller had given up on it (a timeout). */
    void cancelled() {
        ended[ErrorCause.TIMEOUT.ordinal()]++;
    }

    /** Request {@code r} leaves now, its outcome here an {@link ErrorCause} ordinal, {@link #COMPLETED} or {@link #PASSED_ON}. */
    void leave(int r, long now, int outcome) {
        req.station[r] = -1;
        inSystem--;
        ended[outcome]++;
        timeInside.add(now - req.stationArrival[r]);
        if (sink != null) {
            sink.record(now - req.stationArrival[r]);
        }
        if (served != null && outcome != PASSED_ON) {
            served.served(versions.of(req.instance[r]), req.localEndpoint[r], outcome != COMPLETED, now - req.stationArrival[r]);
        }
        if (req.counted[r]) {
            departures++;
            sojournSumNs += now - req.stationArrival[r];
        }
    }

    /** Request {@code r} of an async endpoint, passed on from versioned endpoint {@code ve}, has its answer now. */
    void passedOnEnded(int r, int ve, boolean ok, long now) {
        if (served != null) {
            served.served(versions.versionOf(ve), req.localEndpoint[r], !ok, now - req.stationArrival[r]);
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

    /** The books of every request sent here (see {@link FlowBalance}). */
    FlowBalance balance() {
        EnumMap<ErrorCause, Long> failed = new EnumMap<>(ErrorCause.class);
        for (ErrorCause c : ErrorCause.all()) {
            failed.put(c, ended[c.ordinal()]);
        }
        return new FlowBalance(received, ended[COMPLETED], ended[PASSED_ON], failed, inSystem, timeInside.nanos());
    }

    long[] entered(int slots) {
        return Arrays.copyOf(entered, slots);
    }
}
