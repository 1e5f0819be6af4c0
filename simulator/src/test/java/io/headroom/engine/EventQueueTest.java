package io.headroom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The event queue orders by (time, insertion sequence), and timers reschedule and cancel in place. */
class EventQueueTest {

    @Test
    void sameTimeEventsFireInInsertionOrder() {
        Simulation sim = new Simulation();
        List<Integer> fired = new ArrayList<>();
        EventHandler h = fired::add;
        for (int i = 0; i < 100; i++) {
            sim.events().once(h, i, 5);
        }
        sim.events().once(h, -1, 4);
        sim.run(Long.MAX_VALUE);
        assertEquals(-1, fired.get(0));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, fired.get(i + 1));
        }
    }

    @Test
    void rescheduledTimerCountsAsNewInsertion() {
        Simulation sim = new Simulation();
        List<Integer> fired = new ArrayList<>();
        EventHandler h = fired::add;
        int timer = sim.events().timer(h, 7);
        sim.events().schedule(timer, 10);
        sim.events().once(h, 1, 10);
        sim.events().schedule(timer, 10); // moved behind the one-shot at the same time
        sim.events().once(h, 2, 3);
        sim.run(Long.MAX_VALUE);
        assertEquals(List.of(2, 1, 7), fired);
    }

    @Test
    void timesFarApartKeepTheirOrder() {
        // times whose difference overflows a long (a wrapped, negative time beside one near Long.MAX_VALUE) still
        // order exactly: the queue pops them in (time, sequence) order and a reschedule moves them where they belong
        EventQueue q = new EventQueue();
        long[] times = {Long.MAX_VALUE - 3, Long.MIN_VALUE + 5, 7, Long.MAX_VALUE - 3, -2, 0, Long.MAX_VALUE, Long.MIN_VALUE + 5, 12};
        int[] timers = new int[times.length];
        for (int k = 0; k < times.length; k++) {
            timers[k] = q.timer(arg -> { }, k);
            q.schedule(timers[k], times[k]);
        }
        q.schedule(timers[2], Long.MIN_VALUE); // from 7 to the earliest possible time
        q.schedule(timers[6], -1);             // from the latest to -1, between -2 and 0
        assertEquals(List.of(2, 1, 7, 4, 6, 5, 8, 0, 3), popAll(q));

        // the earliest leaves and the last event sifts down between two children whose times are 2^64 - 8 apart
        EventQueue two = new EventQueue();
        long[] apart = {Long.MIN_VALUE, Long.MAX_VALUE - 3, Long.MIN_VALUE + 5, Long.MAX_VALUE};
        for (int k = 0; k < apart.length; k++) {
            two.schedule(two.timer(arg -> { }, k), apart[k]);
        }
        assertEquals(List.of(0, 2, 1, 3), popAll(two));
    }

    @Test
    void popUntilTakesOnlyWhatIsDueAndLeavesTheRest() {
        // the loop's one call per event: an event later than the bound stays, as do the same-instant ring's events when
        // their instant is past the bound; nothing due answers NONE and changes nothing
        EventQueue q = new EventQueue();
        assertEquals(EventQueue.NONE, q.popUntil(Long.MAX_VALUE));
        int timer = q.timer(arg -> { }, 9);
        q.schedule(timer, 20);
        q.once(arg -> { }, 1, 10);
        assertEquals(EventQueue.NONE, q.popUntil(9));
        assertEquals(2, q.size());
        assertEquals(1, q.argOf(q.popUntil(10)));
        assertEquals(10, q.current());
        q.once(arg -> { }, 2, 10); // at the current instant: it waits in the ring
        assertEquals(EventQueue.NONE, q.popUntil(9));
        assertEquals(2, q.argOf(q.popUntil(10)));
        assertEquals(EventQueue.NONE, q.popUntil(19));
        assertTrue(q.isScheduled(timer));
        assertEquals(9, q.argOf(q.popUntil(20)));
        assertEquals(20, q.current());
        assertFalse(q.isScheduled(timer)); // a timer popped and not rescheduled is gone
        assertEquals(EventQueue.NONE, q.popUntil(Long.MAX_VALUE));
        assertThrows(java.util.NoSuchElementException.class, q::pop);
    }

    private static List<Integer> popAll(EventQueue q) {
        List<Integer> popped = new ArrayList<>();
        while (!q.isEmpty()) {
            popped.add(q.argOf(q.pop()));
        }
        return popped;
    }

    @Test
    void cancelledTimerDoesNotFire() {
        Simulation sim = new Simulation();
        List<Integer> fired = new ArrayList<>();
        int timer = sim.events().timer(fired::add, 1);
        sim.events().schedule(timer, 10);
        assertTrue(sim.events().isScheduled(timer));
        sim.events().cancel(timer);
        assertFalse(sim.events().isScheduled(timer));
        sim.events().cancel(timer); // harmless
        sim.run(Long.MAX_VALUE);
        assertTrue(fired.isEmpty());
    }

    /** {@code n} timers of {@code q} whose handler does nothing, timer {@code i} with argument {@code i}. */
    private static int[] idleTimers(EventQueue q, int n) {
        int[] timer = new int[n];
        for (int i = 0; i < n; i++) {
            timer[i] = q.timer(a -> { }, i);
        }
        return timer;
    }

    /** The reference model of the queue: events keyed by {time, insertion sequence}, in firing order. */
    private static TreeMap<long[], Integer> byTimeThenSequence() {
        return new TreeMap<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    }

    /** Random schedules, reschedules and cancels against a sorted-map model of the same queue. */
    @Test
    void matchesReferenceModelUnderRandomOperations() {
        SplittableRandom rnd = new SplittableRandom(42);
        EventQueue q = new EventQueue();
        int timers = 50;
        int[] slot = idleTimers(q, timers);
        // reference: key (time, seq) -> timer id; and timer id -> key
        TreeMap<long[], Integer> model = byTimeThenSequence();
        Map<Integer, long[]> keyOf = new HashMap<>();
        long seq = 0;
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = rnd.nextInt(10);
            int t = rnd.nextInt(timers);
            if (op < 5) {
                long time = now + rnd.nextInt(100);
                if (keyOf.containsKey(t)) {
                    model.remove(keyOf.get(t));
                }
                long[] key = {time, seq++};
                model.put(key, t);
                keyOf.put(t, key);
                q.schedule(slot[t], time);
            } else if (op < 7) {
                if (keyOf.containsKey(t)) {
                    model.remove(keyOf.remove(t));
                }
                q.cancel(slot[t]);
            } else if (!model.isEmpty()) {
                var first = model.pollFirstEntry();
                keyOf.remove(first.getValue());
                assertEquals(first.getKey()[0], q.peekTime());
                int s = q.pop();
                assertEquals(slot[first.getValue()], s, "step " + step);
                assertFalse(q.isScheduled(s), "a popped timer is not pending until rescheduled");
                now = first.getKey()[0];
            }
            // a timer just popped may be rescheduled, cancelled or asked about before anything else fires
            int asked = rnd.nextInt(timers);
            assertEquals(keyOf.containsKey(asked), q.isScheduled(slot[asked]), "step " + step);
            if (keyOf.containsKey(asked)) {
                assertEquals(keyOf.get(asked)[0], q.timeOf(slot[asked]), "step " + step);
            }
            assertEquals(model.size(), q.size());
        }
    }

    /**
     * One-shot events, timers and boundary timers ({@code scheduleFirst}) mixed as a run mixes
     * them — many one-shots for the current instant (hand-offs, which wait in the ring), some
     * cancelled — fire in exactly the (time, sequence) order of a sorted-map model of the queue,
     * popped with a bound ({@link EventQueue#popUntil}) that sometimes falls just before the earliest.
     */
    @Test
    void sameInstantHandOffsKeepTheHeapOrder() {
        SplittableRandom rnd = new SplittableRandom(7);
        EventQueue q = new EventQueue();
        int timers = 20;
        int[] timer = idleTimers(q, timers);
        // model: (time, seq) -> event id; ids 0..timers-1 are the timers, larger ids one-shots
        TreeMap<long[], Integer> model = byTimeThenSequence();
        Map<Integer, long[]> keyOf = new HashMap<>();
        Map<Integer, Integer> slotOf = new HashMap<>(); // pending one-shot id -> its slot
        List<Integer> pendingOnce = new ArrayList<>();
        long seq = 0;
        long firstSeq = Long.MIN_VALUE;
        int nextId = timers;
        long now = 0;
        int fromRing = 0;
        for (int step = 0; step < 300_000; step++) {
            int op = rnd.nextInt(20);
            if (op < 6) { // a hand-off at the current instant (after the first pop: into the ring)
                int id = nextId++;
                long[] key = {now, seq++};
                model.put(key, id);
                keyOf.put(id, key);
                slotOf.put(id, q.once(a -> { }, id, now));
                pendingOnce.add(id);
                fromRing++;
            } else if (op < 9) { // a one-shot later
                int id = nextId++;
                long[] key = {now + 1 + rnd.nextInt(5), seq++};
                model.put(key, id);
                keyOf.put(id, key);
                slotOf.put(id, q.once(a -> { }, id, key[0]));
                pendingOnce.add(id);
            } else if (op < 12) { // a timer, now or later (the current instant included)
                int t = rnd.nextInt(timers);
                if (keyOf.containsKey(t)) {
                    model.remove(keyOf.get(t));
                }
                long[] key = {now + rnd.nextInt(3), seq++};
                model.put(key, t);
                keyOf.put(t, key);
                q.schedule(timer[t], key[0]);
            } else if (op == 12) { // a boundary timer: ahead of everything at its instant
                int t = rnd.nextInt(timers);
                if (keyOf.containsKey(t)) {
                    model.remove(keyOf.get(t));
                }
                long[] key = {now + 1 + rnd.nextInt(3), firstSeq++};
                model.put(key, t);
                keyOf.put(t, key);
                q.scheduleFirst(timer[t], key[0]);
            } else if (op == 13 && !pendingOnce.isEmpty()) { // withdraw a pending one-shot
                int id = pendingOnce.remove(rnd.nextInt(pendingOnce.size()));
                model.remove(keyOf.remove(id));
                int slot = slotOf.remove(id);
                assertTrue(q.isScheduled(slot));
                q.cancelOnce(slot);
            } else if (op == 14) {
                int t = rnd.nextInt(timers);
                if (keyOf.containsKey(t)) {
                    model.remove(keyOf.remove(t));
                }
                q.cancel(timer[t]);
            } else if (!model.isEmpty()) {
                // popped as the event loop pops: up to a bound just before, at or after the earliest event's time
                long bound = model.firstKey()[0] + rnd.nextInt(3) - 1;
                assertEquals(model.firstKey()[0], q.peekTime(), "step " + step);
                if (bound < model.firstKey()[0]) {
                    assertEquals(EventQueue.NONE, q.popUntil(bound), "step " + step);
                    assertEquals(model.size(), q.size(), "step " + step);
                    continue;
                }
                var first = model.pollFirstEntry();
                int id = first.getValue();
                keyOf.remove(id);
                int s = q.popUntil(bound);
                assertEquals(first.getKey()[0], q.current(), "step " + step);
                if (id < timers) {
                    assertEquals(timer[id], s, "step " + step);
                } else {
                    assertEquals(slotOf.remove(id), s, "step " + step);
                    assertEquals(id, q.argOf(s));
                    pendingOnce.remove(Integer.valueOf(id));
                }
                now = first.getKey()[0];
            }
            assertEquals(model.size(), q.size(), "step " + step);
            assertEquals(model.isEmpty(), q.isEmpty());
        }
        assertTrue(fromRing > 50_000, "the ring was exercised: " + fromRing);
    }
}
