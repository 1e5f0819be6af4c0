package io.headroom.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.fleet.FleetTest.Bench;
import io.headroom.service.ServiceStation;
import org.junit.jupiter.api.Test;

/** A spot notice on a scripted sequence: drain, replacement at once, reclaim two minutes later. */
class SpotInterruptionsTest {
    private static final long S = 1_000_000_000L;

    /** One instance, spot in slot 0 only, interrupted {@code perHour} times an hour; requests hold a worker 600 s. */
    static Bench bench(double perHour, long drainNs) {
        return new Bench(1, 2, 600 * S, 0, 0, drainNs, null, null, 1, new Bench.Spot(1, perHour, 3));
    }

    @Test
    void aNoticeDrainsTheInstanceReplacesItAndReclaimsItTwoMinutesLater() {
        Bench b = bench(60, 3600 * S);
        SpotInterruptions spot = b.fleet.spot();
        assertTrue(spot.pending(0));
        long notice = spot.noticeAt(0);
        b.sendAt(0);
        b.sim.run(notice);
        assertEquals(1, spot.interruptions());
        assertEquals(ServiceStation.DRAINING, b.station.state(0));
        assertEquals(InstanceTimers.DRAIN_TIMEOUT, b.fleet.timers().step(0));
        assertEquals(notice + Fleet.SPOT_NOTICE_NS, b.fleet.timers().dueAt(0), "the reclaim comes before the drain timeout");
        assertEquals(2, b.bills.size());
        assertEquals(notice, b.bills.get(1)[1], "the replacement is launched at the notice");
        assertFalse(spot.pending(1), "the replacement is on demand");

        b.sim.run(notice + Fleet.SPOT_NOTICE_NS);
        assertEquals(ServiceStation.FREE, b.station.state(0));
        assertEquals(notice + Fleet.SPOT_NOTICE_NS, b.bills.get(0)[2]);
    }

    @Test
    void aShortDrainTimeoutEndsTheInstanceBeforeTheReclaim() {
        Bench b = bench(60, 30 * S);
        long notice = b.fleet.spot().noticeAt(0);
        b.sendAt(0);
        b.sim.run(notice);
        assertEquals(notice + 30 * S, b.fleet.timers().dueAt(0));
    }

    @Test
    void stoppingTheBillWithdrawsTheNotices() {
        Bench b = bench(1, 3600 * S);
        assertTrue(b.fleet.spot().pending(0));
        b.fleet.stopBilling();
        assertFalse(b.fleet.spot().pending(0));
        b.sim.run(1000 * 3600 * S);
        assertEquals(0, b.fleet.interruptions());
    }
}
