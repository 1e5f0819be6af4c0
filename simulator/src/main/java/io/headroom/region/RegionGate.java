package io.headroom.region;

import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;

/**
 * The way into a component that runs in a region with outages: while the region is down, a request sent there fails at
 * once as {@code unavailable} (nothing in the region answers, whatever its kind: a cache's nodes, a function, a store);
 * otherwise it goes in. The region's instances themselves are taken down by their fleets.
 */
public final class RegionGate implements Component {
    private final Component inner;
    private final Simulation sim;
    private final Requests req;
    private final RegionOutages outages;
    private final int region;

    public RegionGate(Component inner, Simulation sim, Requests req, RegionOutages outages, int region) {
        this.inner = inner;
        this.sim = sim;
        this.req = req;
        this.outages = outages;
        this.region = region;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void accept(int r) {
        long now = sim.now();
        if (outages.down(region, now)) {
            req.ownerOf(r).failed(r, ErrorCause.UNAVAILABLE, now);
            return;
        }
        inner.accept(r);
    }

    /** The component behind the gate. */
    public Component inner() {
        return inner;
    }
}
