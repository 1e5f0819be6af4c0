package io.headroom.load;

/**
 * The start times of users, in nanoseconds since the start of the run, in non-decreasing order.
 * Pulled one at a time by the simulator so that a day of load never sits in memory.
 */
public interface ArrivalStream {
    /** Returned by {@link #next()} once the stream is exhausted. */
    long END = Long.MAX_VALUE;

    /** The next arrival time, or {@link #END}. */
    long next();
}
