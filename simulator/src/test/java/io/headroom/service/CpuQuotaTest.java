package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.engine.Simulation;
import io.headroom.request.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CPU limit's CFS quota on one instance, computed by hand: the quota of limit × period is spent, every computation
 * stalls to the period's end, and runs again with a fresh quota. Completion times, throttled periods and the
 * request-time stalled are exact.
 */
class CpuQuotaTest {
    private static final long MS = 1_000_000;

    /** One instance with {@code cores} cores, {@code workers} workers and a limit; completions recorded as {request, time}. */
    private static final class Bench {
        final Simulation sim = new Simulation();
        final Requests req = new Requests(1024, 1 << 20);
        final List<long[]> done = new ArrayList<>();
        Processors cpu;

        Bench(int workers, int cores, long limitMilli, long periodNs) {
            cpu = new Processors(req, sim.events(), workers, cores, i -> done(cpu.finishEarliest(i, sim.now())), r -> {
                throw new AssertionError("a limited instance never computes on dedicated cores");
            });
            cpu.grow(1);
            cpu.shape(limitMilli, periodNs, i -> cpu.quotaDue(i, sim.now()));
        }

        void done(int r) {
            done.add(new long[] {r, sim.now()});
        }

        void startAt(long t, long cpuNs) {
            sim.events().once(x -> {
                int r = req.allocate();
                req.instance[r] = 0;
                cpu.start(r, 0, cpuNs, sim.now());
            }, 0, t);
        }

        long doneAt(int k) {
            return done.get(k)[1];
        }
    }

    @Test
    void halfACoreStallsA120msComputationTwiceFor50msEach() {
        Bench b = new Bench(4, 1, 500, 100 * MS);
        b.startAt(0, 120 * MS);
        b.sim.run(60 * MS);
        assertEquals(0, b.cpu.busyCores(), "throttled at 50 ms: no core in use");
        assertEquals(1, b.cpu.throttledPeriods());
        b.sim.run(1000 * MS);
        // runs 0-50, stalls to 100, runs 100-150, stalls to 200, runs 200-220
        assertEquals(220 * MS, b.doneAt(0));
        assertEquals(2, b.cpu.throttledPeriods());
        assertEquals(100 * MS, b.cpu.stalledNs(1000 * MS));
        assertTrue(b.sim.events().isEmpty(), "idle: both timers off");
    }

    @Test
    void aComputationEndingAsTheQuotaRunsOutIsNotThrottled() {
        Bench b = new Bench(4, 1, 500, 100 * MS);
        b.startAt(0, 50 * MS);
        b.sim.run(1000 * MS);
        assertEquals(50 * MS, b.doneAt(0));
        assertEquals(0, b.cpu.throttledPeriods());
        assertEquals(0, b.cpu.stalledNs(1000 * MS));
    }

    @Test
    void twoRequestsSpendTheQuotaTogetherAndBothStall() {
        // limit 1 on 2 cores, period 100 ms: two 80 ms computations from 0 use 2 cores and spend the 100 ms quota at 50 ms
        // with 30 ms left each; stalled 50-100 (2 × 50 ms); from 100 both run and spend 60 ms of the fresh quota: done at 130
        Bench b = new Bench(4, 2, 1000, 100 * MS);
        b.startAt(0, 80 * MS);
        b.startAt(0, 80 * MS);
        b.sim.run(1000 * MS);
        assertEquals(130 * MS, b.doneAt(0));
        assertEquals(130 * MS, b.doneAt(1));
        assertEquals(1, b.cpu.throttledPeriods());
        assertEquals(100 * MS, b.cpu.stalledNs(1000 * MS));
    }

    @Test
    void aRequestArrivingWhileThrottledWaitsForThePeriodsEnd() {
        // limit 0.5, period 50 ms (quota 25 ms): 30 ms from 0 runs to 25 and stalls to 50; 10 ms arriving at 40 (throttled)
        // stalls to 50 too; from 50 they share the one core: the first's 5 ms left end at 60, the second has 5 ms left, alone
        // from 60: done at 65, 15 ms of the period's 25 used
        Bench b = new Bench(4, 1, 500, 50 * MS);
        b.startAt(0, 30 * MS);
        b.startAt(40 * MS, 10 * MS);
        b.sim.run(1000 * MS);
        assertEquals(60 * MS, b.doneAt(0));
        assertEquals(65 * MS, b.doneAt(1));
        assertEquals(1, b.cpu.throttledPeriods());
        assertEquals((25 + 10) * MS, b.cpu.stalledNs(1000 * MS), "the first stalled 25-50, the second 40-50");
    }

    @Test
    void aComputationNeverFasterThanTheLimitIsNeverThrottled() {
        // limit 2 on 1 core: the quota (200 ms per 100 ms) cannot run out
        Bench b = new Bench(4, 1, 2000, 100 * MS);
        b.startAt(0, 350 * MS);
        b.sim.run(1000 * MS);
        assertEquals(350 * MS, b.doneAt(0));
        assertEquals(0, b.cpu.throttledPeriods());
        assertTrue(b.sim.events().isEmpty());
    }

    @Test
    void periodsAreAlignedFromTimeZero() {
        // limit 0.5, period 100 ms: an 80 ms computation from 80 ms uses 20 ms by the boundary at 100 (not throttled), then
        // the next period's 50 ms by 150 (70 done), stalls to 200, and its last 10 ms run 200-210
        Bench b = new Bench(4, 1, 500, 100 * MS);
        b.startAt(80 * MS, 80 * MS);
        b.sim.run(1000 * MS);
        assertEquals(210 * MS, b.doneAt(0));
        assertEquals(1, b.cpu.throttledPeriods());
        assertEquals(50 * MS, b.cpu.stalledNs(1000 * MS));
    }
}
