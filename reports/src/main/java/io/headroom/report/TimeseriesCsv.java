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
    private char[] chars = new char[256];
    private boolean staged;
    // the rows as they read back, for the report (see held), a column each, sized for the rows expected (expectRows)
    // so that they are not copied as they come, nor when handed over; holding stops once they outgrow HELD_CELLS
    private List<String> header;
    private double[][] held;
    private boolean holding;
    private int heldRows;
    private long expectedRows = 256;

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
        int n = header.size();
        // room for a drain of up to 1/16 more windows beyond the expected ones before the columns must grow,
        // within what may be held at all
        long capacity = Math.min(Math.max(256, expectedRows + expectedRows / 16 + 16), Math.max(1, HELD_CELLS / Math.max(1, n)));
        holding = n > 0;
        held = holding ? new double[n][(int) capacity] : null;
    }

    /** Sizes the held columns for {@code rows} windows (the profile's; a drain may add some). */
    @Override
    public void expectRows(long rows) {
        expectedRows = rows;
    }

    /**
     * The series as {@link RunReport} reads it back from the staged file (the same doubles, bit for bit), handed over
     * once; null when it was too long to hold ({@link #HELD_CELLS}), the sink wrote no columns, or it was handed over.
     */
    RunReport.Series held() {
        if (!holding) {
            return null;
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            columns.putIfAbsent(header.get(c), held[c]); // as long as the rows expected: the series reads its first heldRows
        }
        held = null; // handed over (a second call reads the file)
        holding = false;
        return new RunReport.Series(header, columns, heldRows);
    }

    private void hold(double[] values) {
        int n = header.size();
        if ((long) (heldRows + 1) * n > HELD_CELLS) {
            holding = false;
            held = null;
            return;
        }
        if (heldRows == held[0].length) { // more windows than expected
            int grown = (int) Math.min((long) heldRows * 2, HELD_CELLS / n);
            for (int c = 0; c < n; c++) {
                held[c] = java.util.Arrays.copyOf(held[c], grown);
            }
        }
        for (int c = 0; c < n; c++) {
            held[c][heldRows] = c < values.length ? Numbers.asWritten(values[c]) : Double.NaN;
        }
        heldRows++;
    }

    @Override
    public void row(double[] values) {
        if (holding) {
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
        int n = line.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        line.getChars(0, n, chars, 0); // a Writer would make a String of a CharSequence
        try {
            out.write(chars, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the time series to " + tmp, e);
        }
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
