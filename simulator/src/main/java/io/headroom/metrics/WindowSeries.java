package io.headroom.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A time series of fixed windows kept in memory: one row of numbers per window, named columns.
 * NaN stands for "no value" (a percentile of a window without completions).
 */
public final class WindowSeries implements SeriesSink {
    private List<String> columns = List.of();
    private final List<double[]> rows = new ArrayList<>();

    @Override
    public void columns(List<String> names) {
        this.columns = List.copyOf(names);
    }

    @Override
    public void row(double[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(values.clone());
    }

    public List<String> columns() {
        return columns;
    }

    public List<double[]> rows() {
        return rows;
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
