package io.headroom.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A time series of fixed windows: one row of numbers per window, named columns. NaN stands for
 * "no value" (a percentile of a window without completions). Its size is the run's length divided
 * by the window, whatever the request rate.
 */
public final class WindowSeries {
    private final List<String> columns;
    private final List<double[]> rows = new ArrayList<>();

    public WindowSeries(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public List<String> columns() {
        return columns;
    }

    public List<double[]> rows() {
        return rows;
    }

    public void add(double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
        }
        rows.add(row);
    }

    /** The values of one column, in time order. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }
}
