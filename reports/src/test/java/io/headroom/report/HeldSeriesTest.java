package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of {@code headroom run} takes the time series from the sink that wrote it instead of
 * reading the file back: the values must be the file's, bit for bit, or the run's charts would
 * differ from {@code headroom report}'s.
 */
class HeldSeriesTest {
    /** Values of every kind a window row holds: whole, fixed-point, tiny, negative, huge, blank. */
    private static double value(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> r.nextInt(100_000);
            case 1 -> r.nextDouble() * 1_000;
            case 2 -> r.nextDouble() * 1e-5;
            case 3 -> -r.nextDouble() * 50;
            case 4 -> -r.nextDouble() * 1e-7; // written as 0
            case 5 -> r.nextDouble() * 9.99e8;
            case 6 -> 1e9 + r.nextDouble() * 1e12;
            case 7 -> r.nextDouble() * 1e20;
            case 8 -> Double.NaN;
            case 9 -> -0.0;
            case 10 -> Math.round(r.nextDouble() * 1e6) / 1e6 + 0.5e-6; // on a rounding boundary
            default -> 1e15 + r.nextInt(1000);
        };
    }

    @Test
    void asWrittenIsWhatTheReaderParses() {
        SplittableRandom r = new SplittableRandom(11);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            double x = value(r);
            b.setLength(0);
            Numbers.appendCell(b, x);
            double read = RunReport.Series.parse(b.toString(), 0, b.length());
            assertEquals(Double.doubleToRawLongBits(read), Double.doubleToRawLongBits(Numbers.asWritten(x)), "x = " + x + " written " + b);
        }
    }

    @Test
    void theFileIsTheRowsTextInUtf8(@TempDir Path tmp) throws Exception {
        // rows go out as their ASCII bytes, the header through UTF-8 (a component's name need not be ASCII)
        Path target = tmp.resolve("timeseries.csv");
        TimeseriesCsv sink = TimeseriesCsv.open(target);
        sink.columns(List.of("t_s", "café.instances", "p99_ms"));
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder expected = new StringBuilder("t_s,café.instances,p99_ms\n");
        for (int i = 0; i < 5_000; i++) {
            double[] row = {i * 10, value(r), value(r)};
            sink.row(row);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    expected.append(',');
                }
                Numbers.appendCell(expected, row[c]);
            }
            expected.append('\n');
        }
        Files.move(sink.stage(), target);
        sink.close();
        assertArrayEquals(expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), Files.readAllBytes(target));
    }

    /** As the run hands it over: without a row count (grown as it goes), with one its drain fits in, and with too few. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {-1, 4_990, 3_000})
    void heldSeriesIsTheFileReadBack(long expected, @TempDir Path tmp) throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        Path target = tmp.resolve("timeseries.csv");
        TimeseriesCsv sink = TimeseriesCsv.open(target);
        if (expected > 0) {
            sink.expectRows(expected);
        }
        List<String> names = List.of("t_s", "arrivals", "p99_ms", "api.utilisation", "api.utilisation", "cost_usd_per_hour", "window_s");
        sink.columns(names);
        double[] row = new double[names.size()]; // one array for every row, as the recorder hands them
        for (int i = 0; i < 5_000; i++) {
            row[0] = i * 10;
            for (int c = 1; c < row.length; c++) {
                row[c] = value(r);
            }
            sink.row(row);
        }
        Files.move(sink.stage(), target);
        sink.close();
        RunReport.Series held = sink.held();
        assertNull(sink.held(), "handed over once: the report then reads the file");
        RunReport.Series read = RunReport.Series.read(target);
        assertEquals(read.rows(), held.rows());
        for (String c : names) {
            // a held column may be longer than the series (room for a drain): its first rows are the file's
            assertArrayEquals(bits(read.column(c)), bits(java.util.Arrays.copyOf(held.column(c), held.rows())), c);
        }
        for (int max : new int[] {1500, 10_000}) { // merged, and whole
            RunReport.Series charted = held.firstCoarsened(held.rows(), max);
            for (String c : names) {
                assertEquals(charted.rows(), charted.column(c).length, "charted columns are exact: " + c);
            }
        }
    }

    @Test
    void aSeriesTooLongToHoldIsReadFromTheFile(@TempDir Path tmp) throws Exception {
        TimeseriesCsv sink = TimeseriesCsv.open(tmp.resolve("timeseries.csv"));
        sink.columns(List.of("t_s", "arrivals"));
        long rows = TimeseriesCsv.HELD_CELLS / 2 + 1;
        double[] row = new double[2];
        for (long i = 0; i < rows; i++) {
            row[0] = i;
            sink.row(row);
        }
        sink.close();
        assertNull(sink.held());
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
