package io.headroom.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DispatchStrategy;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.request.ClientRequests;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import io.headroom.service.ServiceAreas;
import io.headroom.service.ServiceStation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The instance lifecycle on a bare service: startup and readiness, draining, crashes and repair, zone outages, billing. */
class FleetTest {
    private static final long S = 1_000_000_000L;

    /** A service with its fleet and a client that sends requests of a given wait and counts outcomes. */
    static class Bench implements RequestListener, Fleet.Billing {
        final Simulation sim = new Simulation();
        final Requests req = new Requests(64, 1_000_000);
        final ServiceStation station;
        final Fleet fleet;
        final int owner;
        long completed;
        final Map<ErrorCause, Long> failed = new EnumMap<>(ErrorCause.class);
        final List<long[]> bills = new ArrayList<>(); // {slot, start, stop}
        final List<Integer> servedBy = new ArrayList<>();
        private final Spot spot;

        /** The instances in slots below {@code slots} are spot, each interrupted {@code perHour} times an hour, drawn from seed {@code seed}. */
        record Spot(int slots, double perHour, long seed) {
        }

        Bench(int replicas, int workers, long waitNs, long startupNs, long readinessNs, long drainNs, DurationSampler tbf,
              DurationSampler ttr, int zones) {
            this(replicas, workers, waitNs, startupNs, readinessNs, drainNs, tbf, ttr, zones, null);
        }

        /** With spot instances as {@code spot} says (null: none). */
        Bench(int replicas, int workers, long waitNs, long startupNs, long readinessNs, long drainNs, DurationSampler tbf,
              DurationSampler ttr, int zones, Spot spot) {
            this.spot = spot;
            station = new ServiceStation("s", sim, req, replicas, workers, workers, -1, -1, new DurationSampler[] {null},
                    new DurationSampler[] {() -> waitNs}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(1)));
            if (zones > 1) {
                station.setup().setZones(zones, null, null);
            }
            fleet = new Fleet("s", station, sim, startupNs, readinessNs, drainNs, tbf, ttr, zones);
            owner = req.register(this);
            fleet.start(this, spot == null ? null : new MersenneTwister(spot.seed()));
        }

        @Override
        public boolean isSpot(int slot) {
            return spot != null && slot < spot.slots();
        }

        @Override
        public double spotInterruptionsPerHour() {
            return spot == null ? 0 : spot.perHour();
        }

        /** Sends one request at {@code at}. */
        void sendAt(long at) {
            sim.events().once(x -> {
                int r = ClientRequests.counted(req, owner, sim.now());
                station.accept(r);
                if (req.station[r] >= 0) {
                    servedBy.add(req.instance[r]);
                }
            }, 0, at);
        }

        @Override
        public void completed(int r, long now) {
            completed++;
            req.release(r);
        }

        @Override
        public void failed(int r, ErrorCause cause, long now) {
            failed.merge(cause, 1L, Long::sum);
            req.release(r);
        }

        @Override
        public void started(int slot, long now) {
            bills.add(new long[] {slot, now, -1});
        }

        @Override
        public void stopped(int slot, long now) {
            for (long[] b : bills) {
                if (b[0] == slot && b[2] < 0) {
                    b[2] = now;
                    return;
                }
            }
            throw new AssertionError("stopped a slot that was not billed: " + slot);
        }

        long failures(ErrorCause c) {
            return failed.getOrDefault(c, 0L);
        }
    }

    @Test
    void aScaleOutIsBilledAtOnceButTakesTrafficOnlyAfterStartupAndReadiness() {
        Bench b = new Bench(2, 4, S / 100, 30 * S, 5 * S, 30 * S, null, null, 1);
        b.sim.events().once(x -> b.fleet.setDesired(3, b.sim.now()), 0, 10 * S);
        for (long t = 1; t < 60; t++) {
            b.sendAt(t * S);
        }
        b.sim.run(100 * S);
        assertEquals(3, b.bills.size());
        assertEquals(10 * S, b.bills.get(2)[1], "billed from the launch");
        assertEquals(2, b.bills.get(2)[0]);
        // requests before 45 s went to slots 0 and 1 only; from 45 s round-robin includes slot 2
        for (int k = 0; k < b.servedBy.size(); k++) {
            long sentAt = (k + 1);
            if (sentAt < 45) {
                assertTrue(b.servedBy.get(k) < 2, "request at " + sentAt + " s went to " + b.servedBy.get(k));
            }
        }
        assertTrue(b.servedBy.subList(44, 58).contains(2), "the new instance takes traffic once ready");
        assertEquals(59, b.completed);
    }

    /** Two instances of 4 workers, four requests holding a worker 20 s each from 1 s, and a scale-in to 1 at 5 s. */
    private static Bench scaledInAtFiveSeconds(long drainNs) {
        Bench b = new Bench(2, 4, 20 * S, 0, 0, drainNs, null, null, 1);
        for (int k = 0; k < 4; k++) {
            b.sendAt(S + k);
        }
        b.sim.events().once(x -> b.fleet.setDesired(1, b.sim.now()), 0, 5 * S);
        return b;
    }

    @Test
    void scaleInDrainsTheNewestInstanceWithoutLosingWhatItHolds() {
        Bench b = scaledInAtFiveSeconds(60 * S);
        b.sendAt(6 * S);
        b.sendAt(7 * S);
        b.sim.run(200 * S);
        assertEquals(6, b.completed);
        assertEquals(0, b.failed.size());
        assertEquals(List.of(0, 1, 0, 1, 0, 0), b.servedBy, "after the scale-in only slot 0 takes work");
        long[] drained = b.bills.get(1);
        assertEquals(1, drained[0]);
        assertEquals(S + 3 + 20 * S, drained[2], "slot 1 ends when its last request is done");
    }

    @Test
    void aDrainThatRunsOutOfTimeLosesWhatIsLeft() {
        Bench b = scaledInAtFiveSeconds(10 * S);
        b.sim.run(200 * S);
        assertEquals(2, b.completed);
        assertEquals(2, b.failures(ErrorCause.INSTANCE_LOST));
        assertEquals(15 * S, b.bills.get(1)[2], "billing stops at the drain timeout");
    }

    @Test
    void crashesFollowTheirRenewalProcessAndRepairedInstancesServeAgain() {
        // 4 instances, up ~ exponential(mean 60 s), down a constant 20 s: availability 60/80 = 0.75
        SplittableRandom rng = new SplittableRandom(7);
        DurationSampler tbf = () -> (long) (-Math.log(1 - rng.nextDouble()) * 60 * S);
        DurationSampler ttr = () -> 20 * S;
        Bench b = new Bench(4, 1, S / 10, 0, 0, 30 * S, tbf, ttr, 1);
        long horizon = 400_000 * S;
        b.sim.run(horizon);
        b.sim.advanceTo(horizon);
        ServiceAreas a = b.station.areas(horizon);
        double availability = a.servingWorkers() / (4.0 * horizon);
        // alternating renewal: cycles of mean 80 s; the down time per cycle is fixed, so the spread of
        // the down fraction comes from the cycle count: sd = 20 * sqrt(n * 60^2/80^3 * T) / (4T)
        double cycles = 4.0 * 400_000 / 80;
        double sdCount = Math.sqrt(4 * 400_000 * 3600.0 / (80.0 * 80 * 80));
        double sdAvailability = 20 * sdCount / (4 * 400_000.0);
        assertEquals(0.75, availability, 4 * sdAvailability, "availability");
        assertEquals(cycles, b.fleet.crashes(), 4 * sdCount, "crashes");
        assertEquals(4, b.station.present(), "a crashed instance is repaired in place and stays billed");
        assertEquals(4, b.bills.size(), "no replacement instance is launched");
    }

    @Test
    void aCrashLosesWhatTheInstanceHolds() {
        long[] crashAt = {0};
        DurationSampler tbf = () -> 10 * S; // every ready instance fails 10 s after it is ready
        Bench b = new Bench(1, 2, 4 * S, 0, 0, 30 * S, tbf, () -> 5 * S, 1);
        b.sendAt(7 * S);     // holds a worker until 11 s: lost at 10 s
        b.sendAt(8 * S);
        b.sendAt(9 * S);     // queued behind two workers: lost too
        b.sendAt(12 * S);    // instance down (repaired at 15 s): refused
        b.sendAt(16 * S);    // served
        b.sim.run(20 * S);
        assertEquals(3, b.failures(ErrorCause.INSTANCE_LOST));
        assertEquals(1, b.failures(ErrorCause.REJECTED));
        assertEquals(1, b.completed);
        assertEquals(3, b.station.lifecycle().lost());
        assertEquals(0, b.station.inSystem());
    }

    @Test
    void aZoneOutageTakesItsInstancesDownAndLaunchesAvoidIt() {
        Bench b = new Bench(4, 2, S / 10, 0, 0, 30 * S, null, null, 2);
        b.fleet.outage(1, 10 * S, 70 * S);
        b.sim.events().once(x -> b.fleet.setDesired(6, b.sim.now()), 0, 20 * S);
        for (long t = 1; t < 100; t++) {
            b.sendAt(t * S);
        }
        b.sim.run(200 * S);
        // slots 1 and 3 are in zone 1: down from 10 s to 70 s; the two new instances go to zone 0 (slots 4 and 6)
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 6L), b.bills.stream().map(x -> x[0]).toList());
        for (int k = 10; k < 69; k++) {
            assertEquals(0, b.servedBy.get(k) % 2, "zone 1 takes no work during the outage (request " + (k + 1) + ")");
        }
        assertTrue(b.servedBy.subList(70, 99).contains(1), "zone 1 serves again after the outage");
        assertEquals(99, b.completed);
    }

    @Test
    void spotInterruptionsArriveAsAPoissonProcessAndEachIsReplaced() {
        // 10 spot instances, 2 interruptions per instance-hour; a replacement starts at each notice, so
        // exactly 10 instances are exposed at every instant: over 50 h the count is Poisson with mean 1000
        Bench b = new Bench(10, 2, S / 10, 30 * S, 0, 60 * S, null, null, 1, new Bench.Spot(Integer.MAX_VALUE, 2, 11));
        long horizon = 50 * 3600 * S;
        b.sim.run(horizon);
        long n = b.fleet.interruptions();
        assertEquals(1000, n, 4 * Math.sqrt(1000), "interruptions");
        assertEquals(n, b.fleet.launches(), "each interruption is replaced");
        assertEquals(10 + n, b.bills.size());
        for (long[] bill : b.bills) {
            if (bill[2] >= 0) {
                assertTrue(bill[2] - bill[1] >= 0);
            }
        }
        assertEquals(0, b.failures(ErrorCause.INSTANCE_LOST), "no load: nothing to lose");
    }

    @Test
    void aSpotInstanceStillBusyTwoMinutesAfterItsNoticeLosesWhatItHolds() {
        // one request holds a worker for 10 minutes; the notice comes at once; the instance is reclaimed 2 minutes later
        Bench b = new Bench(1, 2, 600 * S, 0, 0, 3600 * S, null, null, 1, new Bench.Spot(1, 1e6, 3));
        b.sendAt(0);
        b.sim.run(1000 * S);
        assertEquals(1, b.fleet.interruptions(), "the replacement (slot 1) is not spot");
        assertEquals(1, b.failures(ErrorCause.INSTANCE_LOST));
        long[] first = b.bills.get(0);
        assertTrue(first[2] > 0 && first[2] <= 121 * S, "reclaimed two minutes after the notice: " + first[2]);
    }
}
