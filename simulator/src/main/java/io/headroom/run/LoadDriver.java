package io.headroom.run;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.load.ArrivalStream;
import io.headroom.metrics.RequestMetrics;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.service.ServiceStation;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Plays the load profile: pulls arrival times one at a time, makes each arrival a request with an
 * endpoint drawn from the mix, hands it to the entry component, and books its outcome. Holds one
 * pending arrival event at a time, so the profile's length costs no memory.
 */
final class LoadDriver implements EventHandler, RequestListener {
    private final Simulation sim;
    private final EventQueue events;
    private final Requests req;
    private final ArrivalStream arrivals;
    private final double[] mixCumulative; // null: a single endpoint
    private final RandomGenerator mixRng;
    private final long warmupNs;
    private final RequestMetrics metrics;
    private final ServiceStation entry;
    private final int timer;
    private boolean injectionOver;
    private long overflowAt = -1;

    LoadDriver(Simulation sim, Requests req, ArrivalStream arrivals, double[] mixWeights, RandomGenerator mixRng,
               long warmupNs, RequestMetrics metrics, ServiceStation entry) {
        this.sim = sim;
        this.events = sim.events();
        this.req = req;
        this.arrivals = arrivals;
        this.mixRng = mixRng;
        this.warmupNs = warmupNs;
        this.metrics = metrics;
        this.entry = entry;
        if (mixWeights.length <= 1) {
            mixCumulative = null;
        } else {
            mixCumulative = new double[mixWeights.length];
            double sum = 0;
            for (double w : mixWeights) {
                sum += w;
            }
            double acc = 0;
            for (int i = 0; i < mixWeights.length; i++) {
                acc += mixWeights[i];
                mixCumulative[i] = acc / sum;
            }
            mixCumulative[mixWeights.length - 1] = 1.0;
        }
        timer = events.timer(this, 0);
    }

    /** Schedules the first arrival. */
    void start() {
        long t = arrivals.next();
        if (t != ArrivalStream.END) {
            events.schedule(timer, t);
        }
    }

    /** An arrival: a new request enters the system. */
    @Override
    public void fire(int unused) {
        long now = sim.now();
        int r = req.allocate();
        if (r == Requests.FULL) {
            overflowAt = now;
            sim.stop();
            return;
        }
        int endpoint = pickEndpoint();
        boolean counted = now >= warmupNs;
        req.arrival[r] = now;
        req.endpoint[r] = endpoint;
        req.key[r] = 0;
        req.counted[r] = counted;
        metrics.arrival(endpoint, counted);
        long next = arrivals.next();
        if (next != ArrivalStream.END) {
            events.schedule(timer, next);
        }
        entry.accept(r);
    }

    private int pickEndpoint() {
        double[] c = mixCumulative;
        if (c == null) {
            return 0;
        }
        double u = mixRng.nextDouble();
        int i = 0;
        while (u >= c[i]) {
            i++;
        }
        return i;
    }

    @Override
    public void completed(int r, long now) {
        metrics.completed(req.endpoint[r], req.counted[r], now >= warmupNs && !injectionOver, now - req.arrival[r]);
        release(r);
    }

    @Override
    public void failed(int r, ErrorCause cause, long now) {
        metrics.failed(req.endpoint[r], req.counted[r], cause);
        release(r);
    }

    private void release(int r) {
        req.release(r);
        if (injectionOver && req.live() == 0) {
            sim.stop();
        }
    }

    /** The profile has ended: from now on the run stops as soon as nothing is in flight. */
    void injectionOver() {
        injectionOver = true;
        events.cancel(timer);
        if (req.live() == 0) {
            sim.stop();
        }
    }

    /** When the in-flight guard tripped, or -1. */
    long overflowAt() {
        return overflowAt;
    }
}
