package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.report.LoadPreview;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom load preview} end to end. */
class LoadPreviewTest {
    static final Path RAMP_THEN_STEADY = Path.of("..", "examples", "profiles", "ramp-then-steady.yaml");

    static RunCommandTest.Outcome headroom(String... args) {
        return RunCommandTest.headroom(args);
    }

    /** The CSV's rows, split into cells (the header left out). */
    static List<double[]> rows(Path csv, String header) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(header, lines.get(0));
        return lines.subList(1, lines.size()).stream()
                .map(l -> Arrays.stream(l.split(",", -1)).mapToDouble(Double::parseDouble).toArray()).toList();
    }

    @Test
    void rampThenSteadyArrivalsAddUpAndFollowTheRamp(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("preview");
        RunCommandTest.Outcome o = headroom("load", "preview", RAMP_THEN_STEADY.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.err());

        List<double[]> rows = rows(out.resolve("preview.csv"), "t_s,arrivals,rate_per_s,expected_rate_per_s,window_s");
        // 15 min / 200 = 4.5 s, rounded up to a nice 5 s: 180 windows
        assertEquals(180, rows.size());
        // Gatling's counts: rampUsersPerSec 50 -> 500 over 300 s delivers (50 + 500) / 2 x 300 = 82,500 users, and a
        // randomized constantUsersPerSec 500 for 600 s delivers floor(500 x 600) = 300,000 (its count is not random)
        long total = 0;
        for (double[] r : rows) {
            total += (long) r[1];
        }
        assertEquals(82_500 + 300_000, total);
        assertTrue(o.out().contains("382,500"), o.out());

        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            assertEquals(5.0 * i, r[0], 1e-9, "t_s");
            assertEquals(5.0, r[4], 1e-9, "window_s");
            assertEquals(r[1] / 5, r[2], 1e-6, "rate_per_s is arrivals / window");
            double mid = r[0] + 2.5;
            if (mid < 300) {
                // the ramp, regularly spaced: the rate at the window's middle is 50 + 450 t / 300 (the mean over a
                // linear window), and a window's count is its integral less carried fractions: within one user
                double ramp = 50 + 450 * mid / 300;
                assertEquals(ramp, r[3], 1e-9, "expected rate at " + r[0]);
                assertEquals(ramp * 5, r[1], 1.0, "arrivals in the ramp window at " + r[0]);
            } else {
                // Poisson arrivals, 300,000 of them placed uniformly over 600 s: a 5 s window's count is binomial,
                // mean 2500, sd 49.8; within 5 sd (all 120 windows: false-failure probability below 1e-4)
                assertEquals(500, r[3], 1e-9, "expected rate at " + r[0]);
                double sd = Math.sqrt(300_000 * (5.0 / 600) * (1 - 5.0 / 600));
                assertEquals(2500, r[1], 5 * sd, "arrivals in the steady window at " + r[0]);
            }
        }
        // the rate rises through the ramp: each window of it above the one before
        for (int i = 1; i < 60; i++) {
            assertTrue(rows.get(i)[1] > rows.get(i - 1)[1], "window " + i);
        }

        BufferedImage png = ImageIO.read(out.resolve("preview.png").toFile());
        assertNotNull(png, "preview.png decodes");
        assertEquals(1200, png.getWidth());
        assertEquals(600, png.getHeight());
        try (var files = Files.list(out)) {
            assertEquals(List.of("preview.csv", "preview.png"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void theTerminalSummaryNamesDurationRatesAndDrawsTheRate() {
        RunCommandTest.Outcome o = headroom("load", "preview", RAMP_THEN_STEADY.toString());
        assertEquals(0, o.status(), o.err());
        String s = o.out();
        assertTrue(s.startsWith("ramp-then-steady: open model, 2 steps, 15m (seed 1, 5s windows)"), s);
        assertTrue(s.contains("users        382,500"), s);
        assertTrue(s.contains("mean 425.0/s"), s);
        assertTrue(s.contains("rate         mean 425.0/s; peak arrival rate 500.0/s (the highest expected rate at any instant)"), s);
        assertTrue(s.contains("busiest      524.4/s in the 5s window at 8m 20s"), s);
        assertTrue(s.contains("warm-up      the first 1m"), s);
        assertTrue(s.contains("  600 |"), s);
        assertTrue(s.contains("0 +----"), s);
        assertFalse(s.contains("wrote"), "nothing written without --out");
        for (char c : s.toCharArray()) {
            assertTrue(c == '\n' || (c >= 32 && c < 127), "ASCII only: " + (int) c);
        }
    }

    /** One peak arrival rate: the preview's, whatever its window, is the one {@code check} reports. */
    @Test
    void previewAndCheckReportTheSamePeakWhateverTheWindow() {
        for (String[] pair : List.of(new String[] {"shop.yaml", "ramp-then-steady.yaml"}, new String[] {"shop.yaml", "shop-diurnal.yaml"},
                new String[] {"nasa-site.yaml", "nasa-day.yaml"})) {
            String profile = pair[1];
            Path p = Path.of("..", "examples", "profiles", profile);
            RunCommandTest.Outcome check = headroom("check", Path.of("..", "examples", pair[0]).toString(), "--load", p.toString());
            assertEquals(0, check.status(), check.err());
            String peak = peakIn(check.out());
            for (String window : List.of("1s", "1m", "10m")) {
                RunCommandTest.Outcome preview = headroom("load", "preview", p.toString(), "--window", window);
                assertEquals(0, preview.status(), preview.err());
                assertEquals(peak, peakIn(preview.out()), profile + " in " + window + " windows");
            }
        }
        assertEquals("peak arrival rate 500.0/s", peakIn(headroom("load", "preview", RAMP_THEN_STEADY.toString(), "--window", "1m").out()));
    }

    private static String peakIn(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("peak arrival rate [0-9.,]+/s").matcher(out);
        assertTrue(m.find(), out);
        return m.group();
    }

    @Test
    void sameSeedSameFileAnotherSeedAnother(@TempDir Path tmp) throws Exception {
        String profile = RAMP_THEN_STEADY.toString();
        assertEquals(0, headroom("load", "preview", profile, "--out", tmp.resolve("a").toString()).status());
        assertEquals(0, headroom("load", "preview", profile, "--out", tmp.resolve("b").toString()).status());
        assertEquals(0, headroom("load", "preview", profile, "--seed", "2", "--out", tmp.resolve("c").toString()).status());
        byte[] a = Files.readAllBytes(tmp.resolve("a/preview.csv"));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b/preview.csv")));
        assertFalse(Arrays.equals(a, Files.readAllBytes(tmp.resolve("c/preview.csv"))));
    }

    @Test
    void aWindowCanBeChosen(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("w");
        RunCommandTest.Outcome o = headroom("load", "preview", RAMP_THEN_STEADY.toString(), "--window", "1m", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        List<double[]> rows = rows(out.resolve("preview.csv"), "t_s,arrivals,rate_per_s,expected_rate_per_s,window_s");
        assertEquals(15, rows.size());
        assertEquals(60, rows.get(1)[0], 0);
        // the first minute of the ramp: 50 -> 140/s, (50 + 140) / 2 x 60 = 5700 users
        assertEquals(5700, rows.get(0)[1], 1);
        assertEquals(95, rows.get(0)[3], 1e-9);
    }

    @Test
    void aLastWindowCutShortIsRatedOverItsOwnLength(@TempDir Path tmp) throws Exception {
        Path profile = Files.writeString(tmp.resolve("p.yaml"), String.join("\n",
                "name: short",
                "injection:",
                "  - constantUsersPerSec: {rate: 10, during: 25s}",
                ""));
        Path out = tmp.resolve("o");
        assertEquals(0, headroom("load", "preview", profile.toString(), "--window", "10s", "--out", out.toString()).status());
        List<double[]> rows = rows(out.resolve("preview.csv"), "t_s,arrivals,rate_per_s,expected_rate_per_s,window_s");
        assertEquals(3, rows.size());
        assertArrayEquals(new double[] {20, 50, 10, 10, 5}, rows.get(2));
    }

    @Test
    void aBurstShowsInTheArrivalsAndIsNamed(@TempDir Path tmp) throws Exception {
        Path profile = Files.writeString(tmp.resolve("burst.yaml"), String.join("\n",
                "name: burst",
                "injection:",
                "  - nothingFor: {during: 1m}",
                "  - atOnceUsers: {users: 500}",
                "  - constantUsersPerSec: {rate: 20, during: 2m}",
                ""));
        Path out = tmp.resolve("o");
        RunCommandTest.Outcome o = headroom("load", "preview", profile.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("bursts       1 step of users all at once (atOnceUsers)"), o.out());
        List<double[]> rows = rows(out.resolve("preview.csv"), "t_s,arrivals,rate_per_s,expected_rate_per_s,window_s");
        assertEquals(180, rows.size()); // 3 min / 200 = 0.9 s -> 1 s windows
        assertArrayEquals(new double[] {59, 0, 0, 0, 1}, rows.get(59));
        assertArrayEquals(new double[] {60, 520, 520, 20, 1}, rows.get(60), "the burst and the first second of the step");
        assertArrayEquals(new double[] {61, 20, 20, 20, 1}, rows.get(61));
        assertEquals(500 + 20 * 120, rows.stream().mapToDouble(r -> r[1]).sum());
    }

    @Test
    void aClosedProfileShowsItsTargetConcurrency(@TempDir Path tmp) throws Exception {
        Path profile = Files.writeString(tmp.resolve("closed.yaml"), String.join("\n",
                "name: closed-steps",
                "closed:",
                "  - rampConcurrentUsers: {from: 10, to: 100, during: 2m}",
                "  - constantConcurrentUsers: {users: 100, during: 5m}",
                ""));
        Path out = tmp.resolve("closed");
        RunCommandTest.Outcome o = headroom("load", "preview", profile.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("closed-steps: closed model, 2 steps, 7m (seed 1, 5s windows)"), o.out());
        assertTrue(o.out().contains("10 users at the start, 100 at the end; peak 100"), o.out());
        List<double[]> rows = rows(out.resolve("preview.csv"), "t_s,users");
        assertEquals(84, rows.size()); // 420 s / 200 = 2.1 s -> 5 s windows
        for (double[] r : rows) {
            // Gatling's ramp: from + floor((to - from) / d x whole seconds)
            double expected = r[0] < 120 ? 10 + Math.floor(90.0 / 120 * r[0]) : 100;
            assertEquals(expected, r[1], 0, "users at " + r[0]);
        }
        BufferedImage png = ImageIO.read(out.resolve("preview.png").toFile());
        assertNotNull(png);
        assertEquals(1200, png.getWidth());
        assertEquals(600, png.getHeight());
    }

    @Test
    void aBadProfileExitsTwoAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path profile = Files.writeString(tmp.resolve("bad.yaml"), String.join("\n",
                "name: bad",
                "injection:",
                "  - constantUsersPerSec: {rate: -5, during: 1m}",
                ""));
        Path out = tmp.resolve("never");
        RunCommandTest.Outcome o = headroom("load", "preview", profile.toString(), "--out", out.toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith(profile + ":3:"), o.err());
        assertTrue(o.err().contains("rate"), o.err());
        assertFalse(Files.exists(out), "no output folder");

        RunCommandTest.Outcome missing = headroom("load", "preview", tmp.resolve("nope.yaml").toString(), "--out", out.toString());
        assertEquals(2, missing.status(), missing.err());
        assertFalse(Files.exists(out), "no output folder");
    }

    @Test
    void badOptionsExitTwoAndWriteNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("never");
        for (String[] opts : List.of(new String[] {"--window", "5"}, new String[] {"--window", "0s"},
                new String[] {"--window", "1ns"}, new String[] {"--seed", "x"})) {
            String[] args = new String[5 + opts.length];
            args[0] = "load";
            args[1] = "preview";
            args[2] = RAMP_THEN_STEADY.toString();
            args[3] = "--out";
            args[4] = out.toString();
            System.arraycopy(opts, 0, args, 5, opts.length);
            RunCommandTest.Outcome o = headroom(args);
            assertEquals(2, o.status(), String.join(" ", opts) + ": " + o.err());
            assertTrue(o.err().contains(opts[0]), o.err());
            assertFalse(Files.exists(out), "no output folder");
        }
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        RunCommandTest.Outcome o = headroom("load", "preview", RAMP_THEN_STEADY.toString(), "--out", file.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("is not a folder"), o.err());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void loadWithoutASubcommandIsAUsageError() {
        RunCommandTest.Outcome o = headroom("load");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("preview"), o.err());
    }

    @Test
    void defaultWindowsAreNiceAndAtLeastASecond() {
        assertEquals(Duration.ofSeconds(1), LoadPreview.defaultWindow(Duration.ofSeconds(4)));
        assertEquals(Duration.ofSeconds(1), LoadPreview.defaultWindow(Duration.ofSeconds(200)));
        assertEquals(Duration.ofSeconds(2), LoadPreview.defaultWindow(Duration.ofSeconds(201)));
        assertEquals(Duration.ofSeconds(5), LoadPreview.defaultWindow(Duration.ofMinutes(15)));
        assertEquals(Duration.ofSeconds(20), LoadPreview.defaultWindow(Duration.ofHours(1)));
        assertEquals(Duration.ofMinutes(10), LoadPreview.defaultWindow(Duration.ofDays(1)));
        assertEquals(Duration.ofHours(1), LoadPreview.defaultWindow(Duration.ofSeconds(625_000)));
        assertEquals(Duration.ofDays(2), LoadPreview.defaultWindow(Duration.ofDays(365)));
    }
}
