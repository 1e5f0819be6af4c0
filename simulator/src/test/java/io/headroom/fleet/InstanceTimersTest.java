package io.headroom.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.fleet.FleetTest.Bench;
import io.headroom.request.ErrorCause;
import io.headroom.service.ServiceStation;
import org.junit.jupiter.api.Test;

/** Each instance's lifecycle clock on scripted sequences: startup and readiness, drain timeouts, steps that find their instance gone. */
class InstanceTimersTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aLaunchBecomesReadyAfterStartupPlusReadiness() {
        Bench b = new Bench(1, 2, S / 100, 30 * S, 5 * S, 10 * S, null, null, 1);
        InstanceTimers t = b.fleet.timers();
        assertEquals(0, t.launchedAt(0), "an initial instance is launched at 0");
        assertEquals(0, t.readyAt(0), "and ready since 0");
        b.sim.events().once(x -> b.fleet.setDesired(2, b.sim.now()), 0, 10 * S);

        b.sim.run(10 * S);
        assertEquals(ServiceStation.STARTING, b.station.state(1));
        assertEquals(InstanceTimers.TO_READY, t.step(1));
        assertTrue(t.pending(1));
        assertEquals(45 * S, t.dueAt(1), "10 s + startup 30 s + readiness 5 s");
        assertEquals(10 * S, t.launchedAt(1));
        assertEquals(-1, t.readyAt(1));

        b.sim.run(44 * S);
        assertEquals(ServiceStation.STARTING, b.station.state(1));
        b.sim.run(45 * S);
        assertEquals(ServiceStation.READY, b.station.state(1));
        assertEquals(45 * S, t.readyAt(1));
        assertFalse(t.pending(1));
    }

    @Test
    void withoutStartupALaunchIsReadyAtOnce() {
        Bench b = new Bench(1, 2, S / 100, 0, 0, 10 * S, null, null, 1);
        b.sim.events().once(x -> b.fleet.setDesired(2, b.sim.now()), 0, 3 * S);
        b.sim.run(3 * S);
        assertEquals(ServiceStation.READY, b.station.state(1));
        assertEquals(3 * S, b.fleet.timers().readyAt(1));
        assertFalse(b.fleet.timers().pending(1), "no timer armed");
    }

    @Test
    void aDrainStillBusyAtItsTimeoutLosesWhatIsLeft() {
        Bench b = new Bench(2, 4, 20 * S, 0, 0, 10 * S, null, null, 1);
        b.sendAt(S);      // slot 0
        b.sendAt(S + 1);  // slot 1, busy until 21 s
        b.sim.events().once(x -> b.fleet.setDesired(1, b.sim.now()), 0, 5 * S);
        InstanceTimers t = b.fleet.timers();

        b.sim.run(5 * S);
        assertEquals(ServiceStation.DRAINING, b.station.state(1), "the newest of two equally old instances: the higher slot");
        assertEquals(InstanceTimers.DRAIN_TIMEOUT, t.step(1));
        assertEquals(15 * S, t.dueAt(1));

        b.sim.run(15 * S);
        assertEquals(ServiceStation.FREE, b.station.state(1));
        assertEquals(1, b.failures(ErrorCause.INSTANCE_LOST));
        assertEquals(15 * S, b.bills.get(1)[2]);
    }

    @Test
    void aDrainThatEmptiesEndsAndItsTimeoutIsWithdrawn() {
        Bench b = new Bench(2, 4, 2 * S, 0, 0, 60 * S, null, null, 1);
        b.sendAt(S);
        b.sendAt(S + 1);  // slot 1, done at 3 s + 1 ns
        b.sim.events().once(x -> b.fleet.setDesired(1, b.sim.now()), 0, 2 * S);
        b.sim.run(2 * S);
        assertTrue(b.fleet.timers().pending(1));
        b.sim.run(4 * S);
        assertEquals(ServiceStation.FREE, b.station.state(1));
        assertFalse(b.fleet.timers().pending(1), "the instance ended: its drain timeout is cancelled");
        assertEquals(3 * S + 1, b.bills.get(1)[2]);
        assertEquals(0, b.failures(ErrorCause.INSTANCE_LOST));
    }

    @Test
    void anInstanceRemovedWhileStartingNeverBecomesReady() {
        Bench b = new Bench(1, 2, S / 100, 30 * S, 0, 10 * S, null, null, 1);
        b.sim.events().once(x -> b.fleet.setDesired(2, b.sim.now()), 0, S);
        b.sim.events().once(x -> b.fleet.setDesired(1, b.sim.now()), 0, 2 * S);
        b.sim.run(100 * S);
        assertEquals(ServiceStation.FREE, b.station.state(1));
        assertEquals(-1, b.fleet.timers().readyAt(1));
        assertEquals(2 * S, b.bills.get(1)[2], "billed from launch to removal");
    }
}
