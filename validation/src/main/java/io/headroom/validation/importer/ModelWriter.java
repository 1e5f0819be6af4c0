package io.headroom.validation.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.design.DesignReader;
import io.headroom.report.AtomicFiles;
import io.headroom.validation.calibrate.DemandFit;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an {@link ImportedModel}: {@code design.yaml} (a service per traced service; each endpoint's own time as its
 * {@code wait}, its calls with their probabilities and network time), {@code profile.yaml} (the entry's arrivals replayed
 * from {@code arrivals.csv}, its endpoint mix), {@code own-times/SERVICE.ENDPOINT-HASH.csv} where no fit holds ({@link #ownTimesFiles}),
 * {@code import-report.md} (what was inferred, how well each fit holds, every correction) and {@code import.json}
 * (the same, for scripts). The same model gives the same bytes.
 *
 * <p>Nothing reaches the output folder unless it reads back: every file is first written into a staging folder beside
 * it ({@code .headroom-staging-PID-import-N}), the design and the profile are read back there as {@code headroom run}
 * would read them, and only then is each file moved into place (atomically where the file system allows), the
 * files a design names before the design. Own-time samples an earlier import left in {@code own-times/} and this one
 * did not write are then removed.
 *
 * <p>Numbers are written so that they read back as what was measured: times of rows exactly (the window times the
 * row), probabilities to 6 significant digits (never 0 for a call made, never 1 for one not always made), mix shares
 * summing to exactly 1, and durations to the nanosecond.
 */
public final class ModelWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    /** How the staging folder of an import is named: {@link AtomicFiles#STAGING}, the writing process, {@code import-}. */
    private static final Pattern STAGING_DIR = Pattern.compile(Pattern.quote(AtomicFiles.STAGING) + "(?<pid>[0-9]+)-import-[0-9]+");
    static final String OWN_TIMES = "own-times";
    static final String DESIGN = "design.yaml";
    static final String PROFILE = "profile.yaml";
    static final String ARRIVALS = "arrivals.csv";
    static final String REPORT = "import-report.md";
    static final String JSON = "import.json";

    private ModelWriter() {
    }

    /**
     * Writes every file into {@code dir} (made if missing), once the design and the profile have read back (see the
     * class comment). Throws {@link IllegalStateException} when they do not — a bug of the import: nothing is then
     * written into {@code dir} — and a {@link FileSystemException} when {@code dir} cannot take the files
     * ({@link #outProblem}).
     */
    public static void write(ImportedModel m, Path dir) throws IOException {
        String problem = outProblem(dir);
        if (problem != null) {
            throw new FileSystemException(dir.toString(), null, problem);
        }
        Path parent = dir.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new FileSystemException(dir.toString(), null, "the output folder cannot be a file system's root");
        }
        Files.createDirectories(parent);
        sweepStaging(parent);
        Path staging = Files.createTempDirectory(parent, AtomicFiles.STAGING + ProcessHandle.current().pid() + "-import-");
        try {
            Map<String, String> ownFiles = ownTimesFiles(m);
            List<String> written = new ArrayList<>();
            for (ImportedModel.Service s : m.services()) {
                for (ImportedModel.Endpoint e : s.endpoints()) {
                    if (e.empirical()) {
                        String name = ownFiles.get(key(s, e));
                        StringBuilder csv = new StringBuilder("own_ms\n");
                        for (double v : e.ownSample()) {
                            csv.append(String.format(Locale.ROOT, "%.6f\n", v));
                        }
                        stage(staging, name, csv.toString(), written);
                    }
                }
            }
            stage(staging, ARRIVALS, arrivals(m), written);
            stage(staging, DESIGN, design(m, ownFiles), written);
            stage(staging, PROFILE, profile(m), written);
            stage(staging, REPORT, report(m, ownFiles), written);
            stage(staging, JSON, json(m), written);
            readBack(staging);
            Files.createDirectories(dir);
            for (String name : written) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                AtomicFiles.commit(staging.resolve(name), target);
            }
            removeStaleOwnTimes(dir, written);
        } finally {
            try {
                deleteTree(staging);
            } catch (IOException e) {
                // what could not be removed now is swept by a later import beside this folder, once this process has ended
            }
        }
    }

    /**
     * Why {@code dir} cannot take an import's files, or null when it can: it is a file, or one of the files an import
     * writes is a folder there, or its {@code own-times} is a file.
     */
    public static String outProblem(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return dir + " is a file, not a folder";
        }
        for (String name : List.of(DESIGN, PROFILE, ARRIVALS, REPORT, JSON)) {
            if (Files.isDirectory(dir.resolve(name))) {
                return dir.resolve(name) + " is a folder, where the import writes a file";
            }
        }
        Path own = dir.resolve(OWN_TIMES);
        if (Files.exists(own) && !Files.isDirectory(own)) {
            return own + " is a file, where the import writes a folder of own-time samples";
        }
        return null;
    }

    private static void stage(Path staging, String name, String text, List<String> written) throws IOException {
        Path f = staging.resolve(name);
        Files.createDirectories(f.getParent());
        // getBytes, not writeString: a lone surrogate (no character) becomes ? rather than stopping the import
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        written.add(name);
    }

    /** The design and the profile as {@code headroom run} reads them: each alone, then together. */
    private static void readBack(Path staging) throws IOException {
        try {
            DesignReader.Loaded design = DesignReader.read(staging.resolve(DESIGN));
            DesignReader.LoadedProfile profile = DesignReader.readProfile(staging.resolve(PROFILE));
            DesignReader.checkCompatible(design, profile);
        } catch (BadInputException e) {
            throw new IllegalStateException("the imported design and profile do not read back (nothing was written): "
                    + String.join("; ", e.errors().stream().map(InputError::format).toList()), e);
        }
    }

    /** Removes the {@code own-times/*.csv} files in {@code dir} that this import did not write (an earlier import's). */
    private static void removeStaleOwnTimes(Path dir, List<String> written) throws IOException {
        Path own = dir.resolve(OWN_TIMES);
        if (!Files.isDirectory(own, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<String> keep = new HashSet<>(written);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(own, "*.csv")) {
            for (Path f : files) {
                if (!keep.contains(OWN_TIMES + "/" + f.getFileName()) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Removes the staging folders that imports killed before they finished left in {@code parent}. */
    private static void sweepStaging(Path parent) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, AtomicFiles.STAGING + "*")) {
            for (Path f : entries) {
                Matcher n = STAGING_DIR.matcher(f.getFileName().toString());
                if (n.matches() && Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS) && !alive(n.group("pid"))) {
                    stale.add(f);
                }
            }
        }
        for (Path f : stale) {
            deleteTree(f);
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Deletes a folder and what it holds, links themselves rather than what they point to. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String key(ImportedModel.Service s, ImportedModel.Endpoint e) {
        return s.name() + "\0" + e.name();
    }

    /**
     * The own-time sample files of the empirical endpoints, by {@link #key}: {@code own-times/SERVICE.ENDPOINT-HASH.csv},
     * the names made safe for a file name (at most 100 characters of them) and HASH the first 8 hex digits of the SHA-256
     * of service, NUL, endpoint — so service {@code a} with endpoint {@code b.c} and service {@code a.b} with endpoint
     * {@code c} get two files. Should two names still meet (ignoring case, as some file systems do), the later gets
     * {@code -2}, {@code -3}, … in the model's order.
     */
    static Map<String, String> ownTimesFiles(ImportedModel m) {
        Map<String, String> files = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (ImportedModel.Service s : m.services()) {
            for (ImportedModel.Endpoint e : s.endpoints()) {
                if (!e.empirical()) {
                    continue;
                }
                String base = (s.name() + "." + e.name()).replaceAll("[^A-Za-z0-9_.-]", "_");
                if (base.length() > 100) {
                    base = base.substring(0, 100);
                }
                base = OWN_TIMES + "/" + base + "-" + hash(key(s, e));
                String name = base;
                for (int k = 2; !taken.add(name.toLowerCase(Locale.ROOT)); k++) {
                    name = base + "-" + k;
                }
                files.put(key(s, e), name + ".csv");
            }
        }
        return files;
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format(Locale.ROOT, "%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Why {@code name} cannot be a design's and a profile's {@code name}, as the YAML reader says it (a control character,
     * a bidirectional control, an unpaired surrogate, more than {@value io.headroom.yaml.SafeText#MAX_NAME} characters),
     * or null when it can.
     */
    public static String nameProblem(String name) {
        try {
            YamlDocument.parse(Path.of("name"), "name", "name: " + q(name) + "\n");
            return null;
        } catch (BadInputException e) {
            return String.join("; ", e.errors().stream().map(InputError::message).toList());
        }
    }

    /**
     * A YAML key or scalar: plain when it is safe, else double-quoted, with every character that is not printable
     * escaped (a line break cannot end the scalar, nor a control character make the file unreadable: such text is refused
     * by the reader, with its place, rather than misread).
     */
    static String q(String s) {
        if (PLAIN.matcher(s).matches() && !List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~")
                .contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (unprintable(s, i)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Whether the character at {@code i} must be escaped in a double-quoted YAML scalar: a control character, a line or
     * paragraph separator, an invisible format character (bidirectional controls, the byte-order mark), a non-character,
     * or half of a surrogate pair without its other half.
     */
    private static boolean unprintable(String s, int i) {
        char c = s.charAt(i);
        int type = Character.getType(c);
        if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || c == '\uFFFE' || c == '\uFFFF') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /**
     * Text from an export made safe for a comment or a table cell: control characters (C0 and C1), line and paragraph separators and
     * bidirectional controls become {@code ?} (they could end a comment, or show text in another order than it reads), and
     * so does half a surrogate pair without its other half (no character at all).
     */
    static String safe(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u0080-\\u009F\\p{Cs}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C|]", "?");
    }

    /**
     * A fraction measured as a share of requests (a call's probability, an error rate) to 6 significant digits in plain
     * decimal: never 0 when it is not (rounding to significant digits cannot give 0), and never 1 when it is not — when
     * 6 digits would round it up to 1, it is written as the shortest decimal of the double measured, which reads back as
     * that same double (0.9999999 for 9,999,999 calls in 10^7 requests), or the largest double below 1 when the
     * fraction is closer to 1 than a double can tell.
     */
    static String fraction(double v, boolean belowOne) {
        BigDecimal d = BigDecimal.valueOf(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        if (belowOne && d.compareTo(BigDecimal.ONE) >= 0) {
            d = BigDecimal.valueOf(v < 1 ? v : Math.nextDown(1.0));
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** A call's probability: {@link #fraction}, below 1 when the call was not made in every request. */
    private static String p(ImportedModel.Call c, ImportedModel.Endpoint e) {
        return fraction(c.p(), c.count() < e.executions());
    }

    /**
     * The mix's shares written so that they sum to exactly 1 (a run normalises, and warns about, shares that do not):
     * each to 9 decimals (at least 0.000000001, as a share is positive), but the largest, which is 1 less the others.
     */
    static Map<String, String> mixShares(Map<String, Double> mix) {
        String largest = null;
        for (Map.Entry<String, Double> e : mix.entrySet()) {
            if (largest == null || e.getValue() > mix.get(largest)) {
                largest = e.getKey();
            }
        }
        BigDecimal min = new BigDecimal("0.000000001");
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        BigDecimal others = BigDecimal.ZERO;
        for (Map.Entry<String, Double> e : mix.entrySet()) {
            BigDecimal d = BigDecimal.valueOf(e.getValue()).setScale(9, RoundingMode.HALF_EVEN).max(min);
            shares.put(e.getKey(), d);
            if (!e.getKey().equals(largest)) {
                others = others.add(d);
            }
        }
        if (largest != null) {
            shares.put(largest, BigDecimal.ONE.subtract(others));
        }
        Map<String, String> text = new LinkedHashMap<>();
        shares.forEach((k, d) -> text.put(k, d.stripTrailingZeros().toPlainString()));
        return text;
    }

    /** {@code i} windows of {@code windowNs} in seconds, exactly, as a plain decimal (no exponent, no trailing zeros). */
    static String seconds(long windowNs, long i) {
        return BigDecimal.valueOf(windowNs).multiply(BigDecimal.valueOf(i)).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    /**
     * A duration in milliseconds to the nanosecond (6 decimals, trailing zeros dropped), which is what a design's
     * durations hold. A positive duration under half a nanosecond is written as 1 ns ({@code 0.000001ms}), the least
     * positive duration there is, rather than as 0: the time was measured as not nothing.
     */
    static String ms(double v) {
        return msNumber(v) + "ms";
    }

    private static String msNumber(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN);
        if (d.signum() == 0 && v > 0) {
            d = new BigDecimal("0.000001");
        }
        return d.stripTrailingZeros().toPlainString();
    }

    static String design(ImportedModel m, Map<String, String> ownFiles) {
        StringBuilder y = new StringBuilder();
        y.append("# Imported by headroom import traces from ").append(String.format(Locale.ROOT, "%,d", m.reading().spans()))
                .append(" spans in ").append(String.format(Locale.ROOT, "%,d", m.reading().traces())).append(" traces (")
                .append(safe(m.reading().format())).append("); what was inferred and how well it fits: ").append(REPORT).append('\n');
        y.append("# Each endpoint's own time is its wait: traces do not tell computing from waiting (make it demand where it is CPU).\n");
        y.append("name: ").append(q(m.name())).append('\n');
        y.append("entry: ").append(q(m.entry())).append('\n');
        y.append("components:\n");
        for (ImportedModel.Service s : m.services()) {
            y.append("  ").append(q(s.name())).append(":\n");
            y.append("    type: service\n");
            y.append("    replicas: ").append(s.replicas()).append("  # the most instances up at once; instances seen: ")
                    .append(s.instances().isEmpty() ? "not named" : safe(String.join(", ", s.instances()))).append('\n');
            y.append("    concurrency: ").append(s.workers()).append("  # ").append(safe(s.workersSource())).append('\n');
            y.append("    endpoints:\n");
            for (ImportedModel.Endpoint e : s.endpoints()) {
                y.append("      ").append(q(e.name())).append(":  # ").append(String.format(Locale.ROOT, "%,d", e.executions()))
                        .append(" requests served").append(e.roots() > 0 ? String.format(Locale.ROOT, ", %,d of them roots", e.roots()) : "")
                        .append('\n');
                String own = ownTime(s, e, ownFiles);
                if (own != null) {
                    y.append("        wait: ").append(own).append("  # ").append(fitNote(e)).append('\n');
                } else if (e.calls().isEmpty()) {
                    // an endpoint needs a wait, a demand or calls: a leaf whose spans all took no time waits 0
                    y.append("        wait: {dist: constant, value: 0ms}  # own time 0 in every request\n");
                }
                if (e.errorRate() > 0) {
                    y.append("        error-rate: ").append(fraction(e.errorRate(), e.errorRate() < 1)).append('\n');
                }
                if (!e.calls().isEmpty()) {
                    if (e.parallel()) {
                        y.append("        parallel: true  # calls overlapped in ").append(String.format(Locale.ROOT, "%,d of %,d",
                                e.overlapping(), e.multiCall())).append(" requests with two calls or more\n");
                    }
                    y.append("        calls:\n");
                    for (ImportedModel.Call c : e.calls()) {
                        y.append("          - {to: ").append(q(c.to())).append(", endpoint: ").append(q(c.endpoint()));
                        if (c.count() < e.executions()) {
                            y.append(", p: ").append(p(c, e));
                        }
                        if (c.networkMs() > 0) {
                            y.append(", latency: {dist: constant, value: ").append(ms(c.networkMs())).append('}');
                        }
                        y.append("}  # ").append(String.format(Locale.ROOT, "%,d of %,d requests", c.count(), e.executions()));
                        if (c.networkMs() > 0) {
                            y.append(", network: the median of client span less server span");
                        }
                        y.append('\n');
                    }
                }
            }
        }
        return y.toString();
    }

    /** The own time as a YAML flow mapping, or null when it is zero. */
    private static String ownTime(ImportedModel.Service s, ImportedModel.Endpoint e, Map<String, String> ownFiles) {
        if (e.empirical()) {
            return "{dist: empirical, file: " + ownFiles.get(key(s, e)) + ", unit: ms, column: own_ms}";
        }
        if (e.own() != null) {
            return e.own().yaml();
        }
        if (!(e.ownMeanMs() > 0)) {
            return null;
        }
        return "{dist: constant, value: " + ms(e.ownMeanMs()) + "}";
    }

    private static String fitNote(ImportedModel.Endpoint e) {
        StringBuilder n = new StringBuilder("own time, mean ").append(ms(e.ownMeanMs()));
        if (e.fits().isEmpty()) {
            return n.append(e.ownSample().length < 10 ? ": fewer than 10 samples to fit, their mean" : ": all equal").toString();
        }
        n.append(e.empirical() ? "; empirical: no fit within the KS limit (" : "; ");
        List<String> parts = new ArrayList<>();
        for (DemandFit.Fit f : e.fits()) {
            parts.add(f.family() + " KS " + String.format(Locale.ROOT, "%.4f", f.ks()));
        }
        n.append(String.join(", ", parts));
        return e.empirical() ? n.append(")").toString() : n.append(" (maximum likelihood, the better first)").toString();
    }

    static String profile(ImportedModel m) {
        StringBuilder y = new StringBuilder();
        y.append("# Imported by headroom import traces: the root spans at ").append(safe(m.entry())).append(" counted per ")
                .append(seconds(m.arrivals().windowNs(), 1)).append(" s window (").append(ARRIVALS).append(String.format(Locale.ROOT,
                        ", %,d arrivals), replayed exactly, uniformly inside each window.\n", m.arrivals().total()));
        y.append("name: ").append(q(m.name())).append('\n');
        if (!m.mix().isEmpty()) {
            y.append("mix: {");
            List<String> parts = new ArrayList<>();
            mixShares(m.mix()).forEach((endpoint, share) -> parts.add(q(endpoint) + ": " + share));
            y.append(String.join(", ", parts)).append("}\n");
        }
        y.append("injection:\n");
        y.append("  - trace: {file: ").append(ARRIVALS).append(", format: csv, time-column: second, unit: s, count-column: requests}\n");
        return y.toString();
    }

    /** The arrivals per window, each row at its window's start in seconds, exactly. */
    static String arrivals(ImportedModel m) {
        StringBuilder csv = new StringBuilder("second,requests\n");
        long[] c = m.arrivals().counts();
        for (int i = 0; i < c.length; i++) {
            csv.append(seconds(m.arrivals().windowNs(), i)).append(',').append(c[i]).append('\n');
        }
        return csv.toString();
    }

    static String report(ImportedModel m, Map<String, String> ownFiles) {
        ImportedModel.Reading r = m.reading();
        StringBuilder md = new StringBuilder("# Imported from traces: ").append(safe(m.name())).append("\n\n");
        md.append(String.format(Locale.ROOT, "Read %,d spans (%s) from %s: %,d traces, %,d requests served. At most %,d spans"
                + " (%,d traces) were held at once.\n\n", r.spans(), safe(r.format()), safe(String.join(", ", r.files())), r.traces(), r.executions(),
                r.maxOpenSpans(), r.maxOpenTraces()));
        long peak = 0;
        for (long c : m.arrivals().counts()) {
            peak = Math.max(peak, c);
        }
        double span = m.arrivals().counts().length * (m.arrivals().windowNs() / 1e9);
        md.append(String.format(Locale.ROOT, "**Entry** `%s`: %,d arrivals over %s s, %.3f per second on average, at most %,d in one"
                + " %s s window. Mix: %s.\n\n", safe(m.entry()), m.arrivals().total(), seconds(m.arrivals().windowNs(), m.arrivals().counts().length),
                m.arrivals().total() / span, peak, seconds(m.arrivals().windowNs(), 1),
                m.mix().isEmpty() ? "none" : String.join(", ", mixShares(m.mix()).entrySet().stream().map(e -> safe(e.getKey()) + " "
                        + e.getValue()).toList())));
        md.append("## Services\n\n| service | replicas: most up at once (instances seen) | workers | how |\n|---|---|---|---|\n");
        for (ImportedModel.Service s : m.services()) {
            md.append("| ").append(safe(s.name())).append(" | ").append(s.replicas()).append(s.instances().isEmpty() ? " (not named)"
                    : " (" + safe(String.join(", ", s.instances())) + ")").append(" | ").append(s.workers()).append(" | ")
                    .append(safe(s.workersSource())).append(" |\n");
        }
        md.append("\n## Own time per endpoint\n\nOwn time is a span less the time its calls cover (parallel calls once). Fitted by"
                + " maximum likelihood as `headroom calibrate` fits; a fit is used when its Kolmogorov–Smirnov distance is within the"
                + " limit, else the sample is written as an empirical distribution.\n\n"
                + "| endpoint | requests | mean (ms) | written as | lognormal KS | gamma KS | own errors |\n|---|---|---|---|---|---|---|\n");
        for (ImportedModel.Service s : m.services()) {
            for (ImportedModel.Endpoint e : s.endpoints()) {
                String ln = "–";
                String ga = "–";
                for (DemandFit.Fit f : e.fits()) {
                    String ks = String.format(Locale.ROOT, "%.4f", f.ks());
                    if (f.family().equals("lognormal")) {
                        ln = ks;
                    } else {
                        ga = ks;
                    }
                }
                String own = ownTime(s, e, ownFiles);
                md.append(String.format(Locale.ROOT, "| %s.%s | %,d | %s | `%s` | %s | %s | %s |\n", safe(s.name()), safe(e.name()),
                        e.executions(), msNumber(e.ownMeanMs()), own == null ? "none" : safe(own), ln, ga,
                        fraction(e.errorRate(), e.errorRate() < 1)));
            }
        }
        md.append("\n## Calls\n\n| from | to | p | requests | network median (ms) | parallel |\n|---|---|---|---|---|---|\n");
        for (ImportedModel.Service s : m.services()) {
            for (ImportedModel.Endpoint e : s.endpoints()) {
                for (ImportedModel.Call c : e.calls()) {
                    md.append(String.format(Locale.ROOT, "| %s.%s | %s.%s | %s | %,d of %,d | %s | %s |\n", safe(s.name()), safe(e.name()),
                            safe(c.to()), safe(c.endpoint()), p(c, e), c.count(), e.executions(), msNumber(c.networkMs()), e.parallel() ? String.format(Locale.ROOT,
                                    "yes (%,d of %,d overlapped)", e.overlapping(), e.multiCall()) : e.multiCall() > 0
                                    ? String.format(Locale.ROOT, "no (%,d of %,d overlapped)", e.overlapping(), e.multiCall()) : "–"));
                }
            }
        }
        md.append("\n## Corrections\n\n");
        if (m.corrections().isEmpty()) {
            md.append("None: every span as written (its parent present, no clock skew, a server span below every client span).\n");
        } else {
            for (String c : m.corrections()) {
                md.append("- ").append(safe(c)).append('\n');
            }
        }
        md.append("\n## What traces do not show\n\n"
                + "- Whether own time is computing or waiting: it is written as `wait`; make it `demand` (with `cores`) where it is CPU.\n"
                + "- Worker pools: the most spans at once on an instance is a lower bound (the pool may be larger than the load needed);"
                + " a span that starts when the request arrives, not when a worker takes it, counts queued requests too.\n"
                + "- Queue limits, timeouts, retries, autoscaling and prices: add them to the design.\n"
                + "- A call's network time is the median of its client span less the callee's server span, so it includes the callee's"
                + " queue when its spans start at a worker; the median leaves out the queue's tail.\n");
        return md.toString();
    }

    static String json(ImportedModel m) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("name", m.name());
        root.put("entry", m.entry());
        ObjectNode reading = root.putObject("reading");
        reading.put("format", m.reading().format());
        reading.putPOJO("files", m.reading().files());
        reading.put("spans", m.reading().spans());
        reading.put("traces", m.reading().traces());
        reading.put("requests_served", m.reading().executions());
        reading.put("max_open_spans", m.reading().maxOpenSpans());
        reading.put("max_open_traces", m.reading().maxOpenTraces());
        ObjectNode arrivals = root.putObject("arrivals");
        arrivals.put("window_s", m.arrivals().windowNs() / 1e9);
        arrivals.put("windows", m.arrivals().counts().length);
        arrivals.put("total", m.arrivals().total());
        ObjectNode mix = root.putObject("mix");
        m.mix().forEach(mix::put);
        ArrayNode services = root.putArray("services");
        for (ImportedModel.Service s : m.services()) {
            ObjectNode sn = services.addObject();
            sn.put("name", s.name());
            sn.put("replicas", s.replicas());
            sn.putPOJO("instances", s.instances());
            sn.put("workers", s.workers());
            sn.put("workers_from", s.workersSource());
            ArrayNode eps = sn.putArray("endpoints");
            for (ImportedModel.Endpoint e : s.endpoints()) {
                ObjectNode en = eps.addObject();
                en.put("name", e.name());
                en.put("requests", e.executions());
                en.put("roots", e.roots());
                en.put("own_mean_ms", e.ownMeanMs());
                en.put("own_written_as", e.empirical() ? "empirical" : e.own() != null ? e.own().family() : "constant");
                ArrayNode fits = en.putArray("fits");
                for (DemandFit.Fit f : e.fits()) {
                    ObjectNode fn = fits.addObject();
                    fn.put("family", f.family());
                    fn.put("mean_ms", f.meanMs());
                    fn.put("cv", f.cv());
                    fn.put("ks", f.ks());
                    fn.put("log_likelihood", f.logLikelihood());
                }
                en.put("parallel", e.parallel());
                en.put("requests_with_two_calls_or_more", e.multiCall());
                en.put("overlapping", e.overlapping());
                en.put("error_rate", e.errorRate());
                ArrayNode calls = en.putArray("calls");
                for (ImportedModel.Call c : e.calls()) {
                    ObjectNode cn = calls.addObject();
                    cn.put("to", c.to());
                    cn.put("endpoint", c.endpoint());
                    cn.put("p", c.p());
                    cn.put("requests", c.count());
                    cn.put("network_median_ms", c.networkMs());
                }
            }
        }
        root.putPOJO("corrections", m.corrections());
        return om.writeValueAsString(root) + "\n";
    }
}
