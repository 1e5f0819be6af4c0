package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output place that cannot be written is refused before any work, with exit status 2 and a message that names it:
 * a path under a regular file once made every command fail with "internal error" (exit 1), most of them after
 * simulating everything ({@code capacity} after printing its answer).
 */
class OutputPlaceTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String DESIGN = EXAMPLES.resolve("shop.yaml").toString();
    private static final String PROFILE = EXAMPLES.resolve("profiles/ramp-then-steady.yaml").toString();

    @TempDir
    Path tmp;

    @Test
    void everyCommandRefusesAnOutputUnderAFileBeforeItWorks() throws Exception {
        Path file = tmp.resolve("afile");
        Files.writeString(file, "hi");
        String dir = file.resolve("x").toString();
        Path run = tmp.resolve("run");
        assertEquals(0, RunCommandTest.headroom("run", DESIGN, "--load", PROFILE, "--out", run.toString()).status());
        Path traces = Path.of("..", "validation", "src", "test", "resources", "traces");
        List<String[]> commands = List.of(
                new String[] {"run", DESIGN, "--load", PROFILE, "--out", dir},
                new String[] {"sweep", EXAMPLES.resolve("studies/shop-sizing.yaml").toString(), "--out", dir},
                new String[] {"merge", run.toString(), "--out", dir},
                new String[] {"compare", DESIGN, DESIGN, "--load", PROFILE, "--out", dir},
                new String[] {"capacity", DESIGN, "--load", PROFILE, "--slo", "p99 < 1s", "--out", dir},
                new String[] {"advise", DESIGN, "--load", PROFILE, "--out", dir},
                new String[] {"commitments", DESIGN, "--load", PROFILE, "--out", dir},
                new String[] {"load", "preview", PROFILE, "--out", dir},
                new String[] {"export", run.toString(), "--start", "2026-01-01T00:00:00Z", "--out", dir},
                new String[] {"diff", DESIGN, DESIGN, "--load", PROFILE, "--out", dir},
                new String[] {"import", "traces", traces.resolve("otlp.json").toString(), "--format", "otlp-json", "--out", dir});
        for (String[] args : commands) {
            var o = RunCommandTest.headroom(args);
            String what = String.join(" ", args) + ": " + o.err();
            assertEquals(Headroom.BAD_INPUT, o.status(), what);
            assertTrue(o.err().contains("--out: " + dir + " cannot be written: ") && o.err().contains(file + " is a file, not a folder"),
                    what);
            assertFalse(o.err().contains("internal error") || o.err().contains("Exception"), what);
            assertEquals("", o.out(), "nothing worked out before the refusal: " + what);
        }
        assertEquals("hi", Files.readString(file));
    }

    @Test
    void aThreadCountBelowOneIsRefusedByEveryCommandThatTakesOne() throws Exception {
        // sweep refused it; run, compare and capacity took it (run --threads 0 ran, and a pool of 0 threads never would)
        String out = tmp.resolve("o").toString();
        for (String[] args : List.of(
                new String[] {"run", DESIGN, "--load", PROFILE, "--out", out, "--threads", "0"},
                new String[] {"run", DESIGN, "--load", PROFILE, "--out", out, "--replications", "2", "--threads", "-1"},
                new String[] {"sweep", EXAMPLES.resolve("studies/shop-sizing.yaml").toString(), "--out", out, "--threads", "0"},
                new String[] {"compare", DESIGN, DESIGN, "--load", PROFILE, "--out", out, "--threads", "0"},
                new String[] {"capacity", DESIGN, "--load", PROFILE, "--slo", "p99 < 1s", "--threads", "0"},
                new String[] {"advise", EXAMPLES.resolve("shop-slos.yaml").toString(), "--load", PROFILE, "--out", out, "--threads", "0"},
                new String[] {"diff", DESIGN, DESIGN, "--load", PROFILE, "--threads", "0"},
                new String[] {"sweep", EXAMPLES.resolve("studies/shop-sizing.yaml").toString(), "--emit", "slurm", "--threads", "0"})) {
            var o = RunCommandTest.headroom(args);
            String what = String.join(" ", args) + ": " + o.err();
            assertEquals(Headroom.BAD_INPUT, o.status(), what);
            assertTrue(o.err().contains("--threads must be at least 1"), what);
        }
        assertFalse(Files.exists(tmp.resolve("o").resolve("summary.json")));
    }

    @Test
    void aReportFileInTheWayIsFoundBeforeTheRun() throws Exception {
        // a folder named report.md made the run fail after committing its summary and series: old and new files mixed
        Path out = tmp.resolve("r");
        Files.createDirectories(out.resolve("report.md"));
        var o = RunCommandTest.headroom("run", DESIGN, "--load", PROFILE, "--out", out.toString());
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("--out: " + out.resolve("report.md") + " is a folder"), o.err());
        assertFalse(Files.exists(out.resolve("summary.json")), "nothing written");
    }

    @Test
    void aFileTheFileSystemRefusesLaterIsNamedNotAnInternalError() throws Exception {
        // report writes into the results folder it reads: committing report.md over a folder there fails in the file system
        Path dir = tmp.resolve("results");
        Files.createDirectories(dir.resolve("report.md"));
        Path ref = RunCommandTest.EXAMPLES.resolve("reference/run-shop--ramp-then-steady");
        for (String f : new String[] {"summary.json", "timeseries.csv"}) {
            Files.copy(ref.resolve(f), dir.resolve(f));
        }
        var o = RunCommandTest.headroom("report", dir.toString());
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().startsWith("headroom: ") && o.err().contains(dir.resolve("report.md").toString()), o.err());
        assertFalse(o.err().contains("internal error"), o.err());
    }
}
