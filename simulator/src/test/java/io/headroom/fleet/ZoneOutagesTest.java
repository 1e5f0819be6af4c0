package io.headroom.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.fleet.FleetTest.Bench;
import io.headroom.service.ServiceStation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zone outages on scripted sequences (two zones; a slot's zone is its number modulo 2). */
class ZoneOutagesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void readyInstancesGoDownWithTheirZoneAndComeBackWithIt() {
        Bench b = new Bench(4, 2, S / 10, 0, 0, 30 * S, () -> 1000 * S, () -> S, 2);
        ZoneOutages z = b.fleet.zones();
        b.fleet.outage(1, 10 * S, 70 * S);

        b.sim.run(10 * S);
        assertTrue(z.isDown(1));
        assertFalse(z.isDown(0));
        for (int i = 0; i < 4; i++) {
            assertEquals(i % 2 == 1 ? ServiceStation.DOWN : ServiceStation.READY, b.station.state(i), "slot " + i);
            assertEquals(i % 2 == 1, z.waiting(i), "slot " + i);
        }
        assertFalse(b.fleet.crashFaults().pending(1), "a down instance does not crash");
        assertEquals(4, b.fleet.replicas().desired(), "a zone's instances still count: nothing is launched for them");

        b.sim.run(70 * S);
        assertFalse(z.isDown(1));
        assertEquals(ServiceStation.READY, b.station.state(1));
        assertEquals(70 * S, b.fleet.timers().readyAt(3));
        assertTrue(b.fleet.crashFaults().pending(3), "its next up time starts");
        assertEquals(0, b.fleet.crashes());
    }

    @Test
    void launchesGoToTheHealthyZoneWithFewestInstances() {
        Bench b = new Bench(2, 2, S / 10, 0, 0, 30 * S, null, null, 2);
        ReplicaSet r = b.fleet.replicas();
        assertEquals(0, r.healthiestZone(), "a tie goes to the lowest zone");
        b.fleet.outage(0, 5 * S, 50 * S);
        b.sim.events().once(x -> b.fleet.setDesired(4, b.sim.now()), 0, 10 * S);
        b.sim.run(10 * S);
        assertEquals(List.of(0L, 1L, 3L, 5L), b.bills.stream().map(x -> x[0]).toList(),
                "zone 0 is down, however few it runs: both launches take zone 1's slots (odd ones)");
        b.sim.run(50 * S);
        assertEquals(0, r.healthiestZone(), "one instance in zone 0, three in zone 1");
    }

    @Test
    void anInstanceDueReadyWhileItsZoneIsDownWaitsForTheZone() {
        Bench b = new Bench(2, 2, S / 10, 30 * S, 0, 30 * S, null, null, 2);
        b.sim.events().once(x -> b.fleet.setDesired(4, b.sim.now()), 0, S); // slots 2 (zone 0) and 3 (zone 1), ready at 31 s
        b.fleet.outage(1, 5 * S, 60 * S);
        b.sim.run(31 * S);
        assertEquals(ServiceStation.READY, b.station.state(2));
        assertEquals(ServiceStation.STARTING, b.station.state(3));
        assertTrue(b.fleet.zones().waiting(3));
        b.sim.run(60 * S);
        assertEquals(ServiceStation.READY, b.station.state(3));
        assertEquals(60 * S, b.fleet.timers().readyAt(3));
    }

    @Test
    void aZoneBackBeforeAnInstanceStartedLetsItFinishStartingOnItsOwnTime() {
        Bench b = new Bench(2, 2, S / 10, 30 * S, 0, 30 * S, null, null, 2);
        b.sim.events().once(x -> b.fleet.setDesired(4, b.sim.now()), 0, S);
        b.fleet.outage(1, 5 * S, 20 * S);
        b.sim.run(20 * S);
        assertEquals(ServiceStation.STARTING, b.station.state(3));
        b.sim.run(31 * S);
        assertEquals(ServiceStation.READY, b.station.state(3));
        assertEquals(31 * S, b.fleet.timers().readyAt(3));
    }
}
