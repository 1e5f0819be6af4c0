package io.headroom.experiment;

import io.headroom.metrics.SeriesSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps a run's time series in memory (a comparison overlays the designs' series in its charts). */
public final class SeriesCapture implements SeriesSink {
    private List<String> columns = List.of();
    private final List<double[]> rows = new ArrayList<>();

    @Override
    public void columns(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public void row(double[] values) {
        rows.add(values.clone());
    }

    public List<String> columns() {
        return columns;
    }

    public List<double[]> rows() {
        return rows;
    }

    /** A column by name, or null. */
    public double[] column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            return null;
        }
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[i];
        }
        return out;
    }

    /** The sum of the columns whose names end with {@code suffix} (e.g. every component's instances). */
    public double[] sumOf(String suffix) {
        double[] out = new double[rows.size()];
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).endsWith(suffix)) {
                for (int r = 0; r < out.length; r++) {
                    double v = rows.get(r)[c];
                    out[r] += Double.isNaN(v) ? 0 : v;
                }
            }
        }
        return out;
    }
}
