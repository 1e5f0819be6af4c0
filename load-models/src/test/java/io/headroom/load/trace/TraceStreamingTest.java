package io.headroom.load.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.arrival.ArrivalStream;
import io.headroom.random.StreamRandom;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces are read as their arrivals are pulled, with a table of distinct paths ({@link PathKeys}) as
 * an access log's only growing state: the arrivals (times and keys) are pinned to those of the reader
 * that kept a map of path strings, on the shipped traces and on logs with blank lines, comments, lines
 * out of order within the sort window and thousands of distinct paths; a bad line anywhere in a file is
 * still reported at its line when the profile is read, before any arrival is drawn.
 */
class TraceStreamingTest {
    @TempDir
    Path dir;

    private OpenStep.Trace trace(String spec) throws IOException, BadInputException {
        Path p = dir.resolve("profile.yaml");
        Files.writeString(p, "name: t\ninjection:\n  - trace: {" + spec + "}\n");
        return (OpenStep.Trace) LoadProfile.read(p).injection().get(0);
    }

    /** The count of arrivals and a hash of their (time, key) sequence, drawn with {@code seed}. */
    private static String fingerprint(OpenStep step, long seed) {
        ArrivalStream s = step.arrivals(0, new StreamRandom(seed));
        long n = 0;
        long h = 17;
        for (long t = s.next(); t != ArrivalStream.END; t = s.next()) {
            n++;
            h = h * 1_000_003 + t;
            h = h * 1_000_003 + s.key();
        }
        return n + ":" + Long.toHexString(h);
    }

    /** A log of 20 000 lines over 400 s: 5 000 distinct paths (some with bytes above 127 and queries),
     * blank and comment lines, and every 7th line logged up to 59 s before the latest line above it. */
    private Path edgeLog() throws IOException {
        StringBuilder b = new StringBuilder("# a comment\n\n");
        for (int i = 0; i < 20_000; i++) {
            int sec = i / 50 - (i % 7 == 0 ? Math.min(i / 50, (i * 31) % 60) : 0);
            b.append(String.format("h%d - - [13/Jul/1995:10:%02d:%02d -0400] \"GET /p/%d%s?q=%d HTTP/1.0\" 200 1%n",
                    i % 13, sec / 60, sec % 60, (i * 7919) % 5000, i % 11 == 0 ? "/\u00e9t\u00e9" : "", i));
            if (i % 1000 == 0) {
                b.append(i % 2000 == 0 ? "\n" : "# comment " + i + "\n");
            }
        }
        Path p = dir.resolve("edge.log");
        Files.write(p, b.toString().getBytes(StandardCharsets.ISO_8859_1));
        return p;
    }

    @Test
    void theShippedTracesReplayTheSameArrivals() throws Exception {
        Files.copy(TraceReplayTest.examples().resolve("traces/synthetic-clf.log"), dir.resolve("access.log"));
        Files.copy(TraceReplayTest.examples().resolve("traces/nasa-jul95.csv"), dir.resolve("nasa.csv"));
        assertEquals("200:62912dd5430f5fca", fingerprint(trace("file: access.log, format: clf"), 1));
        assertEquals("494:c2cc53d4954eb1da", fingerprint(trace("file: access.log, format: clf, speedup: 10, scale: 2.5"), 7));
        assertEquals("134204:5ad7f3ded4d5cc7b", fingerprint(trace("file: nasa.csv, time-column: minute_index, unit: min,"
                + " count-column: requests, speedup: 60"), 1));
    }

    @Test
    void aLogWithCommentsDisorderAndManyPathsReplaysTheSameArrivals() throws Exception {
        edgeLog();
        assertEquals("20000:caae5472f5dcd824", fingerprint(trace("file: edge.log, format: clf"), 3));
        assertEquals("8370:cbc959ae31d8cdf7", fingerprint(trace("file: edge.log, format: clf, unit: min, window: {from: 1, to: 5},"
                + " scale: 0.7, speedup: 4"), 5));
    }

    @Test
    void aCsvWithBlankAndCommentLinesReplaysTheSameArrivals() throws Exception {
        StringBuilder b = new StringBuilder("# requests per second\n\nsecond,requests\n");
        for (int i = 0; i < 5_000; i++) {
            b.append(i).append(',').append((i * 37) % 11).append('\n');
            if (i % 500 == 0) {
                b.append(i % 1000 == 0 ? "   \n" : "# note\n");
            }
        }
        Files.writeString(dir.resolve("s.csv"), b.toString());
        assertEquals("29275:b879894878db2911", fingerprint(trace("file: s.csv, time-column: second, unit: s, count-column: requests,"
                + " scale: 1.5, window: {from: 100, to: 4000}"), 9));
    }

    @Test
    void aBadLineAtTheEndOfALongLogIsReportedWhenTheProfileIsRead() throws Exception {
        Path log = edgeLog();
        Files.writeString(log, "h - - [13/Jul/1995:10:01:00 -0400] \"GET /late HTTP/1.0\" 200 1\n",
                java.nio.file.StandardOpenOption.APPEND);
        BadInputException e = assertThrows(BadInputException.class, () -> trace("file: edge.log, format: clf"));
        String msg = e.errors().get(0).format();
        assertTrue(msg.contains("trace file " + log.toAbsolutePath() + ":20023: logged at 13/Jul/1995:10:01:00 -0400,"
                + " 339 s before line 19974 (13/Jul/1995:10:06:39 -0400): the log must be in time order"), msg);
    }

    @Test
    void aBadRowAtTheEndOfALongCsvIsReportedWhenTheProfileIsRead() throws Exception {
        StringBuilder b = new StringBuilder("second,requests\n");
        for (int i = 0; i < 50_000; i++) {
            b.append(i).append(",1\n");
        }
        b.append("50000,many\n");
        Files.writeString(dir.resolve("bad.csv"), b.toString());
        BadInputException e = assertThrows(BadInputException.class,
                () -> trace("file: bad.csv, time-column: second, unit: s, count-column: requests"));
        String msg = e.errors().get(0).format();
        assertTrue(msg.contains("trace file " + dir.resolve("bad.csv").toAbsolutePath() + ":50002: 'many' in column"
                + " 'requests' is not a number"), msg);
    }
}
