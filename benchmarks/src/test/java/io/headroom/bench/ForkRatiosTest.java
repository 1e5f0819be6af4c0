package io.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of benchmarks/warm.sh: medians, fork pairs and the order-statistic interval of their ratios. */
class ForkRatiosTest {
    @Test
    void theIntervalIsTheWidestOrderStatisticPairCoveringTheMedianAtNinetyFivePercent() {
        // n = 8: [x(1), x(8)] covers 1 - 2/256 = 99.2 %; [x(2), x(7)] only 1 - 2 * 9/256 = 93.0 %
        ForkRatios.Estimate e8 = ForkRatios.medianInterval(new double[] {8, 1, 7, 2, 6, 3, 5, 4});
        assertEquals(4.5, e8.median());
        assertEquals(1, e8.low());
        assertEquals(8, e8.high());
        assertEquals(1 - 2.0 / 256, e8.coverage(), 1e-12);
        // n = 12: [x(3), x(10)] covers 1 - 2 * 79/4096 = 96.1 %, [x(4), x(9)] 1 - 2 * 299/4096 = 85.4 %
        ForkRatios.Estimate e12 = ForkRatios.medianInterval(new double[] {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertEquals(6.5, e12.median());
        assertEquals(3, e12.low());
        assertEquals(10, e12.high());
        assertEquals(1 - 2 * 79.0 / 4096, e12.coverage(), 1e-12);
        // n = 5: no interval reaches 95 %; the whole range covers 1 - 2/32 = 93.75 %
        ForkRatios.Estimate e5 = ForkRatios.medianInterval(new double[] {3, 1, 2, 5, 4});
        assertEquals(3, e5.median());
        assertEquals(1, e5.low());
        assertEquals(5, e5.high());
        assertEquals(1 - 2.0 / 32, e5.coverage(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ForkRatios.medianInterval(new double[0]));
    }

    @Test
    void ratiosPairForksOfTheSameRoundAndSkipForksOnlyOneSideHas() {
        // the peer twice as fast in rounds 1 and 2, as fast in round 3; round 4 only Headroom has
        ForkRatios.Estimate r = ForkRatios.pairedRatio(Map.of(1, 100.0, 2, 120.0, 3, 300.0),
                Map.of(1, 200.0, 2, 240.0, 3, 300.0, 4, 50.0));
        assertEquals(3, r.n());
        assertEquals(0.5, r.median());
        assertEquals(0.5, r.low());
        assertEquals(1.0, r.high());
    }

    @Test
    void readsJmhResultFilesAndPrintsEachEnginesMedianAndHeadroomsRatios(@TempDir Path dir) throws IOException {
        // fork medians: headroom 400 and 500 ms, handwritten 200 and 200 ms (speed 0.5 and 0.4)
        write(dir.resolve("headroom-mm4-1.json"), 390, 400, 410);
        write(dir.resolve("headroom-mm4-2.json"), 500, 480, 520, 499, 501);
        write(dir.resolve("handwritten-mm4-1.json"), 200, 199, 201);
        write(dir.resolve("handwritten-mm4-2.json"), 200, 210, 190);
        Files.writeString(dir.resolve("headroom-mm4-1.log"), "not a result");
        var all = ForkRatios.read(dir);
        assertEquals(Map.of(1, 400.0, 2, 500.0), all.get("mm4").get("headroom"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForkRatios.print(all, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("headroom       median    450.0 ms over 2 forks (fork medians 400, 500)"), table);
        assertTrue(table.contains("headroom / handwritten speed 0.450, 50.0 % interval 0.400-0.500 (2 fork pairs)"), table);
    }

    @Test
    void workloadNamesMayHoldDashesAndForksWithoutAPartnerAreSaidSo(@TempDir Path dir) throws IOException {
        write(dir.resolve("alone-four-tier-hour-3.json"), 3400, 3300, 3500);
        write(dir.resolve("ssj-four-tier-hour-4.json"), 900);
        var all = ForkRatios.read(dir);
        assertEquals(Map.of(3, 3400.0), all.get("four-tier-hour").get("alone"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForkRatios.print(all, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("alone / ssj: no fork of one round has both"));
    }

    @Test
    void aFolderWithoutResultsIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "nothing here");
        IOException e = assertThrows(IOException.class, () -> ForkRatios.read(dir));
        assertTrue(e.getMessage().contains("no JMH result files"), e.getMessage());
    }

    /**
     * The code before a change, by default ({@code baseline}: 400 and 330 ms against 440 and 300 ms now, ratios 0.909
     * and 1.1, the median 1.005) and on one thread ({@code baselinealone}: 500 and 480 ms against 450 and 600 ms, 1.111
     * and 0.8), is set against Headroom run the same way.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "baseline | headroom | tandem | 400 | 330 | 440 | 300 | headroom / baseline speed 1.005, 50.0 % interval 0.909-1.100 (2 fork pairs)",
        "baselinealone | alone | mm4 | 500 | 480 | 450 | 600 | alone / baselinealone speed 0.956, 50.0 % interval 0.800-1.111 (2 fork pairs)"})
    void anotherCommitsCodeIsAPeerToo(String baseline, String headroom, String workload, double before1, double before2,
                                      double now1, double now2, String line, @TempDir Path dir) throws IOException {
        write(dir.resolve(baseline + "-" + workload + "-1.json"), before1);
        write(dir.resolve(baseline + "-" + workload + "-2.json"), before2);
        write(dir.resolve(headroom + "-" + workload + "-1.json"), now1);
        write(dir.resolve(headroom + "-" + workload + "-2.json"), now2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForkRatios.print(ForkRatios.read(dir), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains(line), table);
    }

    @Test
    void aForkWithoutMeasuredRunsIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ssj-tandem-1.json"), "[{\"primaryMetric\": {\"rawData\": [[]]}}]");
        IOException e = assertThrows(IOException.class, () -> ForkRatios.read(dir));
        assertTrue(e.getMessage().contains("ssj-tandem-1.json: no measured runs"), e.getMessage());
    }

    /** A JMH result file (as -rf json writes it) of one fork with these single-shot times. */
    private static void write(Path file, double... runs) throws IOException {
        StringBuilder raw = new StringBuilder();
        for (double r : runs) {
            raw.append(raw.length() == 0 ? "" : ", ").append(r);
        }
        Files.writeString(file, "[{\"benchmark\": \"x\", \"primaryMetric\": {\"score\": 0, \"rawData\": [[" + raw + "]]}}]");
    }
}
