package io.headroom.metrics;

import java.util.List;

/**
 * Receives the time series of a run, one window at a time, as it is produced: a file writer
 * streams it to disk so a run's memory does not grow with its length; {@link WindowSeries} keeps
 * it in memory for tests and short runs.
 */
public interface SeriesSink {
    /** Called once, before any row. */
    void columns(List<String> columns);

    /** Before {@link #columns}: about how many rows the run will write (its profile's windows; a drain may add a few). */
    default void expectRows(long rows) {
    }

    /**
     * One window's values, in column order; NaN means "no value". The array is the recorder's own, filled anew for the
     * next window: a sink copies what it keeps.
     */
    void row(double[] values);
}
