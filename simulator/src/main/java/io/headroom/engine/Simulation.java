package io.headroom.engine;

/**
 * The clock and event loop of one replication. Single-threaded and lock-free by design:
 * parallelism in Headroom is across replications and sweep points, never inside a run.
 */
public final class Simulation {
    private final EventQueue events = new EventQueue();
    private long now;
    private long processed;
    private boolean stopRequested;

    /** Current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    public EventQueue events() {
        return events;
    }

    /** Number of events fired so far (for benchmarks and progress). */
    public long processed() {
        return processed;
    }

    /** Ends {@link #run} after the current event. */
    public void stop() {
        stopRequested = true;
    }

    public boolean stopped() {
        return stopRequested;
    }

    /**
     * Fires events in order until none is left, the next is later than {@code until}, or
     * {@link #stop()} is called. The clock is left at the last event's time.
     */
    public void run(long until) {
        EventQueue q = events;
        while (!stopRequested && !q.isEmpty()) {
            long t = q.peekTime();
            if (t > until) {
                break;
            }
            if (t < now) {
                throw new IllegalStateException("event at " + t + " ns is before the clock at " + now + " ns");
            }
            int slot = q.pop();
            now = t;
            processed++;
            q.handlerOf(slot).fire(q.argOf(slot));
        }
    }

    /** Moves the clock forward without firing anything (used to close a run at its horizon). */
    public void advanceTo(long t) {
        if (t > now) {
            now = t;
        }
    }
}
