package io.headroom.fleet;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import java.util.Arrays;

/**
 * One event-queue timer per instance slot, each calling the same handler with its slot number: how each of
 * the fleet's clocks (lifecycle steps, crashes, spot notices) keeps at most one pending event per instance.
 * A slot's timer is made once, when the fleet grows ({@link #grow}, then {@link #create} for each new slot),
 * and rescheduled from then on, so the clocks allocate nothing per event.
 */
final class SlotTimers {
    private final EventQueue events;
    private final EventHandler handler;
    private int[] timer = new int[0];

    SlotTimers(EventQueue events, EventHandler handler) {
        this.events = events;
        this.handler = handler;
    }

    /** Room for {@code n} slots; the new ones have no timer until {@link #create}d. */
    void grow(int n) {
        timer = Arrays.copyOf(timer, n);
    }

    void create(int slot) {
        timer[slot] = events.timer(handler, slot);
    }

    /** Sets {@code slot}'s event at {@code at}, replacing any pending one. */
    void schedule(int slot, long at) {
        events.schedule(timer[slot], at);
    }

    void cancel(int slot) {
        events.cancel(timer[slot]);
    }

    /** Cancels every slot's pending event. */
    void cancelAll() {
        for (int i = 0; i < timer.length; i++) {
            events.cancel(timer[i]);
        }
    }

    /** Whether {@code slot} has an event to come. */
    boolean pending(int slot) {
        return events.isScheduled(timer[slot]);
    }

    /** When {@code slot}'s event is due (only meaningful if {@link #pending}). */
    long dueAt(int slot) {
        return events.timeOf(timer[slot]);
    }
}
