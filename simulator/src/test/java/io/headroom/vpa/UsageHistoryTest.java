package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.cluster.UsageHistory;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VPA history seed read from CSV: the recommender it seeds, and bad files located. */
class UsageHistoryTest {
    private static final long MINUTE = 60_000_000_000L;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** A day of one pod at 0.5 cores a minute: 1441 samples from 0 to 1440 minutes. */
    private String constantDay(String cpu) {
        StringBuilder b = new StringBuilder("timestamp,cpu\n");
        for (int m = 0; m <= 1440; m++) {
            b.append(1_700_000_000L + 60L * m).append(',').append(cpu).append('\n');
        }
        return b.toString();
    }

    @Test
    void aSeededRecommenderEqualsOneFedTheSameSamplesEndingAMinuteBeforeTheStart() throws Exception {
        UsageHistory h = UsageHistory.read(write("h.csv", constantDay("500m")));
        Recommender seeded = new Recommender();
        seeded.seed(h, 1.0);
        Recommender direct = new Recommender();
        for (int m = 0; m <= 1440; m++) {
            direct.addCpuSample(0.5, 1.0, (m - 1440) * MINUTE - MINUTE);
        }
        assertEquals(direct.recommend(0), seeded.recommend(0));
        // By hand: 0.5 cores lies in bucket 25 of the CPU histogram (bucket k starts at 0.01 x (1.05^k - 1) / 0.05:
        // 0.4772 for k = 25, 0.5111 for k = 26); a percentile reads the bucket's end, 0.51114 cores, 511m truncated; plus
        // 15 % (76m truncated): 587m for the target; the upper bound the 95th percentile, the same, x (1 + 1/1 day) = 1174m;
        // the lower bound 587m x (1 + 0.001/1)^-2 = 585.8m, 585m. The history is 1 day long (1440 minutes, 1441 samples).
        assertEquals(new Recommendation(587, 585, 1174, 1.0), seeded.recommend(0));
    }

    @Test
    void timestampsMayBeIsoAndCpuANumberOtherColumnsIgnored() throws Exception {
        UsageHistory h = UsageHistory.read(write("h.csv", """
                # an export
                "timestamp","pod","cpu"
                2026-03-02T10:00:00Z,api-0,0.25
                2026-03-02T10:00:00Z,api-1,250m
                2026-03-02T11:00:00.5+01:00,api-0,1
                """));
        // the last sample (10:00:00.5Z) a minute before 0; the first two half a second before it
        assertEquals(java.util.List.of(-MINUTE - 500_000_000L, -MINUTE - 500_000_000L, -MINUTE),
                java.util.Arrays.stream(h.offsetNs()).boxed().toList());
        assertEquals(java.util.List.of(0.25, 0.25, 1.0), java.util.Arrays.stream(h.cores()).boxed().toList());
    }

    private String error(String text) throws IOException {
        Path f = write("bad.csv", text);
        BadInputException e = assertThrows(BadInputException.class, () -> UsageHistory.read(f));
        return e.errors().get(0).format().replace(f.toString(), "bad.csv");
    }

    @Test
    void badFilesAreLocated() throws IOException {
        BadInputException missing = assertThrows(BadInputException.class, () -> UsageHistory.read(dir.resolve("none.csv")));
        assertEquals(dir.resolve("none.csv") + ":1:1: not found", missing.errors().get(0).format());
        assertEquals("bad.csv:2:1: the header must name the columns 'timestamp' and 'cpu', got 'time,cpu'",
                error("# x\ntime,cpu\n1,0.1\n"));
        assertEquals("bad.csv:3:12: cpu 'lots' is not a number of cores: 'lots' is not a quantity: "
                + io.headroom.yaml.Quantities.FORM_HINT, error("timestamp,cpu\n1,0.1\n1700000060,lots\n"));
        assertEquals("bad.csv:2:3: cpu '-1' must be between 0 and 1000 cores (the recommender's histogram ends at 1000)",
                error("timestamp,cpu\n1,-1\n"));
        assertEquals("bad.csv:3:1: timestamps must not decrease: '50' comes after a later one", error("timestamp,cpu\n60,0.1\n50,0.1\n"));
        assertEquals("bad.csv:2:1: timestamp 'yesterday' is neither unix seconds nor ISO-8601 with an offset (e.g."
                + " 2026-03-02T10:00:00Z)", error("timestamp,cpu\nyesterday,0.1\n"));
        assertEquals("bad.csv:2:1: a row of 1 cells under a header of 2", error("timestamp,cpu\n60\n"));
        assertEquals("bad.csv:1:1: has no samples under its header", error("timestamp,cpu\n\n"));
    }

    @Test
    void theExampleHistoryReads() throws Exception {
        Path example = Path.of("../examples/vpa/api-cpu-history.csv");
        UsageHistory h = UsageHistory.read(example);
        assertEquals(4608, h.cores().length);
        assertEquals(-MINUTE, h.offsetNs()[4607]);
        assertEquals(-(8 * 1440 - 5) * MINUTE - MINUTE, h.offsetNs()[0]); // 8 days less one 5-minute window
        Recommender r = new Recommender();
        r.seed(h, 0.5);
        // upstream's confidence counts a sample a minute: 4608 samples are 3.2 days' worth, though they span 7.9965 days
        assertEquals(3.2, r.recommend(0).historyDays(), 1e-12);
    }
}
