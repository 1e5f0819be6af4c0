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
 * {@code run --format prometheus --start} and {@code headroom export}: metrics.om beside files that stay
 * byte for byte what a run without the flag writes, names with quotes and backslashes escaped, and bad
 * flags refused with exit 2.
 */
class PrometheusExportTest {
    static final String START = "2026-12-01T00:00:00Z";
    /** An endpoint name that needs escaping in a label value. */
    static final String ENDPOINT = "say \"hi\" \\o/";

    /** A small design whose component and endpoint names are hard to quote: {@code a.b-c}, {@link #ENDPOINT}. */
    static Path trickyDesign(Path dir) throws Exception {
        Path p = dir.resolve("tricky.yaml");
        Files.writeString(p, String.join("\n",
                "name: 'tricky \"design\" \\ name'",
                "entry: a.b-c",
                "slos: [\"p99 < 250ms\"]",
                "components:",
                "  a.b-c:",
                "    type: service",
                "    replicas: 2",
                "    concurrency: 4",
                "    endpoints:",
                "      '" + ENDPOINT + "': {demand: {dist: exponential, mean: 20ms}}",
                ""));
        return p;
    }

    static Path shortProfile(Path dir) throws Exception {
        Path p = dir.resolve("short.yaml");
        Files.writeString(p, String.join("\n",
                "name: short",
                "warmup: 5s",
                "injection:",
                "  - constantUsersPerSec: {rate: 50, during: 40s, randomized: true}",
                ""));
        return p;
    }

    @Test
    void formatPrometheusAddsMetricsAndChangesNothingElse(@TempDir Path tmp) throws Exception {
        Path design = trickyDesign(tmp);
        Path profile = shortProfile(tmp);
        Path plain = tmp.resolve("plain");
        Path with = tmp.resolve("with");
        var a = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", plain.toString());
        var b = RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", with.toString(),
                "--format", "prometheus", "--start", START);
        assertEquals(Headroom.OK, a.status(), a.err());
        assertEquals(Headroom.OK, b.status(), b.err());
        for (String f : List.of("summary.json", "timeseries.csv", "report.md")) {
            assertEquals(Files.readString(plain.resolve(f)), Files.readString(with.resolve(f)), f);
        }
        assertFalse(Files.exists(plain.resolve("metrics.om")));
        String wrote = "  wrote " + with.resolve("metrics.om") + " (OpenMetrics)\n";
        assertEquals(a.out().replace(plain.toString(), with.toString()), b.out().replace(wrote, ""));
        assertTrue(b.out().contains(wrote), b.out());

        String om = Files.readString(with.resolve("metrics.om"));
        assertTrue(om.endsWith("# EOF\n"));
        String labels = "{design=\"tricky \\\"design\\\" \\\\ name\",profile=\"short\",seed=\"1\",run=\"with\"";
        assertTrue(om.contains("headroom_arrivals" + labels + "} "), om.substring(0, 400));
        assertTrue(om.contains("headroom_utilisation_ratio" + labels + ",component=\"a.b-c\"} "), "component label");
        assertTrue(om.contains("headroom_run_endpoint_requests" + labels + ",endpoint=\"say \\\"hi\\\" \\\\o/\"} "), "endpoint label");
        assertTrue(om.contains("headroom_run_slo_met" + labels + ",slo=\"p99 < 250ms\"} 1 1796083240\n"), "SLO at the profile's end");
        // the first window starts at --start
        assertTrue(om.contains("headroom_arrivals" + labels + "} " + firstCell(with, "arrivals") + " 1796083200\n"));

        // headroom export reads the same folder into the same text
        var e = RunCommandTest.headroom("export", with.toString(), "--start", START);
        assertEquals(Headroom.OK, e.status(), e.err());
        assertEquals(om, e.out());
    }

    private static String firstCell(Path dir, String column) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("timeseries.csv"));
        int c = List.of(lines.get(0).split(",")).indexOf(column);
        return lines.get(1).split(",", -1)[c];
    }

    @Test
    void replicationsExportTheirHalfWidths(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("reps");
        var o = RunCommandTest.headroom("run", trickyDesign(tmp).toString(), "--load", shortProfile(tmp).toString(), "--out",
                out.toString(), "--replications", "3", "--threads", "1", "--format", "prometheus", "--start", START);
        assertEquals(Headroom.OK, o.status(), o.err());
        String om = Files.readString(out.resolve("metrics.om"));
        assertTrue(om.contains("# TYPE headroom_run_latency_ci95_seconds gauge\n# UNIT headroom_run_latency_ci95_seconds seconds\n"));
        assertTrue(om.contains("headroom_run_replications{design=\"tricky \\\"design\\\" \\\\ name\",profile=\"short\",seed=\"1\","
                + "run=\"reps\"} 3 1796083240\n"), om);
        assertTrue(o.out().contains("  wrote " + out.resolve("metrics.om") + " (OpenMetrics)"), o.out());
    }

    @Test
    void exportWritesAFileAtomicallyAndLabelsRunsAsAsked(@TempDir Path tmp) throws Exception {
        Path ref = RunCommandTest.EXAMPLES.resolve("reference");
        Path file = tmp.resolve("runs.om");
        var o = RunCommandTest.headroom("export", ref.resolve("run-api-fixed--morning-ramp").toString(),
                ref.resolve("run-api-hpa--morning-ramp").toString(), "--run", "fixed", "--run", "hpa", "--start", START,
                "-o", file.toString());
        assertEquals(Headroom.OK, o.status(), o.err());
        assertEquals("", o.out());
        assertEquals("headroom export: wrote " + file + "\n", o.err());
        String om = Files.readString(file);
        assertTrue(om.contains(",run=\"fixed\"}") && om.contains(",run=\"hpa\"}"));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList(), "no staging file left");
        }
    }

    @Test
    void badFlagsAndFoldersAreRefusedWithExit2(@TempDir Path tmp) throws Exception {
        Path design = trickyDesign(tmp);
        Path profile = shortProfile(tmp);
        Path out = tmp.resolve("out");
        refused(RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString(),
                "--format", "prometheus"), "--format prometheus needs --start INSTANT", out);
        refused(RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString(),
                "--start", START), "--start is for --format prometheus", out);
        refused(RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString(),
                "--format", "prometheus", "--start", "2026-12-01T00:00:00.5Z"), "give whole seconds", out);
        refused(RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString(),
                "--format", "prometheus", "--start", "yesterday"), "'yesterday' is not an ISO-8601 instant", out);
        // far instants overflowed Prometheus' milliseconds after the run had written its results: an internal error
        refused(RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString(),
                "--format", "prometheus", "--start", "+999999999-12-31T23:59:59Z"), "give an instant from 1970-01-01T00:00:00Z to", out);
        refused(RunCommandTest.headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString(),
                "--format", "graphite", "--start", START), "--format", out);
        Path ref = RunCommandTest.EXAMPLES.resolve("reference");
        refused(RunCommandTest.headroom("export", ref.resolve("run-api-hpa--morning-ramp").toString()), "--start", out);
        refused(RunCommandTest.headroom("export", tmp.resolve("nowhere").toString(), "--start", START), "nowhere: no such folder", out);
        refused(RunCommandTest.headroom("export", tmp.toString(), "--start", START), "summary.json: not found", out);
        Path other = tmp.resolve("x").resolve("run-api-hpa--morning-ramp");
        Files.createDirectories(other);
        refused(RunCommandTest.headroom("export", ref.resolve("run-api-hpa--morning-ramp").toString(), other.toString(),
                "--start", START), "two folders would have the run label \"run-api-hpa--morning-ramp\"", out);
        refused(RunCommandTest.headroom("export", ref.resolve("run-api-hpa--morning-ramp").toString(), "--run", "a", "--run", "b",
                "--start", START), "--run: give one per folder", out);
    }

    private static void refused(RunCommandTest.Outcome o, String expected, Path out) {
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out), "nothing is written");
    }
}
