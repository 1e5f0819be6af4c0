package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.engine.Simulation;
import io.headroom.request.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boundaries a replication tells its observers of, on a scripted clock with no load. */
class ReplicationTest {
    private static final long S = 1_000_000_000L;

    /** Writes down every hook as it is heard, and ordinary events as they fire. */
    private static final class Log implements ReplicationObserver {
        final List<String> heard = new ArrayList<>();
        private final String name;

        Log(String name) {
            this.name = name;
        }

        @Override
        public void warmUpEnded(long now) {
            heard.add(name + " warm-up@" + now / S);
        }

        @Override
        public void midpoint(long now) {
            heard.add(name + " mid@" + now / S);
        }

        @Override
        public void horizonReached(long now) {
            heard.add(name + " horizon@" + now / S);
        }

        @Override
        public void windowClosed(long start, long end) {
            heard.add(name + " window[" + start / S + "," + end / S + ")");
        }
    }

    @Test
    void boundariesComeInTimeOrderAheadOfOrdinaryEventsAtTheSameInstant() {
        Simulation sim = new Simulation();
        Log log = new Log("a");
        Replication r = new Replication(sim, 10 * S, 40 * S, 10 * S, log);
        r.scheduleBoundaries();
        // an ordinary event at exactly the warm-up's end, scheduled before anything else would be
        sim.events().once(x -> log.heard.add("event@" + sim.now() / S), 0, 10 * S);
        Replication.Outcome end = r.run(45 * S, new Requests(16, 100));
        assertEquals(List.of(
                "a warm-up@10", "a window[0,10)", "event@10",
                "a window[10,20)",
                "a mid@25",
                "a window[20,30)",
                "a horizon@40", "a window[30,40)",
                // nothing stops the clock (no load driver): it runs to the drain limit, which closes a short last window
                "a window[40,45)"), log.heard);
        assertEquals(new Replication.Outcome(45 * S, -1), end);
    }

    @Test
    void observersHearEachBoundaryInTheOrderTheyWereGiven() {
        Simulation sim = new Simulation();
        List<String> heard = new ArrayList<>();
        Log first = new Log("first");
        Log second = new Log("second");
        Replication r = new Replication(sim, 0, 20 * S, 20 * S, first, second);
        r.scheduleBoundaries();
        r.run(20 * S, new Requests(16, 100));
        heard.addAll(first.heard);
        heard.addAll(second.heard);
        // no warm-up: no warm-up hook; the midpoint is half the profile
        assertEquals(List.of("first mid@10", "first horizon@20", "first window[0,20)",
                "second mid@10", "second horizon@20", "second window[0,20)"), heard);
    }

    @Test
    void aStopAfterTheHorizonEndsTheRunThereAndClosesThePartialWindow() {
        Simulation sim = new Simulation();
        Log log = new Log("a");
        Replication r = new Replication(sim, 0, 10 * S, 4 * S, log, ReplicationObserver.atHorizon(sim::stop));
        r.scheduleBoundaries();
        Replication.Outcome end = r.run(60 * S, new Requests(16, 100));
        assertEquals(List.of("a window[0,4)", "a mid@5", "a window[4,8)", "a horizon@10", "a window[8,10)"), log.heard);
        assertEquals(10 * S, end.endNs());
        assertEquals(-1, end.overflowAtNs());
    }
}
