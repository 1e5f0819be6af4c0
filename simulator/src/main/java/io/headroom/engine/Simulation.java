package io.headroom.engine;

/**
 * The clock and event loop of one replication. Single-threaded and lock-free by design:
 * parallelism in Headroom is across replications and sweep points, never inside a run.
 */
public final class Simulation {
    /**
     * Events between two looks at the budget and the progress counter: one comparison per event, and
     * a shared counter touched once per 65,536 events, so no cost worth measuring on the hot path.
     */
    public static final int CHECK_EVERY = 1 << 16;

    private final EventQueue events = new EventQueue();
    private long now;
    private long processed;
    private boolean stopRequested;
    private long nextCheck = CHECK_EVERY;
    private long budget = Long.MAX_VALUE;
    private java.util.concurrent.atomic.AtomicLong progress;

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

    /**
     * Allows at most about {@code maxEvents} events (looked at every {@link #CHECK_EVERY}; beyond them
     * {@link #run} throws {@link EventBudgetExceeded}) and adds the events fired to {@code progress}
     * (shared by the runs of a command; null for none) as the run goes.
     */
    public void limit(long maxEvents, java.util.concurrent.atomic.AtomicLong progress) {
        this.budget = maxEvents;
        this.progress = progress;
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
        while (!stopRequested) {
            int slot = q.popUntil(until);
            if (slot == EventQueue.NONE) {
                break;
            }
            long t = q.current();
            if (t < now) {
                throw new IllegalStateException("event at " + t + " ns is before the clock at " + now + " ns");
            }
            now = t;
            if (++processed == nextCheck) {
                checkpoint();
            }
            q.handlerOf(slot).fire(q.argOf(slot));
        }
    }

    /** Every {@link #CHECK_EVERY} events: counts them into the progress and stops a run past its budget. */
    private void checkpoint() {
        nextCheck += CHECK_EVERY;
        if (progress != null) {
            progress.addAndGet(CHECK_EVERY);
        }
        if (processed > budget) {
            throw new EventBudgetExceeded(budget, now);
        }
    }

    /** Moves the clock forward without firing anything (used to close a run at its horizon). */
    public void advanceTo(long t) {
        if (t > now) {
            now = t;
        }
    }
}
