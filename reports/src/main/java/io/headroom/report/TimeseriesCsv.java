package io.headroom.report;

import io.headroom.metrics.SeriesSink;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code timeseries.csv}: one row per window, the columns of DESIGN.md ({@code t_s, arrivals,
 * completions, errors, ...}); a blank cell means no value (a percentile of a window without
 * completions, a cost without prices).
 *
 * <p>Rows are streamed to a temporary file while the run goes on, so a long run's memory does not
 * grow with its length; {@link #stage} puts the finished file beside its target, for
 * {@link AtomicFiles#commit} to move into place. Until then nothing appears in the output folder.
 */
public final class TimeseriesCsv implements SeriesSink, Closeable {
    private final Path tmp;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);

    private TimeseriesCsv(Path tmp) throws IOException {
        this.tmp = tmp;
        this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
    }

    /** A sink writing to a fresh temporary file (in the system's temporary folder). */
    public static TimeseriesCsv open() throws IOException {
        return new TimeseriesCsv(Files.createTempFile("headroom-timeseries-", ".csv"));
    }

    @Override
    public void columns(List<String> columns) {
        write(String.join(",", columns) + "\n");
    }

    @Override
    public void row(double[] values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Numbers.appendCell(line, values[i]);
        }
        line.append('\n');
        write(line);
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the time series to " + tmp, e);
        }
    }

    /** Finishes the file and stages it beside {@code target} (see {@link AtomicFiles#commit}). */
    public Path stage(Path target) throws IOException {
        out.close();
        Path staged = AtomicFiles.stageBytes(target, o -> Files.copy(tmp, o));
        Files.deleteIfExists(tmp);
        return staged;
    }

    /** Discards the temporary file (a run that failed). */
    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(tmp);
    }
}
