package io.headroom.metrics;

/**
 * The integrals over time of several levels that always change at the same instants (a service's
 * busy workers, queue, requests in it…), kept on one clock: {@link #advance} moves the clock and
 * gives the time elapsed, then {@link #add} adds each level as it was, {@code sum[k] += level × dt}
 * — the same products, in the same floating point, as one {@link TimeIntegral} per level, with one
 * clock to read and move instead of one per level (this is on the simulator's hot path).
 */
public final class LevelIntegrals {
    private final double[] sum;
    private long lastT;

    /** {@code levels} integrals, starting at time 0 with nothing accumulated. */
    public LevelIntegrals(int levels) {
        sum = new double[levels];
    }

    /** Whether the clock is already at {@code now} (or past it): an update now would add nothing. */
    public boolean current(long now) {
        return now <= lastT;
    }

    /**
     * Moves the clock to {@code now} and returns the nanoseconds elapsed since it last moved; 0 (and the
     * clock kept) when time has not advanced, so that nothing is to be added.
     */
    public long advance(long now) {
        long dt = now - lastT;
        if (dt <= 0) {
            return 0;
        }
        lastT = now;
        return dt;
    }

    /** Adds {@code level × dt} to level {@code k}'s integral ({@code dt} from {@link #advance}). */
    public void add(int k, double level, long dt) {
        sum[k] += level * dt;
    }

    /** Level {@code k}'s integral up to the last move of the clock, in level × nanoseconds. */
    public double sum(int k) {
        return sum[k];
    }

    /** The instant the clock last moved to. */
    public long lastT() {
        return lastT;
    }
}
