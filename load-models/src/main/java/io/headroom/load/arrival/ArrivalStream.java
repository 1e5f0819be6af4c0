package io.headroom.load.arrival;

/**
 * The start times of users, in nanoseconds since the start of the run, in non-decreasing order.
 * Pulled one at a time by the simulator so that a day of load never sits in memory.
 */
public interface ArrivalStream {
    /** Returned by {@link #next()} once the stream is exhausted. */
    long END = Long.MAX_VALUE;

    /** Returned by {@link #key()} when arrivals carry no key of their own. */
    long NO_KEY = -1;

    /** The next arrival time, or {@link #END}. */
long next();

    /**
     * The key of the arrival last returned by {@link #next()} when the stream knows it (an access
     * log's path), else {@link #NO_KEY}: the profile's key popularity then draws one.
     */
    default long key() {
        return NO_KEY;
    }
}
