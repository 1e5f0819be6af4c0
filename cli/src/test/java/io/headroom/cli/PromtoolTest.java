package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenMetrics output as Prometheus' own tool reads it: {@code promtool check metrics} (the linter: names,
 * units, help, types) passes with nothing to say, {@code promtool tsdb create-blocks-from openmetrics} loads it
 * into TSDB blocks, and {@code promtool tsdb dump} gives back every sample — labels, value, millisecond
 * timestamp — exactly as written. The file holds a run of a design whose names need escaping and reference
 * runs with every kind of time-series column (regions, caches, CDN, node pools, throttling, rollouts,
 * replications, a run that stopped between whole seconds).
 *
 * <p>promtool is Debian's {@code prometheus} package: found as {@code $HEADROOM_PROMTOOL}, on the PATH, or
 * where {@code scripts/get-promtool.sh} puts it (.ci/run calls it); without it the test is skipped, saying so.
 * promtool works on local files only.
 */
class PromtoolTest {
    private static final List<String> REFERENCE_RUNS = List.of("run-api-hpa--morning-ramp", "run-global-shop--global-day",
            "run-k8s-canary--morning-ramp", "run-k8s-karpenter--morning-surge", "run-k8s-shared-cpu--api-steady",
            "run-data-tier--orders-ramp", "run-api-fixed--morning-surge", "shop-replicated");

    static Path promtool() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("HEADROOM_PROMTOOL");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "promtool"));
            }
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".cache", "headroom", "promtool", "usr", "bin", "promtool"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(Path dir, Path stdin, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void promtoolLintsLoadsAndDumpsTheOutputExactly(@TempDir Path tmp) throws Exception {
        Path promtool = promtool();
        Assumptions.assumeTrue(promtool != null, "promtool not found (Debian's prometheus package): run scripts/get-promtool.sh"
                + " (as .ci/run does) or apt-get install prometheus, or set HEADROOM_PROMTOOL; skipping the promtool checks");
        Path tricky = tmp.resolve("tricky");
        var r = RunCommandTest.headroom("run", PrometheusExportTest.trickyDesign(tmp).toString(), "--load",
                PrometheusExportTest.shortProfile(tmp).toString(), "--out", tricky.toString());
        assertEquals(Headroom.OK, r.status(), r.err());
        List<String> args = new ArrayList<>(List.of("export", tricky.toString()));
        for (String run : REFERENCE_RUNS) {
            args.add(RunCommandTest.EXAMPLES.resolve("reference").resolve(run).toString());
        }
        Path file = tmp.resolve("runs.om");
        args.addAll(List.of("--start", PrometheusExportTest.START, "-o", file.toString()));
        var e = RunCommandTest.headroom(args.toArray(String[]::new));
        assertEquals(Headroom.OK, e.status(), e.err());

        Result version = run(tmp, null, promtool.toString(), "--version");
        System.out.println("PromtoolTest: " + (version.out() + version.err()).lines().findFirst().orElse("?"));

        Result lint = run(tmp, file, promtool.toString(), "check", "metrics");
        assertEquals(0, lint.status(), "promtool check metrics: " + lint.out() + lint.err());
        assertEquals("", lint.out() + lint.err(), "nothing to say");

        Path db = tmp.resolve("tsdb");
        Result load = run(tmp, null, promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", file.toString(), db.toString());
        assertEquals(0, load.status(), load.out() + load.err());
        Map<String, Integer> written = samplesOf(Files.readString(file));
        long loaded = 0;
        for (String line : load.out().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[0].matches("[0-9A-Z]{26}")) {
                loaded += Long.parseLong(f[4]); // BLOCK ULID, MIN TIME, MAX TIME, DURATION, NUM SAMPLES, ...
            }
        }
        int total = written.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(total, loaded, load.out());

        Files.createDirectories(db.resolve("wal")); // dump opens the folder as a database, which create-blocks-from leaves without one
        Result dump = run(tmp, null, promtool.toString(), "tsdb", "dump", db.toString());
        assertEquals(0, dump.status(), dump.err());
        Map<String, Integer> dumped = dumpedSamples(dump.out());
        assertEquals(written.size(), dumped.size(), "distinct samples");
        assertEquals(written, dumped);
        assertTrue(written.keySet().stream().anyMatch(k -> k.contains("endpoint=say \"hi\" \\o/")), "the tricky endpoint is there");
        System.out.println("PromtoolTest: check metrics passed; " + loaded + " samples loaded into TSDB blocks and dumped back exactly");
    }

    /** Samples of an OpenMetrics text as "sorted labels (name as __name__) | value as double | millis", counted. */
    static Map<String, Integer> samplesOf(String om) {
        Map<String, Integer> m = new HashMap<>();
        for (String line : om.lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            int valueAt = line.lastIndexOf(' ', space - 1);
            TreeMap<String, String> labels = new TreeMap<>();
            labels.put("__name__", line.substring(0, brace < 0 ? valueAt : brace));
            if (brace >= 0) {
                parseLabels(line.substring(brace + 1, line.lastIndexOf('}', valueAt)), labels, false);
            }
            double v = Double.parseDouble(line.substring(valueAt + 1, space));
            long ms = new BigDecimal(line.substring(space + 1)).movePointRight(3).longValueExact();
            m.merge(labels + " | " + v + " | " + ms, 1, Integer::sum);
        }
        return m;
    }

    /** promtool tsdb dump's lines, {@code {a="x", b="y"} value millis} with Go-quoted label values, as {@link #samplesOf}. */
    static Map<String, Integer> dumpedSamples(String dump) {
        Map<String, Integer> m = new HashMap<>();
        for (String line : dump.lines().toList()) {
            int space = line.lastIndexOf(' ');
            int valueAt = line.lastIndexOf(' ', space - 1);
            TreeMap<String, String> labels = new TreeMap<>();
            parseLabels(line.substring(1, line.lastIndexOf('}', valueAt)), labels, true);
            double v = Double.parseDouble(line.substring(valueAt + 1, space));
            m.merge(labels + " | " + v + " | " + Long.parseLong(line.substring(space + 1)), 1, Integer::sum);
        }
        return m;
    }

    /** {@code a="x",b="y"} (dump: {@code a="x", b="y"}, Go's escapes) into {@code into}. */
    private static void parseLabels(String s, Map<String, String> into, boolean go) {
        int i = 0;
        while (i < s.length()) {
            while (s.charAt(i) == ' ' || s.charAt(i) == ',') {
                i++;
            }
            int eq = s.indexOf("=\"", i);
            String name = s.substring(i, eq);
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            while (s.charAt(j) != '"') {
                char c = s.charAt(j++);
                if (c != '\\') {
                    v.append(c);
                    continue;
                }
                char x = s.charAt(j++);
                switch (x) {
                    case '\\', '"' -> v.append(x);
                    case 'n' -> v.append('\n');
                    case 't' -> v.append('\t');
                    case 'r' -> v.append('\r');
                    case 'x', 'u', 'U' -> {
                        int n = x == 'x' ? 2 : x == 'u' ? 4 : 8;
                        if (!go) {
                            throw new AssertionError("escape \\" + x + " in OpenMetrics text");
                        }
                        v.appendCodePoint(Integer.parseInt(s.substring(j, j + n), 16));
                        j += n;
                    }
                    default -> throw new AssertionError("unknown escape \\" + x + " in " + s);
                }
            }
            into.put(name, v.toString());
            i = j + 1;
        }
    }
}
