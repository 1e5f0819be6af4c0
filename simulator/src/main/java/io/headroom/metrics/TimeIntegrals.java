package io.headroom.metrics;

import java.util.Arrays;

/**
 * One {@link TimeIntegral} per row (per instance slot, say) in primitive arrays, so that keeping
 * many of them allocates nothing per update and one object serves every row:
 * {@code sum[i] += level × (now − lastT[i])} before every change of row {@code i}'s level.
 */
public final class TimeIntegrals {
    private double[] sum;
    private long[] lastT;

    /** {@code rows} integrals, all starting at time 0 with nothing accumulated. */
    public TimeIntegrals(int rows) {
        sum = new double[rows];
        lastT = new long[rows];
    }

    /** Adds {@code level × (now − lastT)} to row {@code i} and moves it to {@code now}; nothing when time has not advanced. */
    public void update(int i, long now, double level) {
        long dt = now - lastT[i];
        if (dt > 0) {
            sum[i] += level * dt;
            lastT[i] = now;
        }
    }

    /** Row {@code i}'s integral up to its last update. */
    public double sum(int i) {
        return sum[i];
    }

    /** Moves row {@code i}'s clock to {@code now} without accumulating: the time before is not counted. */
    public void restart(int i, long now) {
        lastT[i] = now;
    }

    /** Rows held; {@link #grow} adds more. */
    public int rows() {
        return sum.length;
    }

    /** Grows to {@code rows} rows; the new ones start at time 0 with nothing accumulated. */
    public void grow(int rows) {
        sum = Arrays.copyOf(sum, rows);
        lastT = Arrays.copyOf(lastT, rows);
    }
}
