package io.headroom.run;

import io.headroom.fleet.Fleet;
import io.headroom.slo.ScalingProbe;

/** An autoscaled component's fleet as an incident's attribution reads it: ready, wanted, ceiling. */
record FleetProbe(String component, Fleet fleet) implements ScalingProbe {
    @Override
    public int ready() {
        return fleet.ready();
    }

    @Override
    public int desired() {
        return fleet.desired();
    }

    @Override
    public int max() {
        return fleet.maxReplicas();
    }
}
