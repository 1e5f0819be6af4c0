package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long series are merged for charts: counts add up, the rest is time-averaged, blanks left out. */
class SeriesCoarseningTest {

    @Test
    void mergesRunsOfWindows(@TempDir Path tmp) throws Exception {
        StringBuilder csv = new StringBuilder("t_s,arrivals,errors.timeout,p99_ms,api.utilisation,window_s\n");
        for (int i = 0; i < 10; i++) {
            csv.append(i * 10).append(',').append(i).append(",1,").append(i % 2 == 0 ? "" : Integer.toString(i)).append(',')
                    .append(i / 10.0).append(",10\n");
        }
        Path f = Files.writeString(tmp.resolve("timeseries.csv"), csv.toString());
        RunReport.Series s = RunReport.Series.read(f);
        assertSame(s, s.coarsened(10), "short series unchanged");
        RunReport.Series c = s.coarsened(4); // 3 windows per bucket: 4 buckets (3, 3, 3, 1)
        assertEquals(4, c.rows());
        assertEquals(0 + 1 + 2, c.column("arrivals")[0], 1e-12, "counts add up");
        assertEquals(3, c.column("errors.timeout")[1], 1e-12);
        assertEquals(30, c.column("window_s")[0], 1e-12);
        assertEquals(30, c.column("t_s")[1], 1e-12);
        assertEquals(1.0, c.column("p99_ms")[0], 1e-12, "blank cells left out of the average");
        assertEquals((0.3 + 0.4 + 0.5) / 3, c.column("api.utilisation")[1], 1e-12, "time-weighted mean");
        assertEquals(9, c.column("arrivals")[3], 1e-12);
    }

    @Test
    void theWindowsBeforeTheDrainAreChartedInPlaceAsTheirCopyWouldBe(@TempDir Path tmp) throws Exception {
        // 20 windows of 10 s, then a drain from 195 s; window_s left blank in the last two, so their lengths are inferred:
        // the 20th's from the next window's start in the whole series (5 s), from the one before it among the first 20 (10 s)
        StringBuilder csv = new StringBuilder("t_s,arrivals,p99_ms,window_s\n");
        for (int i = 0; i < 21; i++) {
            csv.append(i == 20 ? 195 : i * 10).append(',').append(i + 1).append(',').append(i % 3 == 0 ? "" : Double.toString(i * 1.5))
                    .append(',').append(i >= 19 ? "" : "10").append('\n');
        }
        RunReport.Series s = RunReport.Series.read(Files.writeString(tmp.resolve("timeseries.csv"), csv.toString()));
        assertEquals(20, s.prefixBefore(195));
        for (int max : new int[] {3, 6, 7, 19, 20, 50}) {
            RunReport.Series copied = s.before(195).coarsened(max);
            RunReport.Series inPlace = s.firstCoarsened(s.prefixBefore(195), max);
            assertEquals(copied.rows(), inPlace.rows(), "max " + max);
            for (String c : new String[] {"t_s", "arrivals", "p99_ms", "window_s"}) {
                assertArrayEquals(copied.column(c), inPlace.column(c), "max " + max + ", " + c);
            }
        }
        assertEquals(-1, RunReport.Series.read(Files.writeString(tmp.resolve("t2.csv"), "t_s,window_s\n0,10\n20,10\n10,10\n"))
                .prefixBefore(15), "times that fall are not a prefix");
    }
}
