package io.headroom.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.cli.Headroom;
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
 * The Spark sweep in Spark's own local mode ({@code local[2]}: a real scheduler and two executor threads in this JVM,
 * no web UI, the driver on 127.0.0.1) against {@code headroom sweep} run in-process: every file of the results and the
 * report is the same bytes. The journal alone may differ (its lines are in the order points finished).
 */
class SparkSweepTest {
    /** Outcome of one in-process command. */
    record Ran(int status, String out, String err) {
    }

    static Path resource(String name) throws Exception {
        return Path.of(SparkSweepTest.class.getResource(name).toURI());
    }

    static Ran cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Ran(status, out.toString(), err.toString());
    }

    static Ran spark(String... args) {
        SparkConf conf = new SparkConf(false).setMaster("local[2]").setAppName("headroom-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SparkSweep.execute(args, conf, new PrintWriter(out), new PrintWriter(err));
        return new Ran(status, out.toString(), err.toString());
    }

    /** Every file of a sweep's output folder but its journal, by name. */
    static TreeSet<String> outputs(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            TreeSet<String> names = new TreeSet<>();
            files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("journal.jsonl")).forEach(names::add);
            return names;
        }
    }

    static void assertSameOutputs(Path expected, Path actual) throws Exception {
        TreeSet<String> names = outputs(expected);
        assertEquals(names, outputs(actual));
        assertTrue(names.containsAll(List.of("results.csv", "results.json", "report.md", "report.html", "chart-cost-p99.png")), names.toString());
        for (String f : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f + " differs");
        }
    }

    @Test
    void replicationsAsTasksWriteWhatHeadroomSweepWrites(@TempDir Path tmp) throws Exception {
        String study = resource("study.yaml").toString();
        Ran cli = cli("sweep", study, "--out", tmp.resolve("cli").toString(), "--threads", "2");
        assertEquals(0, cli.status(), cli.err());
        Ran spark = spark(study, "--out", tmp.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        // 3 points × 2 replications, one task per run
        assertTrue(spark.out().contains("3 points × 2 replications as 6 Spark tasks on local[2]"), spark.out());
        assertSameOutputs(tmp.resolve("cli"), tmp.resolve("spark"));

        JsonNode r = new ObjectMapper().readTree(tmp.resolve("spark").resolve("results.json").toFile());
        assertEquals(3, r.get("rows").size());
        assertEquals("cost_total_usd", r.get("x_metric").asText(), "c6i.large is priced");
        // one worker at 60/s of 10 ms is M/M/1 at rho 0.6: mean 25 ms, p99 ln(100) × 25 = 115 ms, over the SLO; three
        // single-worker instances (rho 0.2, balanced): p99 near 58 ms
        JsonNode first = r.get("rows").get(0);
        assertTrue(Math.abs(first.at("/metrics/mean_ms").asDouble() - 25.0) < 6, first.toString());
        assertFalse(first.get("slos_met").asBoolean());
        assertEquals(2, first.get("replications").asInt(), first.toString());
    }

    @Test
    void aFoundWarmupRunsAPointAsOneTask(@TempDir Path tmp) throws Exception {
        String study = resource("study-auto.yaml").toString();
        Ran cli = cli("sweep", study, "--out", tmp.resolve("cli").toString(), "--threads", "2");
        assertEquals(0, cli.status(), cli.err());
        Ran spark = spark(study, "--out", tmp.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.out().contains("2 points × 2 replications as 2 Spark tasks"), spark.out());
        assertSameOutputs(tmp.resolve("cli"), tmp.resolve("spark"));
    }

    @Test
    void aBadStudyIsALocatedErrorAndExitTwo(@TempDir Path tmp) throws Exception {
        Ran spark = spark(resource("bad-study.yaml").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(SparkSweep.BAD_INPUT, spark.status(), spark.err());
        assertEquals("", spark.out());
        List<String> lines = spark.err().lines().toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            // FILE:LINE:COL: PATH: message, and no stack trace
            assertTrue(line.matches(".*bad-study\\.yaml:\\d+:\\d+: .+"), line);
        }
        assertTrue(spark.err().contains(":4:") && spark.err().contains("replications"), spark.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");

        Ran noOut = spark(resource("study.yaml").toString());
        assertEquals(SparkSweep.BAD_INPUT, noOut.status());
        assertTrue(noOut.err().startsWith("headroom-spark: missing --out DIR"), noOut.err());
    }
}
