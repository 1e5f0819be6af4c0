package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code trace:} step whose file cannot be replayed, through {@code run} and {@code check}: exit
 * status 2, nothing written, no stack trace, and a first stderr line {@code PROFILE:LINE:COL: PATH:
 * message} at the step's key to blame ({@code file} for the file's content) whose message names the
 * trace file and, for a problem inside it, the line: {@code trace file /abs/trace.csv:5: ...}.
 * Lines are counted from 1 and include the header and comments, as an editor counts them.
 */
class TraceInputTest {

    private static final String DESIGN = """
            name: site
            entry: web
            components:
              web:
                type: service
                replicas: 1
                concurrency: 8
                endpoints:
                  page: {demand: {dist: exponential, mean: 1ms}}
            """;

    /** The step under test is on line 3 of the profile. */
    private static final String CSV_STEP =
            "  - trace: {file: trace.csv, time-column: minute, count-column: requests, unit: min, speedup: 60}";

    private static final String GOOD_CSV = "minute,requests\n0,5\n1,7\n2,6\n3,4\n";

    /** FILE:LINE:COL: PATH: message. */
    private static final Pattern LOCATED = Pattern.compile("^(.+):(\\d+):(\\d+): ([^ :]+): (.+)$");

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- the file itself

    @Test
    void traceFileMissing() throws IOException {
        expect(profile(CSV_STEP.replace("trace.csv", "nope.csv")), "nope.csv", "file",
                "trace file " + dir.resolve("nope.csv") + ": not found");
    }

    @Test
    void traceFileIsAFolder() throws IOException {
        Files.createDirectory(dir.resolve("trace.csv"));
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ": is a folder");
    }

    @Test
    void traceFileWithoutReadPermission() throws IOException {
        write("trace.csv", GOOD_CSV);
        Files.setPosixFilePermissions(trace(), PosixFilePermissions.fromString("-w-------"));
        Assumptions.assumeFalse(Files.isReadable(trace()), "running as a user who reads every file (root)");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ": cannot read it");
    }

    @Test
    void traceFileThatIsNotGzip() throws IOException {
        write("trace.csv.gz", GOOD_CSV);
        expect(profile(CSV_STEP.replace("trace.csv", "trace.csv.gz")), "trace.csv.gz", "file",
                "trace file " + dir.resolve("trace.csv.gz") + ": cannot read it", "GZIP");
    }

    @Test
    void traceFileThatIsNotText() throws IOException {
        Files.write(dir.resolve("trace.csv"), new byte[] {'m', ',', 'r', '\n', '0', ',', '1', '\n', '1', ',', (byte) 0xff, '\n'});
        expect(profile(CSV_STEP.replace("minute", "m").replace("requests", "r")), "trace.csv", "file",
                "trace file " + trace() + ":3: is not UTF-8 text");
    }

    @Test
    void traceFileEmpty() throws IOException {
        write("trace.csv", "\n# nothing yet\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ": is empty");
    }

    @Test
    void traceFileWithAHeaderOnly() throws IOException {
        write("trace.csv", "minute,requests\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ": has a header but no rows");
    }

    @Test
    void traceFileWithoutAHeader() throws IOException {
        write("trace.csv", "0,5\n1,7\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ":1: expected a header row");
    }

    // ---------------------------------------------------------------- rows

    @Test
    void timeGoesBack() throws IOException {
        write("trace.csv", "minute,requests\n0,5\n1,7\n3,6\n2,4\n");
        expect(profile(CSV_STEP), "trace.csv", "file",
                "trace file " + trace() + ":5: time 2 is not after the previous row's 3 (line 4)", "increasing time order");
    }

    @Test
    void timeRepeats() throws IOException {
        write("trace.csv", "minute,requests\n# comments and blank lines count as lines\n0,5\n\n1,7\n1,6\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ":6: time 1 is not after the previous row's 1 (line 5)");
    }

    @Test
    void aCountThatIsNotANumber() throws IOException {
        write("trace.csv", "minute,requests\n0,5\n1,lots\n2,6\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ":3: 'lots' in column 'requests' is not a number");
    }

    @Test
    void aTimeThatIsNotANumber() throws IOException {
        write("trace.csv", "minute,requests\n0,5\n00:01,7\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ":3: '00:01' in column 'minute' is not a number");
    }

    @Test
    void aRowWithoutTheCountColumn() throws IOException {
        write("trace.csv", "minute,requests\n0,5\n1\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ":3: no value for column 'requests'", "1 cell");
    }

    @Test
    void anEmptyCell() throws IOException {
        write("trace.csv", "minute,requests\n0,5\n1,\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ":3: empty cell in column 'requests'");
    }

    @Test
    void aNegativeCount() throws IOException {
        write("trace.csv", "minute,requests\n0,5\n1,-2\n");
        expect(profile(CSV_STEP), "trace.csv", "file", "trace file " + trace() + ":3: a count must be zero or positive, got -2");
    }

    // ---------------------------------------------------------------- columns

    @Test
    void unknownCountColumn() throws IOException {
        write("trace.csv", GOOD_CSV);
        String step = CSV_STEP.replace("count-column: requests", "count-column: reqs");
        expect(profile(step), "reqs", "count-column",
                "trace file " + trace() + ":1: no column 'reqs' in the header (columns: minute, requests)");
    }

    @Test
    void unknownTimeColumn() throws IOException {
        write("trace.csv", GOOD_CSV);
        String step = CSV_STEP.replace("time-column: minute", "time-column: minute_index");
        expect(profile(step), "minute_index", "time-column", "trace file " + trace() + ":1: no column 'minute_index'");
    }

    @Test
    void bothCountAndRateColumns() throws IOException {
        write("trace.csv", "minute,requests,rate\n0,5,0.1\n");
        String step = CSV_STEP.replace("count-column: requests", "count-column: requests, rate-column: rate");
        expect(profile(step), "rate,", "rate-column", "count-column", "rate-column", "not both");
    }

    @Test
    void neitherCountNorRateColumn() throws IOException {
        write("trace.csv", GOOD_CSV);
        // a missing key is reported where its mapping starts ('{', column 12)
        expectAt(profile(CSV_STEP.replace("count-column: requests, ", "")), 12, "count-column",
                "needs count-column", "or rate-column");
    }

    // ---------------------------------------------------------------- access logs

    private static final String CLF_STEP = "  - trace: {file: access.log, format: clf, speedup: 10}";

    private static final String LINE = "h - - [13/Jul/1995:09:40:%02d -0400] \"GET /p HTTP/1.0\" 200 1\n";

    @Test
    void aLogLineWithoutTimestamp() throws IOException {
        write("access.log", LINE.formatted(1) + "h - - 13/Jul/1995:09:40:02 -0400 \"GET /p HTTP/1.0\" 200 1\n");
        expect(profile(CLF_STEP), "access.log", "file", "trace file " + dir.resolve("access.log") + ":2: no [timestamp]",
                "Common Log Format");
    }

    @Test
    void aLogLineWithABadTimestamp() throws IOException {
        write("access.log", LINE.formatted(1) + LINE.formatted(2) + LINE.formatted(3).replace("Jul", "Jly"));
        expect(profile(CLF_STEP), "access.log", "file", "trace file " + dir.resolve("access.log") + ":3: '13/Jly/1995:09:40:03 -0400'"
                + " is not a log timestamp");
    }

    @Test
    void aLogLineWithoutRequest() throws IOException {
        write("access.log", LINE.formatted(1) + "h - - [13/Jul/1995:09:40:02 -0400] GET /p 200 1\n");
        expect(profile(CLF_STEP), "access.log", "file", "trace file " + dir.resolve("access.log") + ":2: no quoted request");
    }

    @Test
    void aLogTooFarOutOfTimeOrder() throws IOException {
        // 09:41:30, then 09:40:05: 85 s back, more than the 60 s put back in order
        write("access.log", LINE.formatted(1) + LINE.formatted(2).replace("09:40:02", "09:41:30") + LINE.formatted(5));
        expect(profile(CLF_STEP), "access.log", "file", "trace file " + dir.resolve("access.log") + ":3: logged at"
                + " 13/Jul/1995:09:40:05 -0400, 85 s before line 2", "time order");
    }

    @Test
    void aWindowThatMissesTheTrace() throws IOException {
        write("trace.csv", GOOD_CSV);
        String step = CSV_STEP.replace("speedup: 60}", "speedup: 60, window: {from: 10, to: 20}}");
        expect(profile(step), "{from: 10", "window", "misses the trace, which runs from 0 to 4 min");
    }

    // ---------------------------------------------------------------- good input

    @Test
    void theNasaExampleChecksAndRuns() {
        Path examples = examples();
        String design = examples.resolve("nasa-site.yaml").toString();
        String profile = examples.resolve("profiles/nasa-day.yaml").toString();
        Outcome check = execute("check", design, "--load", profile);
        assertEquals(Headroom.OK, check.status, check.err);
        assertTrue(check.out.contains("24m") && check.out.contains("409.0"), check.out);
        Path out = dir.resolve("nasa");
        Outcome run = execute("run", design, "--load", profile, "--out", out.toString(), "--window", "60s");
        assertEquals(Headroom.OK, run.status, run.err);
        assertTrue(run.out.contains("134,204"), "every request of the day replayed: " + run.out);
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
    }

    @Test
    void theSyntheticLogReplays() throws IOException {
        Files.copy(examples().resolve("traces/synthetic-clf.log"), dir.resolve("access.log"));
        Path design = write("design.yaml", DESIGN);
        Path out = dir.resolve("out");
        Outcome run = execute("run", design.toString(), "--load", profile(CLF_STEP).toString(), "--out", out.toString());
        assertEquals(Headroom.OK, run.status, run.err);
        assertTrue(run.out.contains("requests   200 "), run.out);
    }

    // ---------------------------------------------------------------- helpers

    private Path trace() {
        return dir.resolve("trace.csv");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path profile(String step) throws IOException {
        return write("profile.yaml", "name: traced\ninjection:\n" + step + "\n");
    }

    /**
     * Expects the error on line 3 of the profile, at the column where {@code token} starts on that line,
     * for the step's key {@code key}, with every part in the message.
     */
    private void expect(Path profile, String token, String key, String... parts) throws IOException {
        String line = Files.readAllLines(profile).get(2);
        int column = line.indexOf(token) + 1;
        assertTrue(column > 0, token + " not on line 3");
        expectAt(profile, column, key, parts);
    }

    private void expectAt(Path profile, int column, String key, String... parts) throws IOException {
        Path design = write("design.yaml", DESIGN);
        Path out = dir.resolve("out");
        for (Outcome o : new Outcome[] {
            execute("run", design.toString(), "--load", profile.toString(), "--out", out.toString()),
            execute("check", design.toString(), "--load", profile.toString())}) {
            String where = o.command + ": " + o.err;
            assertEquals(Headroom.BAD_INPUT, o.status, where);
            assertFalse(o.err.contains("\tat ") || o.err.contains("Exception") || o.err.contains("internal error"), where);
            assertFalse(Files.exists(out), o.command + ": --out folder created for bad input");
            String first = o.err.lines().findFirst().orElse("");
            Matcher m = LOCATED.matcher(first);
            if (!m.matches()) {
                fail(o.command + ": first stderr line is not FILE:LINE:COL: PATH: message: " + first);
            }
            assertEquals(profile.toString(), m.group(1), where);
            assertEquals("3:" + column, m.group(2) + ":" + m.group(3), "line:column, " + where);
            assertEquals("injection[0].trace." + key, m.group(4), where);
            for (String part : parts) {
                assertTrue(m.group(5).contains(part), "message should contain '" + part + "': " + where);
            }
        }
    }

    private record Outcome(String command, int status, String out, String err) {
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(args[0], status, out.toString(), err.toString());
    }

    /** examples/ at the top of the source tree (tests run in the module's folder). */
    private static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/nasa-site.yaml"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/nasa-site.yaml above " + Path.of("").toAbsolutePath());
    }
}
