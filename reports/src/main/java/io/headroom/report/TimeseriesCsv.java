package io.headroom.report;

import io.headroom.metrics.SeriesSink;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeseries.csv}: one row per window, the columns of DESIGN.md ({@code t_s, arrivals,
 * completions, errors, ...}); a blank cell means no value (a percentile of a window without
 * completions, a cost without prices).
 *
 * <p>Rows are streamed, while the run goes on, to a staging file beside the target (see {@link AtomicFiles}),
 * so a long run's memory does not grow with its length and nothing of it goes to the system's temporary
 * folder; {@link #stage} finishes that file for {@link AtomicFiles#commit} to move into place. A run that
 * fails or is abandoned ({@link #close} without {@link #stage}) removes it, and the output folder too when
 * this sink created it and it is still empty.
 */
public final class TimeseriesCsv implements SeriesSink, Closeable {
    private final Path tmp;
    private final Path createdDir;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
    private boolean staged;
    // the rows as they read back, for the report (see held); null once they outgrew HELD_CELLS
    private List<String> header;
    private double[][] held;
    private int heldRows;

    private TimeseriesCsv(Path tmp, Path createdDir) throws IOException {
        this.tmp = tmp;
        this.createdDir = createdDir;
        this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
    }

    /** A sink writing to a fresh staging file beside {@code target} (its folder is created if need be). */
    public static TimeseriesCsv open(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path created = Files.isDirectory(dir) ? null : dir;
        return new TimeseriesCsv(AtomicFiles.tempBeside(target), created);
    }

    /**
     * Cells held in memory for the run's report (32 MB): a longer series is read back from the file
     * instead, so memory stays bounded however long the run.
     */
    static final long HELD_CELLS = 1L << 22;

    @Override
    public void columns(List<String> columns) {
        String first = String.join(",", columns);
        write(first + "\n");
        header = List.of(first.trim().split(",", -1)); // as the reader splits the first line
        held = new double[header.size()][256];
    }

    /**
     * The series as {@link RunReport} reads it back from the staged file (the same doubles, bit for bit),
     * or null when it was too long to hold ({@link #HELD_CELLS}) or the sink wrote no columns.
     */
    RunReport.Series held() {
        if (held == null) {
            return null;
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            columns.putIfAbsent(header.get(c), Arrays.copyOf(held[c], heldRows));
        }
        return new RunReport.Series(header, columns, heldRows);
    }

    private void hold(double[] values) {
        int n = header.size();
        if ((long) (heldRows + 1) * n > HELD_CELLS) {
            held = null;
            return;
        }
        if (heldRows == held[0].length) {
            for (int c = 0; c < n; c++) {
                held[c] = Arrays.copyOf(held[c], heldRows * 2);
            }
        }
        for (int c = 0; c < n; c++) {
            held[c][heldRows] = c < values.length ? Numbers.asWritten(values[c]) : Double.NaN;
        }
        heldRows++;
    }

    @Override
    public void row(double[] values) {
        if (held != null) {
            hold(values);
        }
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

    /** Finishes the staging file and returns it, to be committed over the target (see {@link AtomicFiles#commit}). */
    public Path stage() throws IOException {
        out.close();
        staged = true;
        return tmp;
    }

    /** Discards the staging file unless it was {@link #stage staged} (a run that failed), and the folder this sink created. */
    @Override
    public void close() throws IOException {
        out.close();
        if (staged) {
            return;
        }
        Files.deleteIfExists(tmp);
        if (createdDir != null) {
            try {
                Files.deleteIfExists(createdDir);
            } catch (DirectoryNotEmptyException e) {
                // another file was put there meanwhile: the folder is no longer only ours to remove
            }
        }
    }
}
