package io.headroom.service;

import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.routing.Dispatcher;
import io.headroom.request.Requests;

/**
 * A load balancer at run time: adds its latency to a request, then hands it to the instance of its
 * target service that its strategy picks (by the target's own view of each instance's outstanding
 * requests). It holds no worker and sees no answer: answers go straight to the request's owner.
 * Per-instance load is recorded by the target service.
 */
public final class LoadBalancerStation implements Component {
    private final String name;
    private final Simulation sim;
    private final Requests req;
    private final DurationSampler latency;
    private final Dispatcher strategy;
    private final ServiceStation target;
    private final EventHandler forward;
    private long forwarded;

    public LoadBalancerStation(String name, Simulation sim, Requests req, DurationSampler latency, Dispatcher strategy,
                               ServiceStation target) {
        this.name = name;
        this.sim = sim;
        this.req = req;
        this.latency = latency;
        this.strategy = strategy;
        this.target = target;
        this.forward = this::forward;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void accept(int r) {
        long d = latency == null ? 0 : latency.sampleNanos();
        if (d > 0) {
            sim.events().once(forward, r, sim.now() + d);
        } else {
            forward(r);
        }
    }

    private void forward(int r) {
        if (req.counted[r]) {
            forwarded++;
        }
        target.acceptVia(r, strategy);
    }

    /** Counted requests routed. */
    public long forwarded() {
        return forwarded;
    }

    public ServiceStation target() {
        return target;
    }
}
