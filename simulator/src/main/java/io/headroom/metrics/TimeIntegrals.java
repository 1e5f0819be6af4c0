package io.headroom.metrics;

import java.util.Arrays;

/**
 * Per row (an instance slot, say), the integrals over time of several levels that change at the same
 * instants, in primitive arrays and on one clock per row, so that keeping many of them allocates nothing
 * per update and one object serves every row: {@link #advance} moves row {@code i}'s clock and gives the
 * time elapsed, then {@link #add} adds each level as it was, {@code sum[i][k] += level × dt} — the same
 * products, in the same floating point, as one {@link TimeIntegral} per row and level. For a single row
 * ({@link LevelIntegrals}) the clock is a field instead.
 */
public final class TimeIntegrals {
    private final int levels;
    private double[] sum; // row i's level k at i * levels + k
    private long[] lastT;

    /** {@code rows} rows of {@code levels} levels each, all starting at time 0 with nothing accumulated. */
    public TimeIntegrals(int rows, int levels) {
        this.levels = levels;
        sum = new double[rows * levels];
        lastT = new long[rows];
    }

    /**
     * Moves row {@code i}'s clock to {@code now} and returns the nanoseconds elapsed since it last moved; 0 (and the
     * clock kept) when time has not advanced, so that nothing is to be added.
     */
    public long advance(int i, long now) {
        long dt = now - lastT[i];
        if (dt <= 0) {
            return 0;
        }
        lastT[i] = now;
        return dt;
    }

    /** Adds {@code level × dt} to row {@code i}'s level {@code k} ({@code dt} from {@link #advance}). */
    public void add(int i, int k, double level, long dt) {
        sum[i * levels + k] += level * dt;
    }

    /** Row {@code i}'s level {@code k}'s integral up to its last move. */
    public double sum(int i, int k) {
        return sum[i * levels + k];
    }

    /** Moves row {@code i}'s clock to {@code now} without accumulating: the time before is not counted. */
    public void restart(int i, long now) {
        lastT[i] = now;
    }

    /** Rows held; {@link #grow} adds more. */
    public int rows() {
        return lastT.length;
    }

    /** Grows to {@code rows} rows; the new ones start at time 0 with nothing accumulated. */
    public void grow(int rows) {
        sum = Arrays.copyOf(sum, rows * levels);
        lastT = Arrays.copyOf(lastT, rows);
    }
}
