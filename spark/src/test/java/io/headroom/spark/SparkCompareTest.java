package io.headroom.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.spark.SparkSweepTest.Ran;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark comparison in Spark's own local mode ({@code local[2]}, no web UI, the driver on 127.0.0.1) against
 * {@code headroom compare} run in-process: every file it writes — {@code compare.json}, the report, the overlaid
 * charts — is the same bytes, and its console lines are {@code headroom compare}'s after its own two.
 */
class SparkCompareTest {
    /** The repository's examples, from the module's folder (surefire's working directory). */
    private static final Path EXAMPLES = Path.of("..", "examples");

    static Ran spark(String... args) {
        SparkConf conf = new SparkConf(false).setMaster("local[2]").setAppName("headroom-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SparkCompare.execute(args, conf, new PrintWriter(out), new PrintWriter(err));
        return new Ran(status, out.toString(), err.toString());
    }

    static TreeSet<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            TreeSet<String> names = new TreeSet<>();
            files.map(f -> f.getFileName().toString()).forEach(names::add);
            return names;
        }
    }

    /** Every file of {@code actual} is the file of the same name in {@code expected}, byte for byte, and no other. */
    static void assertSameFiles(Path expected, Path actual) throws Exception {
        TreeSet<String> names = files(expected);
        assertEquals(names, files(actual));
        assertEquals(new TreeSet<>(List.of("compare.json", "report.md", "report.html", "chart-compare-p99.png",
                "chart-compare-p99.svg", "chart-compare-instances.png", "chart-compare-instances.svg")), names);
        for (String f : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f + " differs");
        }
    }

    /** The job's console: its own two lines (tasks, and their time), then {@code headroom compare}'s, the same. */
    static void assertSameConsole(Ran cli, Ran spark, Path cliOut, Path sparkOut) {
        List<String> lines = spark.out().lines().toList();
        assertTrue(lines.size() > 2 && lines.get(1).matches("  \\d+ tasks done in .*"), spark.out());
        assertEquals(cli.out().replace(cliOut.toString(), sparkOut.toString()),
                String.join("\n", lines.subList(2, lines.size())) + "\n");
    }

    @Test
    void designsUnderAProfileWriteWhatHeadroomCompareWrites(@TempDir Path tmp) throws Exception {
        // the fixed and the autoscaled API under a steady 400/s, and the fixed one again: three designs × 2 replications
        String fixed = EXAMPLES.resolve("api-fixed.yaml").toString();
        String hpa = EXAMPLES.resolve("api-hpa.yaml").toString();
        String profile = EXAMPLES.resolve("profiles/api-steady.yaml").toString();
        Path cliOut = tmp.resolve("cli");
        Path sparkOut = tmp.resolve("spark");
        Ran cli = SparkSweepTest.cli("compare", fixed, hpa, fixed, "--load", profile, "--replications", "2", "--out", cliOut.toString(),
                "--threads", "2");
        assertEquals(0, cli.status(), cli.err());
        Ran spark = spark(fixed, hpa, fixed, "--load", profile, "--replications", "2", "--out", sparkOut.toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.out().startsWith("compare: 3 designs × 2 replications as 6 Spark tasks on local[2]\n"), spark.out());
        assertSameFiles(cliOut, sparkOut);
        assertSameConsole(cli, spark, cliOut, sparkOut);

        JsonNode j = new ObjectMapper().readTree(sparkOut.resolve("compare.json").toFile());
        assertEquals(List.of("api-fixed", "api-hpa", "api-fixed (" + fixed + ")"),
                List.of(j.at("/designs/0/name").asText(), j.at("/designs/1/name").asText(), j.at("/designs/2/name").asText()));
        assertEquals(2, j.get("replications").asInt());
        // the same design with the same seeds, each run on whichever executor thread took it: every difference exactly 0
        JsonNode same = j.at("/differences/1/metrics");
        assertTrue(same.size() > 5, same.toString());
        same.fields().forEachRemaining(e -> assertEquals(0.0, e.getValue().get("mean").asDouble(), 0.0, e.getKey()));
        // common random numbers: both designs saw exactly the same requests. 240,000 arrivals scattered over 10 minutes,
        // those of the last 9 measured: binomial, 216,000 ± 147 (one standard deviation)
        assertEquals(0.0, j.at("/differences/0/metrics/requests/mean").asDouble(), 0.0);
        assertEquals(216_000, j.at("/designs/0/metrics/requests").asDouble(), 5 * Math.sqrt(240_000 * 0.9 * 0.1), "5 standard deviations");
    }

    @Test
    void aStudysPointsWriteWhatHeadroomCompareWrites(@TempDir Path tmp) throws Exception {
        // three sizes of a small M/M/c service, the study's seed 7 and 2 replications
        String study = SparkSweepTest.resource("study.yaml").toString();
        Path cliOut = tmp.resolve("cli");
        Path sparkOut = tmp.resolve("spark");
        Ran cli = SparkSweepTest.cli("compare", "--study", study, "--out", cliOut.toString(), "--threads", "2");
        assertEquals(0, cli.status(), cli.err());
        Ran spark = spark("--study", study, "--out", sparkOut.toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.out().startsWith("compare: 3 designs × 2 replications as 6 Spark tasks on local[2]\n"), spark.out());
        assertSameFiles(cliOut, sparkOut);
        assertSameConsole(cli, spark, cliOut, sparkOut);
        JsonNode j = new ObjectMapper().readTree(sparkOut.resolve("compare.json").toFile());
        assertEquals(7, j.get("seed").asInt());
        // one worker at 60/s of 10 ms (M/M/1 at 0.6, p99 115 ms) misses "p99 < 60ms": --fail-on-slo says so with exit 3
        Ran gated = spark("--study", study, "--out", tmp.resolve("gated").toString(), "--fail-on-slo", "--replications", "1");
        assertEquals(SparkCompare.SLO_MISSED, gated.status(), gated.err());
        assertTrue(gated.err().startsWith("headroom-spark: replicas=1 misses an SLO (--fail-on-slo)"), gated.err());
    }

    @Test
    void badInputIsALocatedErrorAndExitTwo(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(SparkSweepTest.resource("design.yaml")).replace("concurrency: 1", "concurrency: 0"));
        String profile = SparkSweepTest.resource("profile.yaml").toString();
        Ran spark = spark(SparkSweepTest.resource("design.yaml").toString(), bad.toString(), "--load", profile, "--out",
                tmp.resolve("out").toString());
        assertEquals(SparkSweep.BAD_INPUT, spark.status(), spark.err());
        assertEquals("", spark.out());
        List<String> lines = spark.err().lines().toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            // FILE:LINE:COL: PATH: message, and no stack trace
            assertTrue(line.matches(".*bad\\.yaml:\\d+:\\d+: .+"), line);
        }
        assertTrue(spark.err().contains("bad.yaml:10:") && spark.err().contains("concurrency"), spark.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");

        Ran both = spark(bad.toString(), "--study", SparkSweepTest.resource("study.yaml").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(SparkSweep.BAD_INPUT, both.status());
        assertTrue(both.err().startsWith("headroom-spark: give designs with --load, or --study, not both\nusage: SparkCompare"), both.err());
        Ran zero = spark("--study", SparkSweepTest.resource("study.yaml").toString(), "--replications", "0", "--out", tmp.toString());
        assertEquals(SparkSweep.BAD_INPUT, zero.status());
        assertTrue(zero.err().startsWith("headroom-spark: --replications must be at least 1"), zero.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void anExecutorThatReadsOtherFilesRefusesToRun(@TempDir Path tmp) throws Exception {
        String study = SparkSweepTest.resource("study.yaml").toAbsolutePath().toString();
        CompareTask task = new CompareTask(new CompareTask.Inputs(List.of(), null, study, 7, 2), "0123456789abcdef", 1_000_000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> task.call(new CompareTask.Task(0, 0)));
        assertTrue(e.getMessage().contains("not those the driver read"), e.getMessage());
    }
}
