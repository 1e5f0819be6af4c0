package io.headroom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A run past its event budget stops at the next look at it, and counts its events into the progress as it goes. */
class EventBudgetTest {

    /** A timer that fires every microsecond, for ever. */
    private static Simulation endless() {
        Simulation sim = new Simulation();
        int[] timer = new int[1];
        timer[0] = sim.events().timer(a -> sim.events().schedule(timer[0], sim.now() + 1_000), 0);
        sim.events().schedule(timer[0], 0);
        return sim;
    }

    @Test
    void aRunPastItsBudgetStopsAtTheNextLook() {
        Simulation sim = endless();
        AtomicLong progress = new AtomicLong();
        sim.limit(100_000, progress);
        EventBudgetExceeded e = assertThrows(EventBudgetExceeded.class, () -> sim.run(Long.MAX_VALUE));
        // looks every 65,536 events: the second look (131,072) is the first past 100,000
        assertEquals(131_072, sim.processed());
        assertEquals(131_072, progress.get());
        assertEquals(100_000, e.budget());
        assertEquals(131_071_000L, e.atNs());
    }

    @Test
    void withoutABudgetTheRunEndsAtItsHorizon() {
        Simulation sim = endless();
        sim.run(1_000_000_000L);
        assertEquals(1_000_001, sim.processed());
    }
}
