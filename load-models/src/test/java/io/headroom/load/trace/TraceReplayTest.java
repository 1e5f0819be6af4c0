package io.headroom.load.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.random.RandomStreams;
import io.headroom.random.StreamRandom;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace replay ({@code - trace: {...}}), read through {@link LoadProfile#read} as a user's profile is.
 *
 * <p>Count rows are checked exactly: every row's arrivals, counted in the row's own window of run
 * time, equal its count (times scale, when scale is whole). Rate rows are Poisson processes, checked
 * in expectation at fixed seeds with bounds a correct generator fails with probability about 1e-6 or
 * less: the total N within 4 sqrt(E[N]) of its expectation (a Poisson count's standard deviation is the
 * square root of its mean; two-sided 6e-5), and the per-row counts by chi-square: for independent
 * Poisson counts with means of 50 or more, sum (O - E)^2 / E is chi-square with one degree of freedom
 * per row (the total is not fixed), tested two-sided at 1e-6, so that a replay which put exactly the
 * expected count in each row (chi-square near 0) fails too.
 */
class TraceReplayTest {
    private static final double ALPHA = 1e-6;
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- helpers

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** A profile of the given steps, written in the temp folder (so trace files resolve against it) and read. */
    private LoadProfile profile(String body) throws IOException, BadInputException {
        return LoadProfile.read(write("profile.yaml", "name: t\n" + body));
    }

    /** The one trace step of a profile holding {@code - trace: {spec}}. */
    private OpenStep.Trace trace(String spec) throws IOException, BadInputException {
        return (OpenStep.Trace) profile("injection:\n  - trace: {" + spec + "}\n").injection().get(0);
    }

    /** A CSV series: header {@code t,n} then the rows {@code times[i],values[i]}. */
    private String csv(double[] times, double[] values) {
        StringBuilder b = new StringBuilder("t,n\n");
        for (int i = 0; i < times.length; i++) {
            b.append(num(times[i])).append(',').append(num(values[i])).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double[] range(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    private static double[] randomCounts(int n, int max, long seed) {
        Random r = new Random(seed);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextInt(max + 1);
        }
        return c;
    }

    /** Arrival times and keys of a stream, drained. */
    private record Drained(long[] times, long[] keys) {
        int size() {
            return times.length;
        }
    }

    private static Drained drain(ArrivalStream s) {
        List<long[]> out = new ArrayList<>();
        for (long t = s.next(); t != ArrivalStream.END; t = s.next()) {
            out.add(new long[] {t, s.key()});
        }
        return new Drained(out.stream().mapToLong(a -> a[0]).toArray(), out.stream().mapToLong(a -> a[1]).toArray());
    }

    private static Drained drain(OpenStep step, long seed) {
        Drained d = drain(step.arrivals(0, new StreamRandom(seed)));
        long end = step.during().toNanos();
        for (int i = 0; i < d.size(); i++) {
            assertTrue(d.times[i] >= 0 && d.times[i] < end, "arrival " + i + " at " + d.times[i] + " ns, outside [0, " + end + ")");
            assertTrue(i == 0 || d.times[i] >= d.times[i - 1], "arrival times go back at " + i);
        }
        return d;
    }

    /** Arrivals counted in the windows [edges[i], edges[i+1]) (ns). */
    private static long[] count(long[] times, long[] edges) {
        long[] c = new long[edges.length - 1];
        for (long t : times) {
            int i = Arrays.binarySearch(edges, t);
            i = i >= 0 ? i : -i - 2;
            assertTrue(i >= 0 && i < c.length, "arrival at " + t + " ns outside the rows");
            c[i]++;
        }
        return c;
    }

    /** Windows of {@code width} ns from 0. */
    private static long[] edges(int n, long width) {
        long[] e = new long[n + 1];
        for (int i = 0; i <= n; i++) {
            e[i] = i * width;
        }
        return e;
    }

    private static long[] asLongs(double[] v, double factor) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * factor);
        }
        return out;
    }

    private static void assertChiSquare(long[] observed, double[] expected, int degreesOfFreedom, String what) {
        double chi2 = 0;
        for (int j = 0; j < observed.length; j++) {
            chi2 += (observed[j] - expected[j]) * (observed[j] - expected[j]) / expected[j];
        }
        ChiSquaredDistribution d = new ChiSquaredDistribution(degreesOfFreedom);
        double lo = d.inverseCumulativeProbability(ALPHA);
        double hi = d.inverseCumulativeProbability(1 - ALPHA);
        assertTrue(chi2 > lo && chi2 < hi, what + ": chi-square " + chi2 + " with " + degreesOfFreedom
                + " degrees of freedom, outside [" + lo + ", " + hi + "]");
    }

    private static void assertWithin4Sigma(double expected, double variance, long observed, String what) {
        assertEquals(expected, observed, 4 * Math.sqrt(variance), what + ": " + observed + " against " + expected
                + " +- 4 sd (" + 4 * Math.sqrt(variance) + ")");
    }

    // ---------------------------------------------------------------- count column: exact

    @Test
    void aCountColumnReplaysEveryRowsCountExactly() throws Exception {
        double[] counts = randomCounts(600, 200, 1);
        write("minutes.csv", csv(range(600), counts));
        // a minute index played 60 times faster: row i is second i of the run
        OpenStep.Trace step = trace("file: minutes.csv, time-column: t, count-column: n, unit: min, speedup: 60");
        assertEquals(Duration.ofSeconds(600), step.during());
        for (long seed : new long[] {1, 2, 3}) {
            Drained d = drain(step, seed);
            assertArrayEquals(asLongs(counts, 1), count(d.times(), edges(600, S)), "seed " + seed);
            assertTrue(Arrays.stream(d.keys()).allMatch(k -> k == ArrivalStream.NO_KEY), "a csv trace carries no keys");
        }
        assertEquals(Arrays.stream(counts).sum(), step.replay().expectedArrivals(), 1e-6);
    }

    @Test
    void unevenRowsLastUntilTheNextRowAndTheLastAsLongAsTheOneBefore() throws Exception {
        double[] times = {0, 1.5, 4, 4.25, 10};
        double[] counts = {30, 0, 7, 500, 12};
        write("uneven.csv", csv(times, counts));
        OpenStep.Trace step = trace("file: uneven.csv, time-column: t, count-column: n, unit: s");
        // the last row, from 10 s, lasts 10 - 4.25 = 5.75 s like the row before it
        assertEquals(Duration.ofMillis(15_750), step.during());
        long[] edges = {0, 1_500_000_000L, 4 * S, 4_250_000_000L, 10 * S, 15_750_000_000L};
        assertArrayEquals(asLongs(counts, 1), count(drain(step, 5).times(), edges));
        // the mean rate: a row's count over its length; the busiest is 500 over 5.75 s
        assertEquals(500 / 5.75, step.peakRate(), 1e-9);
        assertEquals(30 / 1.5, step.rateAt(0.75), 1e-9);
    }

    @Test
    void aCountRowsArrivalsAreUniformWithinTheRow() throws Exception {
        double[] counts = randomCounts(400, 300, 2);
        write("minutes.csv", csv(range(400), counts));
        OpenStep.Trace step = trace("file: minutes.csv, time-column: t, count-column: n, unit: min, speedup: 60");
        long[] t = drain(step, 9).times();
        // position within its one-second row, in 20 bins: given the counts, multinomial with equal shares
        long[] bins = new long[20];
        for (long x : t) {
            bins[(int) ((x % S) * 20 / S)]++;
        }
        double[] expected = new double[20];
        Arrays.fill(expected, t.length / 20.0);
        assertChiSquare(bins, expected, 19, "position of arrivals within their row");
    }

    // ---------------------------------------------------------------- rate column: in expectation

    @Test
    void aRateColumnIsAPoissonProcessRightInExpectation() throws Exception {
        int rows = 400;
        double[] times = new double[rows];
        double[] rates = new double[rows];
        Random r = new Random(3);
        for (int i = 0; i < rows; i++) {
            times[i] = 10.0 * i;                  // 10-second rows
            rates[i] = 5 + 45 * r.nextDouble();  // 5 to 50 requests/s: 50 to 500 expected per row
        }
        write("rates.csv", csv(times, rates));
        OpenStep.Trace step = trace("file: rates.csv, time-column: t, rate-column: n, unit: s");
        assertEquals(Duration.ofSeconds(4000), step.during());
        double[] expected = new double[rows];
        for (int i = 0; i < rows; i++) {
            expected[i] = rates[i] * 10;
        }
        double mean = Arrays.stream(expected).sum(); // about 110 000
        assertEquals(mean, step.replay().expectedArrivals(), 1e-6);
        for (long seed : new long[] {1, 2}) {
            long[] observed = count(drain(step, seed).times(), edges(rows, 10 * S));
            assertWithin4Sigma(mean, mean, Arrays.stream(observed).sum(), "total, seed " + seed);
            assertChiSquare(observed, expected, rows, "counts per row, seed " + seed);
        }
        assertEquals(Arrays.stream(rates).max().orElseThrow(), step.peakRate(), 1e-9);
        assertEquals(rates[17], step.rateAt(175), 1e-9);
    }

    @Test
    void aRateRowsGapsAreExponential() throws Exception {
        write("flat.csv", "t,rate\n0,100\n1000,100\n");
        OpenStep.Trace step = trace("file: flat.csv, time-column: t, rate-column: rate, unit: s");
        long[] t = drain(step, 4).times(); // 2000 s at 100/s: about 200 000 arrivals
        double[] gaps = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            gaps[i - 1] = (t[i] - t[i - 1]) / 1e9;
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 0.01), gaps);
        assertTrue(p > ALPHA, "gaps not exponential with mean 10 ms: KS p-value " + p);
    }

    // ---------------------------------------------------------------- speedup, scale, window

    @Test
    void speedupPlaysTheSameRequestsInLessTime() throws Exception {
        double[] counts = randomCounts(120, 90, 4);
        write("minutes.csv", csv(range(120), counts));
        OpenStep.Trace real = trace("file: minutes.csv, time-column: t, count-column: n, unit: min");
        OpenStep.Trace fast = trace("file: minutes.csv, time-column: t, count-column: n, unit: min, speedup: 60");
        assertEquals(Duration.ofHours(2), real.during());
        assertEquals(Duration.ofMinutes(2), fast.during());
        // the same count in every minute, now a second
        assertArrayEquals(asLongs(counts, 1), count(drain(real, 1).times(), edges(120, 60 * S)));
        assertArrayEquals(asLongs(counts, 1), count(drain(fast, 1).times(), edges(120, S)));
        // rates 60 times higher at the corresponding time
        double peak = Arrays.stream(counts).max().orElseThrow();
        assertEquals(peak / 60, real.peakRate(), 1e-9);
        assertEquals(peak, fast.peakRate(), 1e-9);
        for (int i = 0; i < 120; i += 7) {
            assertEquals(counts[i] / 60, real.rateAt(60 * i + 30), 1e-9);
            assertEquals(counts[i], fast.rateAt(i + 0.5), 1e-9);
        }
        assertEquals(0, fast.rateAt(120), "after the replay");

        // a rate series sped up: the same expected number of requests
        write("rates.csv", "t,rate\n0,2\n600,5\n1200,1\n");
        OpenStep.Trace r = trace("file: rates.csv, time-column: t, rate-column: rate, unit: s, speedup: 20");
        assertEquals(Duration.ofSeconds(90), r.during());
        assertEquals(20 * 5, r.peakRate(), 1e-9);
        double mean = 600 * (2 + 5 + 1);
        assertEquals(mean, r.replay().expectedArrivals(), 1e-6);
        long[] observed = count(drain(r, 6).times(), new long[] {0, 30 * S, 60 * S, 90 * S});
        assertChiSquare(observed, new double[] {1200, 3000, 600}, 3, "sped-up rate rows");
    }

    @Test
    void scaleMultipliesCountsExactlyWhenWholeAndInExpectationOtherwise() throws Exception {
        double[] counts = randomCounts(500, 40, 5);
        write("minutes.csv", csv(range(500), counts));
        String base = "file: minutes.csv, time-column: t, count-column: n, unit: min, speedup: 60";
        // a whole scale: exactly twice every row
        OpenStep.Trace twice = trace(base + ", scale: 2");
        assertArrayEquals(asLongs(counts, 2), count(drain(twice, 1).times(), edges(500, S)));
        assertEquals(2 * Arrays.stream(counts).max().orElseThrow(), twice.peakRate(), 1e-9);

        // a fractional scale: floor or ceiling of scale x count in each row, the expectation exact;
        // here the step's 0.5 times the profile's 3 (1.5 x): variance sum frac (1 - frac), 0.25 per odd count
        LoadProfile p = profile("scale: 3\ninjection:\n  - trace: {" + base + ", scale: 0.5}\n");
        OpenStep scaled = p.scaledInjection().get(0);
        long[] observed = count(drain(scaled, 2).times(), edges(500, S));
        double variance = 0;
        double mean = 0;
        for (int i = 0; i < counts.length; i++) {
            double x = 1.5 * counts[i];
            assertTrue(observed[i] == Math.floor(x) || observed[i] == Math.ceil(x), "row " + i + ": " + observed[i] + " for 1.5 x " + counts[i]);
            mean += x;
            variance += (x - Math.floor(x)) * (Math.ceil(x) - x);
        }
        assertWithin4Sigma(mean, variance, Arrays.stream(observed).sum(), "total at scale 1.5");
        assertEquals(mean, ((OpenStep.Trace) scaled).replay().expectedArrivals(), 1e-6);
        assertEquals(1.5 * counts[10], scaled.rateAt(10.5), 1e-9);

        // rates are multiplied
        write("rates.csv", "t,rate\n0,40\n100,60\n");
        OpenStep.Trace r = trace("file: rates.csv, time-column: t, rate-column: rate, unit: s, scale: 2.5");
        double m = 2.5 * (40 + 60) * 100;
        assertEquals(m, r.replay().expectedArrivals(), 1e-6);
        assertWithin4Sigma(m, m, drain(r, 3).size(), "rate rows at scale 2.5");
        assertEquals(150, r.peakRate(), 1e-9);
    }

    @Test
    void aWindowReplaysASliceInTheTimeColumnsUnits() throws Exception {
        double[] counts = randomCounts(600, 100, 6);
        write("minutes.csv", csv(range(600), counts));
        String base = "file: minutes.csv, time-column: t, count-column: n, unit: min, speedup: 60";
        OpenStep.Trace slice = trace(base + ", window: {from: 100, to: 160}");
        assertEquals(Duration.ofSeconds(60), slice.during(), "an hour of trace time at speedup 60");
        assertArrayEquals(asLongs(Arrays.copyOfRange(counts, 100, 160), 1), count(drain(slice, 1).times(), edges(60, S)),
                "minute 100 is the slice's first second");
        assertEquals(counts[100], slice.rateAt(0.5), 1e-9);

        // ends that cut rows: the whole rows inside are exact, the cut ones keep the arrivals inside the window
        OpenStep.Trace cut = trace(base + ", window: {from: 100.5, to: 103.25}");
        assertEquals(Duration.ofMillis(2750), cut.during());
        long[] c = count(drain(cut, 2).times(), new long[] {0, S / 2, 3 * S / 2, 5 * S / 2, 2750_000_000L});
        assertEquals((long) counts[101], c[1]);
        assertEquals((long) counts[102], c[2]);
        assertTrue(c[0] <= counts[100] && c[3] <= counts[103], Arrays.toString(c));
        assertEquals(counts[100] / 2 + counts[101] + counts[102] + counts[103] / 4, cut.replay().expectedArrivals(), 1e-9);

        // a window reaching past the trace ends with it; one starting before it starts with it
        assertEquals(Duration.ofSeconds(10), trace(base + ", window: {from: 590, to: 5000}").during());
        assertEquals(Duration.ofSeconds(20), trace(base + ", window: {from: -50, to: 20}").during());
        assertEquals(Duration.ofSeconds(600), trace(base + ", window: {to: 100000}").during());
    }

    @Test
    void aTraceStepChainsWithTheStepsAroundIt() throws Exception {
        write("minutes.csv", "t,n\n0,3\n1,4\n");
        LoadProfile p = profile("injection:\n  - constantUsersPerSec: {rate: 0, during: 5s}\n"
                + "  - trace: {file: minutes.csv, time-column: t, count-column: n, unit: min, speedup: 60}\n"
                + "  - constantUsersPerSec: {rate: 2, during: 1s}\n");
        assertEquals(Duration.ofSeconds(8), p.duration());
        long[] t = drain(p.arrivals(new RandomStreams(1))).times();
        assertArrayEquals(new long[] {0, 3, 4, 2}, count(t, new long[] {0, 5 * S, 6 * S, 7 * S, 8 * S}));
        assertEquals(4, p.rateAt(6.5), 1e-9);
    }

    // ---------------------------------------------------------------- access logs

    /** Seconds since 1970 of a CLF timestamp, by java.time (the oracle for the parser). */
    private static long epoch(String stamp) {
        return OffsetDateTime.parse(stamp, DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)).toEpochSecond();
    }

    @Test
    void logTimestampsAreParsedWithTheirZone() {
        for (String s : new String[] {"01/Jul/1995:00:00:01 -0400", "13/Jul/1995:09:41:55 -0400", "29/Feb/1996:23:59:59 +0530",
                "31/Dec/1999:23:59:59 +0000", "01/jan/2024:12:00:00 -1200"}) {
            assertEquals(epoch(s.replace("jan", "Jan")), ClfLines.epochSecond(s), s);
        }
        for (String s : new String[] {"30/Feb/1995:00:00:00 -0400", "01/Jul/1995:24:00:00 -0400", "01/Jux/1995:00:00:00 -0400",
                "1/Jul/1995:00:00:00 -0400", "01/Jul/1995:00:00:00", "01/Jul/1995 00:00:00 -0400"}) {
            assertThrows(RuntimeException.class, () -> ClfLines.epochSecond(s), s);
        }
        assertEquals("/a/b", ClfLines.pathOf("GET /a/b?x=1&y=2 HTTP/1.0"));
        assertEquals("/a/b", ClfLines.pathOf("HEAD /a/b"));
        assertEquals("/only", ClfLines.pathOf("/only"));
    }

    /** The shipped synthetic log, read independently: lines in file order with their time and path. */
    private record LogLine(long second, String path) {
    }

    private static List<LogLine> oracle(Path log) throws IOException {
        List<LogLine> out = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String stamp = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
            String request = line.substring(line.indexOf('"') + 1, line.indexOf('"', line.indexOf('"') + 1));
            String target = request.split(" ")[1];
            out.add(new LogLine(epoch(stamp), target.contains("?") ? target.substring(0, target.indexOf('?')) : target));
        }
        return out;
    }

    @Test
    void anAccessLogGivesArrivalsAtItsLoggedSecondsWithThePathAsKey() throws Exception {
        Path log = examples().resolve("traces/synthetic-clf.log");
        Files.copy(log, dir.resolve("access.log"));
        List<LogLine> lines = oracle(log);
        assertEquals(200, lines.size());
        long t0 = lines.stream().mapToLong(LogLine::second).min().orElseThrow();
        long last = lines.stream().mapToLong(LogLine::second).max().orElseThrow();
        // keys: paths numbered in order of first appearance in the file
        Map<String, Long> ids = new HashMap<>();
        for (LogLine l : lines) {
            ids.putIfAbsent(l.path(), (long) ids.size());
        }
        // expected (second, key) sequence: by second, file order within a second (out-of-order lines put back)
        TreeMap<Long, List<Long>> bySecond = new TreeMap<>();
        for (LogLine l : lines) {
            bySecond.computeIfAbsent(l.second(), x -> new ArrayList<>()).add(ids.get(l.path()));
        }

        for (int speedup : new int[] {1, 10}) {
            OpenStep.Trace step = trace("file: access.log, format: clf, speedup: " + speedup);
            assertEquals(Duration.ofNanos((last + 1 - t0) * S / speedup), step.during());
            Drained d = drain(step, speedup);
            assertEquals(200, d.size());
            int i = 0;
            for (Map.Entry<Long, List<Long>> e : bySecond.entrySet()) {
                long from = (e.getKey() - t0) * S / speedup;
                long to = (e.getKey() + 1 - t0) * S / speedup;
                for (long key : e.getValue()) {
                    assertTrue(d.times()[i] >= from && d.times()[i] < to, "arrival " + i + " at " + d.times()[i]
                            + " ns, logged in [" + from + ", " + to + ")");
                    assertEquals(key, d.keys()[i], "key of arrival " + i);
                    i++;
                }
            }
        }
        // a second's lines are spread inside it, not stacked at its start
        Drained d = drain(trace("file: access.log, format: clf"), 3);
        assertTrue(Arrays.stream(d.times()).filter(t -> t % S != 0).count() == 200, "arrivals on whole seconds");
    }

    @Test
    void anAccessLogsWindowCountsFromItsEarliestLine() throws Exception {
        // times relative to 10:00:00 -0400 = 14:00:00 +0000; one line is 20 s out of order; the zones differ
        String log = """
                h - - [13/Jul/1995:10:00:30 -0400] "GET /b HTTP/1.0" 200 1
                h - - [13/Jul/1995:10:00:10 -0400] "GET /a?q=1 HTTP/1.0" 200 1
                h - - [13/Jul/1995:14:00:31 +0000] "GET /a HTTP/1.0" 200 1 "http://ref/" "agent 1.0"
                h - - [13/Jul/1995:10:01:30 -0400] "GET /c HTTP/1.0" 304 -
                h - - [13/Jul/1995:10:02:05 -0400] "POST /b HTTP/1.1" 200 1
                h - - [13/Jul/1995:10:02:06 -0400] "GET /d HTTP/1.0" 200 1
                """;
        write("w.log", log);
        OpenStep.Trace whole = trace("file: w.log, format: clf");
        assertEquals(Duration.ofSeconds(127 - 10), whole.during(), "from the earliest line (10:00:10) to the end of 10:02:06");
        Drained all = drain(whole, 1);
        // keys by first appearance in the file: /b 0, /a 1, /c 2, /d 3; arrivals in time order: /a /b /a /c /b /d
        assertArrayEquals(new long[] {1, 0, 1, 2, 0, 3}, all.keys());
        assertArrayEquals(new long[] {1, 0, 1, 1, 0, 1, 2}, count(all.times(), new long[] {0, S, 20 * S, 21 * S, 22 * S, 80 * S, 81 * S, 117 * S}));

        // window in minutes from the earliest line: [10:01:10, 10:02:10) holds /c, /b, /d
        OpenStep.Trace w = trace("file: w.log, format: clf, unit: min, window: {from: 1, to: 2}, speedup: 2");
        assertEquals(Duration.ofMillis((117 - 60) * 500), w.during(), "the window ends with the log");
        Drained part = drain(w, 1);
        assertArrayEquals(new long[] {0, 1, 2}, part.keys(), "keys numbered within the replay: /c, /b, /d");
        assertArrayEquals(new long[] {1, 0, 2}, count(part.times(), new long[] {10 * S, 10 * S + S / 2, 27 * S, 28 * S + S / 2}));
    }

    @Test
    void anAccessLogsRateIsItsRequestsPerMinute() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int m = 0; m < 5; m++) {
            for (int k = 0; k < 10 * (m + 1); k++) {
                b.append(String.format("h - - [13/Jul/1995:10:%02d:%02d -0400] \"GET /p%d HTTP/1.0\" 200 1%n", m, k % 60, k % 7));
            }
        }
        b.append("h - - [13/Jul/1995:10:04:59 -0400] \"GET /end HTTP/1.0\" 200 1\n");
        write("minutes.log", b.toString());
        OpenStep.Trace step = trace("file: minutes.log, format: clf, speedup: 60, scale: 3");
        assertEquals(Duration.ofSeconds(5), step.during());
        for (int m = 0; m < 4; m++) {
            assertEquals(3 * 10.0 * (m + 1), step.rateAt(m + 0.5), 1e-9, "minute " + m);
        }
        assertEquals(3 * 51.0, step.peakRate(), 1e-9);
        // scale 3: three arrivals per line, with its key
        Drained d = drain(step, 1);
        assertEquals(3 * 151, d.size());
        assertEquals(3, Arrays.stream(d.keys()).filter(k -> k == 7).count(), "/end is the 8th path and logged once");
    }

    // ---------------------------------------------------------------- large files, gzip, the example

    @Test
    void aLongTraceStreamsAndKeepsABoundedSummary() throws Exception {
        int rows = 200_000; // more rows than summary bins: bins merge, memory stays bounded
        StringBuilder b = new StringBuilder("second,requests\n");
        for (int i = 0; i < rows; i++) {
            b.append(i).append(',').append(i % 3).append('\n');
        }
        write("long.csv", b.toString());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("long.csv.gz")))) {
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        OpenStep.Trace plain = trace("file: long.csv, time-column: second, count-column: requests, unit: s");
        OpenStep.Trace gz = trace("file: long.csv.gz, time-column: second, count-column: requests, unit: s");
        assertTrue(plain.replay().binsWidth() > 1, "rows merged into wider summary bins");
        assertEquals(2, plain.peakRate(), 1e-9, "the peak is the busiest row, not a bin average");
        assertEquals(4.0, plain.replay().binsWidth(), "200 000 rows in 4-second bins");
        assertEquals((1 + 2 + 0 + 1) / 4.0, plain.rateAt(1000), 1e-9, "rows 1000 to 1003 averaged");
        long[] a = drain(plain, 8).times();
        assertEquals(rows / 3 * 3 + 1, a.length); // 0, 1, 2 repeated, and a last 0, 1
        assertArrayEquals(a, drain(gz, 8).times(), "a gzipped trace replays the same");
    }

    @Test
    void theShippedNasaDayReplaysItsMinutes() throws Exception {
        Path examples = examples();
        LoadProfile p = LoadProfile.read(examples.resolve("profiles/nasa-day.yaml"));
        OpenStep.Trace step = (OpenStep.Trace) p.injection().get(0);
        assertEquals(Duration.ofMinutes(24), step.during());
        assertEquals(examples.resolve("traces/nasa-jul95.csv").toAbsolutePath().normalize(), step.replay().file());
        List<String> csv = Files.readAllLines(examples.resolve("traces/nasa-jul95.csv"));
        assertEquals("minute_index,requests", csv.get(0));
        assertEquals(1441, csv.size());
        double[] perMinute = csv.subList(1, csv.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        assertEquals(134_204, Arrays.stream(perMinute).sum(), 1e-9);
        assertEquals(409, step.peakRate(), 1e-9, "409 requests in the busiest minute, now a second");
        assertArrayEquals(asLongs(perMinute, 1), count(drain(p.arrivals(new RandomStreams(1))).times(), edges(1440, S)));
    }

    /** examples/ at the top of the source tree (tests run in the module's folder). */
    static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/traces/nasa-jul95.csv"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/traces above " + Path.of("").toAbsolutePath());
    }

    // ---------------------------------------------------------------- the step's own keys

    @Test
    void stepKeysAreCheckedAtTheirPlace() throws Exception {
        write("m.csv", "t,n,r\n0,1,2\n");
        String[][] cases = {
            {"file: m.csv, time-column: t, count-column: n, rate-column: r, unit: s", "injection[0].trace.rate-column", "not both"},
            {"file: m.csv, time-column: t, unit: s", "injection[0].trace.count-column", "count-column"},
            {"file: m.csv, count-column: n, unit: s", "injection[0].trace.time-column", "time-column"},
            {"file: m.csv, time-column: t, count-column: n", "injection[0].trace.unit", "s, min or h"},
            {"file: m.csv, time-column: t, count-column: n, unit: hours", "injection[0].trace.unit", "s, min, h"},
            {"file: m.csv, format: clf, time-column: t", "injection[0].trace.time-column", "no columns"},
            {"file: m.csv, format: json, time-column: t, count-column: n, unit: s", "injection[0].trace.format", "csv, clf"},
            {"file: m.csv, time-column: t, count-column: n, unit: s, speedup: 0", "injection[0].trace.speedup", "positive"},
            {"file: m.csv, time-column: t, count-column: n, unit: s, window: {from: 5, to: 5}", "injection[0].trace.window.to", "after from"},
            {"file: m.csv, time-column: t, count-column: n, unit: s, window: {from: 1}", "injection[0].trace.window", "misses the trace"},
            {"file: m.csv, time-column: t, count-column: n, unit: s, speed: 2", "injection[0].trace.speed", "speedup"},
            {"file: m.csv, time-column: t, count-column: x, unit: s", "injection[0].trace.count-column", "no column 'x'"},
        };
        for (String[] c : cases) {
            BadInputException e = assertThrows(BadInputException.class, () -> trace(c[0]), c[0]);
            String msg = e.errors().get(0).format();
            assertEquals(c[1], e.errors().get(0).path(), msg);
            assertTrue(msg.contains(c[2]), "'" + c[2] + "' missing from: " + msg);
        }
    }
}
