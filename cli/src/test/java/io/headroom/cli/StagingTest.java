package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stages its files in the output folder under {@code .headroom-staging-*} and nowhere else; what a
 * killed run left there is removed by the next {@code run} or {@code report} in that folder, and a run
 * killed at any moment leaves the previous complete outputs or none.
 */
class StagingTest {
    private static final Path EXAMPLES = RunCommandTest.EXAMPLES;
    private static final String DEAD_PID = "999999999";  // above any Linux pid_max: no such process

    private static Path shortProfile(Path dir) throws Exception {
        Path p = dir.resolve("short.yaml");
        Files.writeString(p, String.join("\n", "name: short", "mix: {browse: 0.9, checkout: 0.1}", "warmup: 10s",
                "injection:", "  - constantUsersPerSec: {rate: 200, during: 60s}", ""));
        return p;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path leaveLitter(Path out) throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve(".headroom-staging-" + DEAD_PID + "-7-timeseries.csv"), "t_s,arrivals\n0,");
        Files.writeString(out.resolve(".summary.json." + DEAD_PID + ".3.tmp"), "{\"half");
        Path mine = out.resolve("notes.tmp");
        Files.writeString(mine, "the user's own file");
        return mine;
    }

    private static void clean(Path out, Path usersOwn) throws Exception {
        for (String n : names(out)) {
            assertFalse(n.startsWith(".headroom-staging-") || n.endsWith(".tmp") && !n.equals("notes.tmp"), "left behind: " + names(out));
        }
        assertTrue(Files.exists(usersOwn), "a file that is not a staging file is kept");
    }

    @Test
    void theNextRunRemovesWhatAKilledRunLeft(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path usersOwn = leaveLitter(out);
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load", shortProfile(tmp).toString(),
                "--out", out.toString());
        assertEquals(Headroom.OK, o.status(), o.err());
        clean(out, usersOwn);
        assertTrue(names(out).containsAll(List.of("summary.json", "timeseries.csv", "report.html", "report.md")), names(out).toString());
    }

    @Test
    void reportRemovesWhatAKilledRunLeft(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", EXAMPLES.resolve("shop.yaml").toString(), "--load", shortProfile(tmp).toString(),
                "--out", out.toString());
        assertEquals(Headroom.OK, o.status(), o.err());
        Path usersOwn = leaveLitter(out);
        var r = RunCommandTest.headroom("report", out.toString());
        assertEquals(Headroom.OK, r.status(), r.err());
        clean(out, usersOwn);
    }

    @Test
    void aRunThatFailsRemovesTheFolderItCreated(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path series = out.resolve("timeseries.csv");
        try (var sink = io.headroom.report.TimeseriesCsv.open(series)) {
            sink.columns(List.of("t_s"));
            assertEquals(1, names(out).size());
            assertTrue(names(out).get(0).startsWith(".headroom-staging-"), names(out).toString());
        }
        assertFalse(Files.exists(out), "the folder the failed run created is removed");
    }

    /** The command line in a JVM of its own, with its temporary folder set to {@code tmpdir}. */
    private static ProcessBuilder headroomProcess(Path tmpdir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmpdir, "-Djava.awt.headless=true", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), Headroom.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmpdir.resolveSibling("process.log").toFile());
    }

    /** A profile long enough that killing the run at a fraction of its length lands in the simulation or the writing. */
    private static Path longerProfile(Path dir) throws Exception {
        Path p = dir.resolve("longer.yaml");
        Files.writeString(p, String.join("\n", "name: longer", "mix: {browse: 0.9, checkout: 0.1}", "warmup: 10s",
                "injection:", "  - constantUsersPerSec: {rate: 400, during: 8m}", ""));
        return p;
    }

    /**
     * How many moments each kill test kills at, spread evenly over the command's length: 5 in the build;
     * {@code -Dheadroom.killMoments=50} for the hardening check (about ten minutes).
     */
    private static final int MOMENTS = Integer.getInteger("headroom.killMoments", 5);

    /** The fraction of a command's length at which kill {@code i} of {@link #MOMENTS} lands: from 5 % to 95 %. */
    private static double moment(int i) {
        return MOMENTS == 1 ? 0.5 : 0.05 + 0.9 * i / (MOMENTS - 1);
    }

    private static long timed(Path tmpdir, String... args) throws Exception {
        long start = System.nanoTime();
        Process p = headroomProcess(tmpdir, args).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the command ends");
        assertEquals(0, p.exitValue(), Files.readString(tmpdir.resolveSibling("process.log")));
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Starts the command and kills it (SIGKILL) after {@code ms}; whether it was still running then. */
    private static boolean killedAfter(Path tmpdir, long ms, String... args) throws Exception {
        Process p = headroomProcess(tmpdir, args).start();
        if (p.waitFor(ms, TimeUnit.MILLISECONDS)) {
            return false;
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return true;
    }

    private static void nothingStaged(Path out) throws Exception {
        for (String n : names(out)) {
            assertFalse(n.startsWith(".headroom-staging-") || n.endsWith(".tmp"), "left behind: " + names(out));
        }
    }

    @Test
    void aRunKilledAtAnyMomentLeavesNothingAfterTheNextRunAndNothingInTheTemporaryFolder(@TempDir Path tmp) throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("java-tmp"));
        Path out = tmp.resolve("out");
        String[] args = {"run", EXAMPLES.resolve("shop.yaml").toAbsolutePath().toString(), "--load", longerProfile(tmp).toString(),
            "--out", out.toString()};
        long wholeMs = timed(tmpdir, args);
        String summary = Files.readString(out.resolve("summary.json"));
        String series = Files.readString(out.resolve("timeseries.csv"));
        int killed = 0;
        for (int i = 0; i < MOMENTS; i++) {
            if (killedAfter(tmpdir, (long) (moment(i) * wholeMs), args)) {
                killed++;
            }
            assertEquals(summary, Files.readString(out.resolve("summary.json")), "the previous complete summary, killed at " + moment(i));
            assertEquals(series, Files.readString(out.resolve("timeseries.csv")), "the previous complete series, killed at " + moment(i));
        }
        assertTrue(killed >= MOMENTS / 2, "most runs were killed before they ended: " + killed);
        timed(tmpdir, args);
        nothingStaged(out);
        assertEquals(List.of(), names(tmpdir), "nothing in the temporary folder");
    }

    @Test
    void aReportKilledAtAnyMomentLeavesTheCompleteReportAndNothingAfterTheNext(@TempDir Path tmp) throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("java-tmp"));
        Path out = tmp.resolve("out");
        timed(tmpdir, "run", EXAMPLES.resolve("shop.yaml").toAbsolutePath().toString(), "--load", longerProfile(tmp).toString(),
                "--out", out.toString());
        String html = Files.readString(out.resolve("report.html"));
        String md = Files.readString(out.resolve("report.md"));
        List<String> files = names(out);
        long wholeMs = timed(tmpdir, "report", out.toString());
        int killed = 0;
        for (int i = 0; i < MOMENTS; i++) {
            if (killedAfter(tmpdir, (long) (moment(i) * wholeMs), "report", out.toString())) {
                killed++;
            }
            assertEquals(html, Files.readString(out.resolve("report.html")), "the complete report, killed at " + moment(i));
            assertEquals(md, Files.readString(out.resolve("report.md")), "the complete report, killed at " + moment(i));
        }
        assertTrue(killed >= MOMENTS / 2, "most reports were killed before they ended: " + killed);
        timed(tmpdir, "report", out.toString());
        nothingStaged(out);
        assertEquals(files, names(out), "the same files as the first report wrote");
        assertEquals(List.of(), names(tmpdir), "nothing in the temporary folder");
    }
}
