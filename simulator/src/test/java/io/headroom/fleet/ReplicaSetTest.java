package io.headroom.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.fleet.FleetTest.Bench;
import io.headroom.service.ServiceStation;
import org.junit.jupiter.api.Test;

/** The desired count on a scripted sequence: launches, the order of removal, the counters. */
class ReplicaSetTest {
    private static final long S = 1_000_000_000L;

    @Test
    void removalsTakeStartingInstancesFirstThenTheNewest() {
        Bench b = new Bench(3, 2, S / 100, 30 * S, 0, 30 * S, null, null, 1);
        ReplicaSet r = b.fleet.replicas();
        b.sim.events().once(x -> b.fleet.setDesired(5, b.sim.now()), 0, 10 * S); // slots 3 and 4 start
        b.sim.events().once(x -> b.fleet.setDesired(5, b.sim.now()), 0, 11 * S); // no change
        b.sim.run(11 * S);
        assertEquals(4, r.pickVictim(0), "the newest starting instance goes first");
        assertEquals(1, b.fleet.scaleOuts(), "setting the same count again is no scale-out");
        b.sim.events().once(x -> b.fleet.setDesired(2, b.sim.now()), 0, 12 * S);
        b.sim.run(12 * S);
        // slots 4 and 3 (starting), then slot 2 (the highest of three launched at 0)
        assertEquals(ServiceStation.FREE, b.station.state(4));
        assertEquals(ServiceStation.FREE, b.station.state(3));
        assertEquals(ServiceStation.FREE, b.station.state(2), "an idle instance drains at once");
        assertEquals(ServiceStation.READY, b.station.state(1));
        assertEquals(2, r.desired());
        assertEquals(2, b.fleet.launches());
        assertEquals(1, b.fleet.scaleOuts());
        assertEquals(1, b.fleet.scaleIns());
    }

    @Test
    void aCrashedInstanceIsRemovedBeforeAReadyOne() {
        int[] draws = {0};
        Bench b = new Bench(2, 2, S / 100, 0, 0, 30 * S, () -> draws[0]++ == 0 ? 10 * S : 1000 * S, () -> 100 * S, 1);
        b.sim.run(20 * S); // slot 0 crashed at 10 s, repaired at 110 s; slot 1 ready
        assertEquals(ServiceStation.DOWN, b.station.state(0));
        assertEquals(0, b.fleet.replicas().pickVictim(0), "down before ready, however old");
        b.sim.events().once(x -> b.fleet.setDesired(1, b.sim.now()), 0, 30 * S);
        b.sim.run(200 * S);
        assertEquals(ServiceStation.FREE, b.station.state(0));
        assertEquals(ServiceStation.READY, b.station.state(1));
        assertEquals(30 * S, b.bills.get(0)[2]);
    }
}
