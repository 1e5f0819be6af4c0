package io.headroom.engine;

/**
 * A run fired more events than it was allowed ({@code --max-events}): the estimate made before it
 * started was too low, and the run is stopped rather than left to run for hours. Nothing it measured is
 * kept: a run cut short at an arbitrary instant is no result.
 */
public final class EventBudgetExceeded extends RuntimeException {
    private final long budget;
    private final long atNs;

    public EventBudgetExceeded(long budget, long atNs) {
        super("the run fired more than its budget of " + budget + " events (at " + atNs / 1_000_000_000L
                + " s of simulated time)");
        this.budget = budget;
        this.atNs = atNs;
    }

    /** The events the run was allowed. */
    public long budget() {
        return budget;
    }

    /** The simulated instant at which it passed them, in nanoseconds. */
    public long atNs() {
        return atNs;
    }
}
