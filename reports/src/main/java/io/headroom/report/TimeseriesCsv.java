package io.headroom.report;

import io.headroom.metrics.WindowSeries;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code timeseries.csv}: one row per window, the columns of DESIGN.md ({@code t_s, arrivals,
 * completions, errors, ...}); a blank cell means no value (a percentile of a window without
 * completions, a cost without prices).
 */
public final class TimeseriesCsv {
    private TimeseriesCsv() {
    }

    public static void write(Path file, WindowSeries series) throws IOException {
        AtomicFiles.write(file, w -> {
            w.write(String.join(",", series.columns()));
            w.write('\n');
            StringBuilder line = new StringBuilder(256);
            for (double[] row : series.rows()) {
                line.setLength(0);
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(Numbers.cell(row[i], 6));
                }
                line.append('\n');
                w.write(line.toString());
            }
        });
    }
}
