package io.headroom.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.fleet.FleetTest.Bench;
import io.headroom.request.ErrorCause;
import io.headroom.service.ServiceStation;
import org.junit.jupiter.api.Test;

/** The crash process on scripted sequences: up for the time between failures, down for the time to repair, again. */
class CrashesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aReadyInstanceCrashesIsRepairedInPlaceAndStartsItsNextUpTime() {
        Bench b = new Bench(1, 2, S / 100, 0, 0, 30 * S, () -> 10 * S, () -> 5 * S, 1);
        Crashes c = b.fleet.crashFaults();
        InstanceTimers t = b.fleet.timers();
        assertTrue(c.pending(0), "the initial instance's up time starts at 0");

        b.sim.run(10 * S);
        assertEquals(ServiceStation.DOWN, b.station.state(0));
        assertEquals(1, c.crashes());
        assertEquals(InstanceTimers.REPAIRED, t.step(0));
        assertEquals(15 * S, t.dueAt(0));
        assertFalse(c.pending(0), "no crash while down");

        b.sim.run(15 * S);
        assertEquals(ServiceStation.READY, b.station.state(0));
        assertEquals(15 * S, t.readyAt(0));
        assertTrue(c.pending(0));

        b.sim.run(25 * S);
        assertEquals(2, c.crashes(), "up 10 s again after the repair");
        assertEquals(1, b.bills.size(), "repaired in place, never replaced");
        assertEquals(-1, b.bills.get(0)[2], "billed while down");
    }

    @Test
    void aDrainingInstanceThatCrashesSimplyEnds() {
        Bench b = new Bench(2, 4, 20 * S, 0, 0, 60 * S, () -> 10 * S, () -> 5 * S, 1);
        b.sendAt(S);      // slot 0
        b.sendAt(S + 1);  // slot 1
        b.sim.events().once(x -> b.fleet.setDesired(1, b.sim.now()), 0, 5 * S);
        b.sim.run(10 * S);
        assertEquals(2, b.fleet.crashes());
        assertEquals(ServiceStation.DOWN, b.station.state(0), "the ready one is repaired");
        assertEquals(ServiceStation.FREE, b.station.state(1), "the draining one ends");
        assertEquals(2, b.failures(ErrorCause.INSTANCE_LOST));
        assertEquals(10 * S, b.bills.get(1)[2]);
    }
}
