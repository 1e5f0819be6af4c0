package io.headroom.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.cli.Headroom;
import io.headroom.experiment.SweepJournal;
import io.headroom.study.StudyPoint;
import io.headroom.study.StudyReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark sweep in Spark's own local mode ({@code local[2]}: a real scheduler and two executor threads in this JVM,
 * no web UI, the driver on 127.0.0.1) against {@code headroom sweep} run in-process: every file of the results and the
 * report is the same bytes. The journal alone may differ (its lines are in the order points finished). Each point is
 * journaled as soon as its runs are back, so a job that fails part way keeps the points it finished for {@code --resume}.
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

    static SparkConf conf() {
        return new SparkConf(false).setMaster("local[2]").setAppName("headroom-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    static Ran spark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SparkSweep.execute(args, conf(), new PrintWriter(out), new PrintWriter(err));
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

    /** A task function that fails every run of one point and makes the others as {@link RunTask} does. */
    record FailingPoint(RunTask runs, int point) implements Function<RunTask.Task, RunTask.Done> {
        @Override
        public RunTask.Done call(RunTask.Task t) throws Exception {
            if (t.point() == point) {
                throw new IllegalStateException("a lost executor, as the test has it");
            }
            return runs.call(t);
        }
    }

    @Test
    void aJobThatFailsPartWayKeepsTheFinishedPointsForResume(@TempDir Path tmp) throws Exception {
        String study = resource("study.yaml").toString();
        List<Integer> points = StudyReader.read(Path.of(study)).points().stream().map(StudyPoint::index).toList();
        assertEquals(3, points.size());
        Path out = tmp.resolve("spark");
        // the last point's runs fail: the job fails, but the points before it were journaled as their jobs finished
        StringWriter err = new StringWriter();
        int status = SparkSweep.execute(new String[] {study, "--out", out.toString()}, conf(), new PrintWriter(new StringWriter()),
                new PrintWriter(err), (path, fingerprint, max) -> new FailingPoint(new RunTask(path, fingerprint, max), points.get(2)));
        assertEquals(SparkSweep.INTERNAL_ERROR, status, err.toString());
        assertTrue(err.toString().contains("a lost executor, as the test has it"), err.toString());
        assertEquals(List.of(points.get(0), points.get(1)), List.copyOf(SweepJournal.read(out.resolve(SweepJournal.FILE)).rows().keySet()));
        assertFalse(Files.exists(out.resolve("results.csv")));

        // --resume runs the last point alone (its 2 replications) and writes what headroom sweep writes
        Ran resumed = spark(study, "--out", out.toString(), "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("3 points × 2 replications as 2 Spark tasks"), resumed.out());
        Ran cli = cli("sweep", study, "--out", tmp.resolve("cli").toString(), "--threads", "2");
        assertEquals(0, cli.status(), cli.err());
        assertSameOutputs(tmp.resolve("cli"), out);
    }

    @Test
    void groupsAreWholePointsInOrderAndAtMostMaxJobs() {
        List<List<RunTask.Task>> one = SparkSweep.groups(List.of(1, 2, 3), 2);
        assertEquals(List.of(List.of(new RunTask.Task(1, 0), new RunTask.Task(1, 1)), List.of(new RunTask.Task(2, 0), new RunTask.Task(2, 1)),
                List.of(new RunTask.Task(3, 0), new RunTask.Task(3, 1))), one);
        // 1,000 points: 4 consecutive points a job, 250 jobs
        List<Integer> many = java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toList();
        List<List<RunTask.Task>> groups = SparkSweep.groups(many, 1);
        assertEquals(250, groups.size());
        assertEquals(List.of(5, 6, 7, 8), groups.get(1).stream().map(RunTask.Task::point).toList());
        // 257 points of 3 tasks: 2 points (6 tasks) a job, the last point alone, 129 jobs
        List<List<RunTask.Task>> odd = SparkSweep.groups(java.util.stream.IntStream.rangeClosed(1, 257).boxed().toList(), 3);
        assertEquals(129, odd.size());
        assertEquals(6, odd.get(0).size());
        assertEquals(List.of(new RunTask.Task(257, 0), new RunTask.Task(257, 1), new RunTask.Task(257, 2)), odd.get(128));
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
