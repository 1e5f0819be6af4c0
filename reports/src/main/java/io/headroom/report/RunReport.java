package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.headroom.result.Summary;
import io.headroom.slo.Incident;
import io.headroom.result.SummaryCodec;
import org.jfree.chart.JFreeChart;

/**
 * The report of one run, rendered from a results folder's {@code summary.json} and
 * {@code timeseries.csv} as written (so {@code headroom report DIR} re-renders it): a
 * self-contained {@code report.html} (charts inline, every user string escaped), a
 * {@code report.md} for a pull-request capacity review, and the charts beside it as PNG. All
 * files are staged before any is committed; the same inputs give the same bytes.
 */
public final class RunReport {
    public static final String SUMMARY = "summary.json";
    public static final String TIMESERIES = "timeseries.csv";
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    public static final List<String> CHARTS = List.of("chart-load.png", "chart-latency.png", "chart-utilisation.png",
            "chart-latency-cdf.png", "chart-cost.png");
    /** The chart a run on a cluster adds: nodes per pool and pending pods. */
    public static final String CLUSTER_CHART = "chart-cluster.png";

    /** The chart a run whose CPU limits throttled pods adds: periods throttled per window and service. */
    public static final String THROTTLING_CHART = "chart-throttling.png";

    /** The charts of {@code s}'s report: the five, the cluster's when it ran on one, and throttling's when a limit throttled. */
    static List<String> charts(Summary s) {
        if (s.cluster() == null) {
            return CHARTS;
        }
        List<String> out = new ArrayList<>(CHARTS);
        out.add(CLUSTER_CHART);
        if (throttled(s)) {
            out.add(THROTTLING_CHART);
        }
        return out;
    }

    /** Whether a service's CPU limit throttled its pods in the run. */
    static boolean throttled(Summary s) {
        return s.cluster() != null && s.cluster().throttling().values().stream().anyMatch(t -> t.throttledPeriods() > 0);
    }

    private static final String DASH = "\u2014";

    private RunReport() {
    }

    /** Most windows a chart draws; longer series are merged (see {@link Series#coarsened}). */
    static final int MAX_CHART_WINDOWS = 1500;

    /** The inputs are missing or unreadable: a user's mistake, not a bug. */
    public static final class BadResults extends Exception {
        public BadResults(String message) {
            super(message);
        }
    }

    /**
     * Starts, on a background daemon thread, the one-off work of the first chart a JVM draws:
     * loading Java2D, JFreeChart, JFreeSVG, ImageIO's PNG writer and Jackson, and the fonts — most
     * of a second before the first pixel, independent of the data. {@code headroom run} calls this
     * as it starts, so the work overlaps the simulation (which runs on one core) instead of
     * following it. It draws a small throwaway chart to memory: no file is touched, and the report
     * written later is the same, byte for byte. Calling it more than once does nothing more.
     * {@link #write} waits for it to end before it draws ({@link #awaitPrewarm}).
     */
    public static void prewarm() {
        if (PREWARMED.getAndSet(true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Map<String, double[]> cols = new LinkedHashMap<>();
                cols.put("t_s", new double[] {0, 10, 20});
                cols.put("arrivals", new double[] {10, 12, 11});
                cols.put("completions", new double[] {9, 12, 12});
                cols.put("p50_ms", new double[] {10, 11, Double.NaN});
                cols.put("p95_ms", new double[] {20, 21, 22});
                cols.put("p99_ms", new double[] {30, 31, 32});
                cols.put("warm.utilisation", new double[] {0.5, 0.6, 0.7});
                cols.put("warm.instances", new double[] {1, 2, 2});
                cols.put("window_s", new double[] {10, 10, 10});
                Series s = new Series(List.copyOf(cols.keySet()), cols, 3);
                Summary summary = SummaryCodec.read(new ObjectMapper().readTree("{\"overall\": {\"latency_ms\": {\"p50\": 1, \"p90\": 2, \"p95\": 3,"
                        + " \"p99\": 4, \"p99_9\": 5}}}"));
                for (JFreeChart c : List.of(RunCharts.load(s, "d", "p", 5), RunCharts.latencyPercentiles(summary, "d", "p"))) {
                    ChartFiles.png(c, RunCharts.WIDTH, RunCharts.HEIGHT);
                    ChartFiles.svg(c, RunCharts.WIDTH, RunCharts.HEIGHT);
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                // only a head start: the report draws (and reports any failure) on its own later
            }
        }, "headroom-report-prewarm");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        prewarming = t;
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PREWARMED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The thread {@link #prewarm} started, null when none was. */
    private static volatile Thread prewarming;

    /**
     * Waits until {@link #prewarm}'s throwaway charts are drawn (returns at once when it was not called or is done).
     * The report's charts are then drawn in {@code headroom run} as {@code headroom report} draws them, with no other
     * chart being drawn in the JVM: on a loaded machine the low-priority prewarm may still be drawing when the
     * simulation ends, and its first use of Java2D (fonts, glyph caches, rasteriser, ImageIO) would overlap the report's.
     */
    static void awaitPrewarm() throws IOException {
        Thread t = prewarming;
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the chart machinery to load", e);
        }
    }

    /** Whether {@link #prewarm}'s thread is still drawing. */
    static boolean prewarming() {
        Thread t = prewarming;
        return t != null && t.isAlive();
    }

    /** Reads {@code dir}'s summary and time series and writes the report files into {@code dir}. */
    public static List<Path> write(Path dir) throws IOException, BadResults {
        return write(dir, (Series) null);
    }

    /**
     * {@link #write(Path)} for the run that has just written {@code series} into {@code dir}: the rows
     * the sink held ({@link TimeseriesCsv#held}) are the file's values to the bit, so they are not read
     * back; a series too long to hold is read from the file.
     */
    public static List<Path> write(Path dir, TimeseriesCsv written) throws IOException, BadResults {
        return write(dir, written.held());
    }

    private static List<Path> write(Path dir, Series held) throws IOException, BadResults {
        Summary summary = readSummary(dir.resolve(SUMMARY));
        Series series = held != null ? held : Series.read(dir.resolve(TIMESERIES));
        String design = text(summary.run().design());
        String profile = text(summary.run().profile());
        double warmupS = Double.isNaN(summary.run().warmupS()) ? 0 : summary.run().warmupS();
        Series charted = charted(summary, series);
        int seriesRows = series.rows();
        series = null; // the charts need only their windows: the whole series is not copied by the collection drawing them causes

        // The five charts are independent: each is built and drawn (PNG, then SVG) on its own task,
        // so on a multi-core machine they render side by side. Each chart's bytes depend only on
        // its inputs, so the files are the same as drawn one after another.
        // every time chart marks the rollouts (blue) and the incidents (red)
        java.util.function.UnaryOperator<JFreeChart> marked = c -> ChartStyle.incidents(
                ChartStyle.rollouts(c, charted.endS(), summary.rollouts()), charted.endS(), summary.incidents());
        List<java.util.concurrent.Callable<JFreeChart>> builders = new ArrayList<>(List.of(
                () -> marked.apply(RunCharts.load(charted, design, profile, warmupS)),
                () -> marked.apply(RunCharts.latency(charted, design, profile, warmupS)),
                () -> marked.apply(RunCharts.utilisation(charted, design, profile, warmupS)),
                () -> RunCharts.latencyPercentiles(summary, design, profile),
                () -> marked.apply(RunCharts.cost(charted, summary, design, profile, warmupS))));
        if (summary.cluster() != null) {
            builders.add(() -> marked.apply(RunCharts.cluster(charted, summary, design, profile, warmupS)));
        }
        if (throttled(summary)) {
            builders.add(() -> marked.apply(RunCharts.throttling(charted, summary, design, profile, warmupS)));
        }
        List<byte[]> pngs = new ArrayList<>();
        List<String> svgs = new ArrayList<>();
        awaitPrewarm();
        int threads = Math.max(1, Math.min(builders.size(), Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "headroom-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Object[]>> drawn = new ArrayList<>();
            for (var b : builders) {
                drawn.add(pool.submit(() -> {
                    JFreeChart c = b.call();
                    return new Object[] {ChartFiles.png(c, RunCharts.WIDTH, RunCharts.HEIGHT),
                        ChartFiles.svg(c, RunCharts.WIDTH, RunCharts.HEIGHT)};
                }));
            }
            for (var f : drawn) {
                Object[] files = f.get();
                pngs.add((byte[]) files[0]);
                svgs.add((String) files[1]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the charts", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("drawing the charts", cause);
        } finally {
            pool.shutdownNow();
        }
        String md = markdown(summary, seriesRows);
        String html = html(summary, seriesRows, pngs);

        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            List<String> charts = charts(summary);
            for (int i = 0; i < charts.size(); i++) {
                Path target = dir.resolve(charts.get(i));
                byte[] png = pngs.get(i);
                staged.put(target, AtomicFiles.stageBytes(target, out -> out.write(png)));
                Path svgTarget = dir.resolve(ChartFiles.svgName(charts.get(i)));
                String svg = svgs.get(i);
                staged.put(svgTarget, AtomicFiles.stage(svgTarget, w -> w.write(svg)));
            }
            Path mdFile = dir.resolve(MARKDOWN);
            staged.put(mdFile, AtomicFiles.stage(mdFile, w -> w.write(md)));
            Path htmlFile = dir.resolve(HTML);
            staged.put(htmlFile, AtomicFiles.stage(htmlFile, w -> w.write(html)));
        } catch (IOException | RuntimeException e) {
            for (Path p : staged.values()) {
                Files.deleteIfExists(p);
            }
            throw e;
        }
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            AtomicFiles.commit(e.getValue(), e.getKey());
        }
        return new ArrayList<>(staged.keySet());
    }

    /**
     * The windows the charts show: all of them, unless the drain after the profile is too short to
     * see (under 2 % of the profile), where its one short window would end every line in a spike.
     */
    private static Series charted(Summary summary, Series series) {
        if (!drainHidden(summary)) {
            return series.coarsened(MAX_CHART_WINDOWS);
        }
        int prefix = series.prefixBefore(summary.run().simulatedS());
        return prefix >= 0 ? series.firstCoarsened(prefix, MAX_CHART_WINDOWS)
                : series.before(summary.run().simulatedS()).coarsened(MAX_CHART_WINDOWS);
    }

    private static boolean drainHidden(Summary summary) {
        double simulated = summary.run().simulatedS();
        double drained = Double.isNaN(summary.run().drainedS()) ? 0 : summary.run().drainedS();
        return simulated > 0 && drained > 0 && drained < 0.02 * simulated;
    }

    /** A results folder's summary.json, read back typed; a missing or malformed one is {@link BadResults} naming the file. */
    public static Summary readSummary(Path file) throws IOException, BadResults {
        if (!Files.isRegularFile(file)) {
            throw new BadResults(file + ": not found (a results folder holds the summary.json and timeseries.csv of headroom run)");
        }
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            if (n == null || !n.isObject() || !n.has("overall")) {
                throw new BadResults(file + ": not a summary.json of headroom run (no \"overall\")");
            }
            return SummaryCodec.read(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadResults(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new BadResults(file + ": not a summary.json of headroom run (" + e.getMessage() + ")");
        }
    }

    // ---- the time series ----

    /**
     * {@code timeseries.csv} in columns; a blank (or unreadable) cell is NaN, "no value". The file
     * is read once, line by line, straight into columns (a long run's series has 10^5 rows and
     * 20+ columns): cells are cut at the commas without splitting into strings, and plain decimals
     * are converted exactly as {@link Double#parseDouble} does (see {@link #parse}). A series held by the run's sink
     * ({@link TimeseriesCsv#held}) keeps its columns as they were filled, possibly longer than {@link #rows}: it is only
     * charted ({@link #prefixBefore}, {@link #firstCoarsened}, {@link #coarsened}, {@link #before}), which read the first
     * {@link #rows} and return exact columns.
     */
    static final class Series {
        private final List<String> header;
        private final Map<String, double[]> columns;
        private final int rows;

        Series(List<String> header, Map<String, double[]> columns, int rows) {
            this.header = header;
            this.columns = columns;
            this.rows = rows;
        }

        static Series read(Path file) throws IOException, BadResults {
            try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String first = in.readLine();
                if (first == null || !first.startsWith("t_s")) {
                    throw new BadResults(file + ": not a timeseries.csv of headroom run (the first line names the columns, from t_s)");
                }
                List<String> header = List.of(first.trim().split(",", -1));
                int n = header.size();
                double[][] cols = new double[n][256];
                int rows = 0;
                int line = 1;
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    line++;
                    if (l.isBlank()) {
                        continue;
                    }
                    if (rows == cols[0].length) {
                        for (int c = 0; c < n; c++) {
                            cols[c] = java.util.Arrays.copyOf(cols[c], rows * 2);
                        }
                    }
                    // as l.trim().split(",", -1): cells between commas, missing trailing cells NaN
                    int from = 0;
                    int end = l.length();
                    while (from < end && l.charAt(from) <= ' ') {
                        from++;
                    }
                    while (end > from && l.charAt(end - 1) <= ' ') {
                        end--;
                    }
                    int c = 0;
                    int cellStart = from;
                    for (int i = from; i <= end; i++) {
                        if (i == end || l.charAt(i) == ',') {
                            if (c < n) {
                                double v = parse(l, cellStart, i);
                                if (Double.isNaN(v) && !blank(l, cellStart, i)) { // a blank cell is no value
                                    String cell = l.substring(cellStart, i).strip();
                                    if (!cell.equals("NaN")) {
                                        throw new BadResults(file + ":" + line + ": '" + io.headroom.yaml.SafeText.escape(cell)
                                                + "' in column " + header.get(c) + " is not a number (an edited or damaged file)");
                                    }
                                }
                                cols[c][rows] = v;
                            }
                            c++;
                            cellStart = i + 1;
                        }
                    }
                    if (c != n) {
                        // as headroom export refuses it: a row cut short (a file cut off mid-write) or edited
                        throw new BadResults(file + ":" + line + ": " + c + " cells, the header has " + n + " (a truncated or edited file)");
                    }
                    rows++;
                }
                Map<String, double[]> columns = new LinkedHashMap<>();
                for (int c = 0; c < n; c++) {
                    columns.putIfAbsent(header.get(c), java.util.Arrays.copyOf(cols[c], rows));
                }
                return new Series(header, columns, rows);
            } catch (NoSuchFileException e) {
                throw new BadResults(file + ": not found (a results folder holds the summary.json and timeseries.csv of headroom run)");
            }
        }

        /** Whether {@code s[from, to)} holds only spaces (a cell without a value), without copying it. */
        private static boolean blank(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (s.charAt(i) > ' ') {
                    return false;
                }
            }
            return true;
        }

        /** 10^0 .. 10^22: exactly representable doubles. */
        private static final double[] POWERS_OF_TEN = new double[23];

        static {
            double p = 1;
            for (int i = 0; i < POWERS_OF_TEN.length; i++) {
                POWERS_OF_TEN[i] = p;
                p *= 10;
            }
        }

        /**
         * The cell {@code s[from, to)}, trimmed, as a double; blank or unreadable: NaN. A plain
         * decimal of at most 15 digits ({@code -?d+(.d+)?}, as the time series writes them) is
         * m / 10^k with m and 10^k exact doubles, so the one division rounds the decimal's exact
         * value correctly: the same double {@link Double#parseDouble} gives (Clinger's fast path).
         * Anything else goes through {@link Double#parseDouble}.
         */
        static double parse(String s, int from, int to) {
            while (from < to && s.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && s.charAt(to - 1) <= ' ') {
                to--;
            }
            if (from == to) {
                return Double.NaN;
            }
            int i = from;
            boolean negative = s.charAt(i) == '-';
            if (negative) {
                i++;
            }
            long m = 0;
            int digits = 0;
            int fraction = -1;
            boolean plain = i < to;
            for (; i < to; i++) {
                char ch = s.charAt(i);
                if (ch >= '0' && ch <= '9') {
                    m = m * 10 + (ch - '0');
                    digits++;
                    if (fraction >= 0) {
                        fraction++;
                    }
                } else if (ch == '.' && fraction < 0) {
                    fraction = 0;
                } else {
                    plain = false;
                    break;
                }
            }
            if (plain && digits > 0 && digits <= 15 && fraction != 0) {
                double v = fraction > 0 ? m / POWERS_OF_TEN[fraction] : m;
                return negative ? -v : v;
            }
            try {
                return Double.parseDouble(s.substring(from, to));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        int rows() {
            return rows;
        }

        /**
         * How many windows start before {@code s} when they are the series' first ones (its times rise), so that
         * {@link #firstCoarsened} can chart them without a copy; -1 when they are not.
         */
        int prefixBefore(double s) {
            double[] t = column("t_s");
            int n = 0;
            while (n < rows && !(t[n] >= s)) {
                n++;
            }
            for (int i = n; i < rows; i++) {
                if (!(t[i] >= s)) {
                    return -1;
                }
            }
            return n;
        }

        /** The windows that start before {@code s}. */
        Series before(double s) {
            double[] t = column("t_s");
            int[] kept = new int[rows];
            int n = 0;
            for (int i = 0; i < rows; i++) {
                if (!(t[i] >= s)) {
                    kept[n++] = i;
                }
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : columns.entrySet()) {
                double[] from = e.getValue();
                double[] to = new double[n];
                for (int i = 0; i < n; i++) {
                    to[i] = from[kept[i]];
                }
                out.put(e.getKey(), to);
            }
            return new Series(header, out, n);
        }

        /**
         * The series with runs of consecutive windows merged when it has more than {@code max}: a
         * 1200-pixel chart cannot show more, and drawing 60,000 windows costs seconds and hundreds
         * of megabytes. Counts (arrivals, completions, errors) add up; everything else is averaged
         * over time (blank cells left out). Short series come back unchanged.
         */
        Series coarsened(int max) {
            return firstCoarsened(rows, max);
        }

        /** {@link #coarsened} of the first {@code n} windows alone (as {@link #before} would keep them), read in place. */
        Series firstCoarsened(int n, int max) {
            if (n <= max) {
                return n == rows && exact() ? this : first(n);
            }
            int k = (n + max - 1) / max;
            int buckets = (n + k - 1) / k;
            double[] window = new double[n]; // each window's weight, looked up once, not once per column
            for (int i = 0; i < n; i++) {
                window[i] = Math.max(0, windowS(i, n));
            }
            double[] length = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                for (int i = b * k, to = Math.min(n, i + k); i < to; i++) {
                    length[b] += window[i];
                }
            }
            Map<String, double[]> merged = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : columns.entrySet()) {
                String name = e.getKey();
                double[] v = e.getValue();
                double[] outs = new double[buckets];
                for (int b = 0; b < buckets; b++) {
                    int from = b * k;
                    int to = Math.min(n, from + k);
                    double out;
                    if (name.equals("t_s")) {
                        out = v[from];
                    } else if (name.equals("window_s")) {
                        out = length[b];
                    } else if (name.equals("arrivals") || name.equals("completions") || name.startsWith("errors")) {
                        out = 0;
                        for (int i = from; i < to; i++) {
                            out += Double.isNaN(v[i]) ? 0 : v[i];
                        }
                    } else {
                        double sum = 0;
                        double weight = 0;
                        for (int i = from; i < to; i++) {
                            if (!Double.isNaN(v[i])) {
                                double w = window[i];
                                sum += v[i] * w;
                                weight += w;
                            }
                        }
                        out = weight > 0 ? sum / weight : Double.NaN;
                    }
                    outs[b] = out;
                }
                merged.put(name, outs);
            }
            return new Series(header, merged, buckets);
        }

        /** Whether every column is exactly {@link #rows} long (a held series' columns may be longer: room for more). */
        private boolean exact() {
            for (double[] v : columns.values()) {
                if (v.length != rows) {
                    return false;
                }
            }
            return true;
        }

        /** The first {@code n} windows, copied. */
        private Series first(int n) {
            Map<String, double[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : columns.entrySet()) {
                out.put(e.getKey(), java.util.Arrays.copyOf(e.getValue(), n));
            }
            return new Series(header, out, n);
        }

        boolean has(String column) {
            return columns.containsKey(column);
        }

        /** The column's values, all NaN when the column is absent. */
        double[] column(String name) {
            double[] v = columns.get(name);
            if (v == null) {
                v = new double[rows];
                java.util.Arrays.fill(v, Double.NaN);
            }
            return v;
        }

        double startS(int i) {
            return column("t_s")[i];
        }

        /** The window's length: {@code window_s}, else the gap to the next start, else the previous one's. */
        double windowS(int i) {
            return windowS(i, rows);
        }

        /** {@link #windowS} of window {@code i} of the series' first {@code n}. */
        private double windowS(int i, int n) {
            double w = column("window_s")[i];
            if (!Double.isNaN(w)) {
                return w;
            }
            if (i + 1 < n) {
                return startS(i + 1) - startS(i);
            }
            return i > 0 ? windowS(i - 1, n) : Double.NaN;
        }

        /** The length of most windows (the first's), for labels. */
        double typicalWindowS() {
            return rows == 0 ? Double.NaN : windowS(0);
        }

        double endS() {
            double end = 0;
            for (int i = 0; i < rows; i++) {
                double e = startS(i) + windowS(i);
                if (!Double.isNaN(e)) {
                    end = Math.max(end, e);
                }
            }
            return end;
        }

        /** The names {@code X} of the columns {@code X<suffix>}, in column order. */
        List<String> componentsWith(String suffix) {
            List<String> out = new ArrayList<>();
            for (String h : header) {
                if (h.endsWith(suffix) && h.length() > suffix.length() && !out.contains(h.substring(0, h.length() - suffix.length()))) {
                    out.add(h.substring(0, h.length() - suffix.length()));
                }
            }
            return out;
        }
    }

    // ---- the content, as tables and text shared by both formats ----

    private record Content(String title, String subtitle, ReportTable keyNumbers, ReportTable latency, ReportTable errors,
            ReportTable components, ReportTable caches, ReportTable pools, ReportTable cost, ReportTable costBreakdown, ReportTable slos,
            ReportTable incidents, List<String> warnings, String chartNote, List<ReportTable> cluster, List<String> charts,
            ReportTable rollouts, ReportTable databases, List<ReportTable> regions, List<ReportTable> costAllocation) {
    }

    /**
     * Each connection pool (a caller's, to one callee): its size per instance, the connections its instances held and
     * lacked on average, its calls, how many waited and how long, how many waited out the pool's timeout, and the
     * connections the callee's bound refused.
     */
    private static ReportTable pools(Summary s) {
        List<List<String>> rows = new ArrayList<>();
        s.components().forEach((name, component) -> {
            if (component instanceof Summary.Service c && c.pools() != null) {
                c.pools().forEach((callee, p) -> {
                    Summary.Component target = s.components().get(callee);
                    String refused = target instanceof Summary.Service t && t.connections() != null ? count(t.connections().refused())
                            : DASH;
                    rows.add(List.of(name + " → " + callee, count(p.size()), number(p.connectionsMean(), 2) + " / "
                            + number(p.connectionsShort(), 2), count(p.calls()), count(p.waited()), number(p.waitMeanMs(), 1),
                            number(p.waitP99Ms(), 1), count(p.poolTimeouts()), refused));
                });
            }
        });
        return ReportTable.numbers(List.of("connection pool", "size", "open / short (mean)", "calls", "waited", "wait mean (ms)",
                "wait p99 (ms)", "pool timeouts", "refused at callee"), rows);
    }

    /** Each rollout: when, how it ended and after how long, what users saw during it, and what it added to the bill. */
    private static ReportTable rollouts(Summary s) {
        List<List<String>> rows = new ArrayList<>();
        for (io.headroom.run.RolloutFigures r : s.rollouts()) {
            rows.add(List.of(r.service() + " " + r.strategy(), TimeAxis.clock(r.atS()), r.outcome(),
                    r.durationS() == null ? DASH : TimeAxis.clock(r.durationS()), count(r.peakInstances()),
                    r.peakNodes() == null ? DASH : count(r.peakNodes()), count(r.minReady()),
                    count(r.requests()), count(r.errors()), r.p99Ms() == null ? DASH : number(r.p99Ms(), 1),
                    number(r.extraInstanceHours(), 3), r.extraNodeHours() == null ? DASH : number(r.extraNodeHours(), 3),
                    r.extraCostUsd() == null ? DASH : "$" + number(r.extraCostUsd(), 4)));
        }
        return ReportTable.of(List.of("rollout", "at", "outcome", "took", "peak pods", "peak nodes", "fewest ready",
                "requests during", "errors", "p99 ms", "extra pod-h", "extra node-h", "extra cost"),
                List.of(false, true, false, true, true, true, true, true, true, true, true, true, true), rows);
    }

    /** The bill: its totals, then what each component and each market cost (rows with money only). */
    private static ReportTable[] cost(Summary s) {
        Summary.Cost c = s.cost();
        if (c == null || !(c.totalUsd() > 0)) {
            return new ReportTable[] {ReportTable.numbers(List.of("cost", "USD"), List.of()),
                ReportTable.numbers(List.of("", "USD", "share"), List.of())};
        }
        List<List<String>> totals = new ArrayList<>();
        totals.add(List.of("total over the run", usd(c.totalUsd())));
        totals.add(List.of("per hour", usd(c.perHourUsd())));
        totals.add(List.of("per month (per hour \u00d7 730)", CostSection.cents(c.month())));
        totals.add(List.of("per million requests", usd(c.perMillionRequestsUsd())));
        totals.add(List.of("idle (capacity that did no work)", usd(c.idleUsd())));
        double total = c.totalUsd();
        List<List<String>> parts = new ArrayList<>();
        c.byComponent().forEach((name, v) -> {
            if (v > 0) {
                parts.add(List.of("component " + name, usd(v), percent(v / total, 1)));
            }
        });
        c.byMarket().forEach((name, v) -> {
            if (v > 0) {
                parts.add(List.of("market " + name, usd(v), percent(v / total, 1)));
            }
        });
        return new ReportTable[] {ReportTable.numbers(List.of("cost", "USD"), totals),
            ReportTable.numbers(List.of("by component and by market", "USD", "share"), parts)};
    }

    private static String usd(double v) {
        return Double.isNaN(v) ? DASH : String.format(Locale.ROOT, "$%,.4f", v);
    }

    private static Content content(Summary s, int seriesRows) {
        Summary.Run run = s.run();
        String title = "Capacity review: " + text(run.design()) + " under " + text(run.profile());
        StringBuilder sub = new StringBuilder();
        sub.append("seed ").append(run.seed());
        sub.append(" \u00b7 ").append(duration(run.simulatedS())).append(" simulated");
        if (run.warmupS() > 0) {
            sub.append(" \u00b7 first ").append(duration(run.warmupS())).append(" left out as warm-up");
        }
        if (run.stoppedEarlyS() != null) {
            sub.append(" \u00b7 stopped early at ").append(duration(run.stoppedEarlyS()));
        }
        if (s.replication() != null) {
            sub.append(" \u00b7 means of ").append(s.replication().count()).append(" replications");
        }
        Summary.Requests o = s.overall();
        long requests = whole(o.requests());
        long errorTotal = 0;
        for (double e : o.errors().values()) {
            errorTotal += whole(e);
        }
        List<String[]> key = new ArrayList<>();
        key.add(new String[] {"requests", count(o.requests())});
        key.add(new String[] {"completed", count(o.completed())});
        key.add(new String[] {"errors", String.format(Locale.ROOT, "%,d (%s)", errorTotal, percent(requests == 0 ? Double.NaN : (double) errorTotal / requests, 3))});
        key.add(new String[] {"in flight at the end", count(o.inFlight())});
        key.add(new String[] {"throughput", number(o.throughputPerS(), 2) + " requests/s"});
        key.add(new String[] {"peak in flight", count(run.peakInFlight())});
        Summary.Transient t = s.transientFigures();
        if (t != null && !Double.isNaN(t.busiestWindowP99Ms())) {
            key.add(new String[] {"busiest window", number(t.busiestWindowArrivalsPerS(), 2) + " requests/s from "
                    + duration(t.busiestWindowStartS()) + ", p99 " + number(t.busiestWindowP99Ms(), 1) + " ms"});
        }
        if (s.warmupMethod() != null) {
            key.add(new String[] {"warm-up", duration(run.warmupS()) + ", found by " + s.warmupMethod().toUpperCase(Locale.ROOT)});
        }
        int slosMissed = 0;
        for (Summary.SloResult slo : s.slo()) {
            if (!slo.pass()) {
                slosMissed++;
            }
        }
        key.add(new String[] {"SLOs", s.slo().isEmpty() ? "none defined"
                : slosMissed == 0 ? "all " + s.slo().size() + " met" : slosMissed + " of " + s.slo().size() + " MISSED"});

        List<String> latHead = new ArrayList<>(List.of("latency (ms)", "mean", "p50", "p95", "p99", "p99.9", "max"));
        List<List<String>> latRows = new ArrayList<>();
        latRows.add(latencyRow("all requests", o.latencyMs()));
        if (s.endpoints().size() > 1) {
            s.endpoints().forEach((name, e) -> latRows.add(latencyRow(name, e.latencyMs())));
        }
        ReportTable latency = ReportTable.numbers(latHead, latRows);

        List<List<String>> errRows = new ArrayList<>();
        o.errors().forEach((cause, v) -> {
            long n = whole(v);
            if (n != 0) {
                errRows.add(List.of(cause.key(), String.format(Locale.ROOT, "%,d", n),
                        percent(requests == 0 ? Double.NaN : (double) n / requests, 3)));
            }
        });
        ReportTable errors = ReportTable.numbers(List.of("error cause", "requests", "share of requests"), errRows);

        List<List<String>> compRows = new ArrayList<>();
        List<List<String>> cacheRows = new ArrayList<>();
        s.components().forEach((name, component) -> {
            if (component instanceof Summary.Cache c) {
                cacheRows.add(List.of(name, percent(c.hitRatio(), 1), count(c.lookups())));
            } else if (component instanceof Summary.Cdn c) {
                cacheRows.add(List.of(name + " (cdn)", percent(c.hitRatio(), 1), count(c.requests())));
            } else if (component instanceof Summary.Service c) {
                compRows.add(List.of(name, percent(c.utilisation(), 1), percent(c.cpu(), 1),
                        number(c.queueMean(), 2), number(c.instancesMean(), 2) + " / " + count(c.instancesPeak()),
                        count(c.rejected()), count(c.timedOut())));
            }
        });
        ReportTable components = ReportTable.numbers(List.of("component", "utilisation", "cpu", "queue (mean)",
                "instances (mean / peak)", "rejected", "timed out"), compRows);
        ReportTable caches = ReportTable.numbers(List.of("cache", "hit ratio", "lookups"), cacheRows);

        List<List<String>> sloRows = new ArrayList<>();
        for (Summary.SloResult slo : s.slo()) {
            String outcome = (slo.pass() ? "met" : "MISSED") + (Double.isNaN(slo.passedShare()) ? ""
                    : " (in " + percent(slo.passedShare(), 0) + " of replications)");
            sloRows.add(List.of(slo.expr(), number(slo.value(), 4), SloFigures.wholeRun(s, slo), outcome, SloFigures.detail(slo)));
        }
        ReportTable slos = ReportTable.of(List.of("SLO", "value", "whole run", "outcome", "how"), List.of(false, true, true, false, false),
                sloRows);
        List<List<String>> incidentRows = new ArrayList<>();
        for (Incident i : s.incidents()) {
            incidentRows.add(List.of((i.replication() > 0 ? "#" + i.replication() + " " : "") + TimeAxis.clock(i.startS()) + " – "
                    + TimeAxis.clock(i.endS()), duration(i.endS() - i.startS()), i.slo(), number(i.worstValue(), 2),
                    String.join("; ", i.causes())));
        }
        ReportTable incidents = ReportTable.of(List.of("from – to", "for", "SLO breached", "worst", "what was happening"),
                List.of(false, true, false, true, false), incidentRows);

        List<String> warnings = new ArrayList<>();
        for (String u : s.unstable()) {
            warnings.add("unstable: " + u + "'s queue grows without bound");
        }
        warnings.addAll(s.warnings());
        if (seriesRows == 0) {
            warnings.add("the time series has no rows: the charts are empty");
        }
        String note = "Each window of the time series is drawn as a level from its start to its end; the shaded start is the warm-up, "
                + "left out of the numbers above.";
        if (drainHidden(s)) {
            note += " The charts end with the profile: the " + duration(run.drainedS())
                    + " drain after it (requests in flight finishing) is in the numbers above and in timeseries.csv.";
        }
        ReportTable[] bill = cost(s);
        return new Content(title, sub.toString(), ReportTable.keyNumbers(key), latency, errors, components, caches, pools(s), bill[0],
                bill[1], slos, incidents, warnings, note, ClusterSection.tables(s), charts(s), rollouts(s), DatabaseSection.table(s),
                RegionSection.tables(s), CostSection.tables(s));
    }

    private static List<String> latencyRow(String name, Summary.Latency l) {
        return List.of(name, number(l.mean(), 1), number(l.p50(), 1), number(l.p95(), 1), number(l.p99(), 1), number(l.p99_9(), 1),
                number(l.max(), 1));
    }

    private static String text(String v) {
        return v == null ? "?" : v;
    }

    /** A count as a whole number (a mean over replications cut to its whole part), 0 for none. */
    private static long whole(double v) {
        return Double.isNaN(v) ? 0 : (long) v;
    }

    private static String count(double v) {
        return Double.isNaN(v) ? DASH : String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    static String number(double v, int places) {
        return Double.isNaN(v) ? DASH : String.format(Locale.ROOT, "%,." + places + "f", v);
    }

    private static String percent(double ratio, int places) {
        return Double.isNaN(ratio) ? DASH : String.format(Locale.ROOT, "%." + places + "f %%", ratio * 100);
    }

    private static String duration(double v) {
        return Double.isNaN(v) ? DASH : TimeAxis.clock(v);
    }

    // ---- the document, walked once for both formats ----

    /** {@code report.md} of a run whose time series has {@code seriesRows} windows. */
    static String markdown(Summary s, int seriesRows) {
        return render(content(s, seriesRows), new ReportWriter.Markdown(), null);
    }

    /** {@code report.html}, with the charts' {@code pngs} embedded. */
    static String html(Summary s, int seriesRows, List<byte[]> pngs) {
        return render(content(s, seriesRows), new ReportWriter.Html(), pngs);
    }

    /** Markdown links the charts beside it ({@code pngs} null); HTML embeds {@code pngs}. */
    private static String render(Content c, ReportWriter w, List<byte[]> pngs) {
        w.begin(c.title(), c.subtitle());
        w.table(c.keyNumbers());
        w.table(c.latency());
        section(w, "Errors by cause", c.errors(), "No errors.");
        section(w, "Components", c.components(), "No service components.");
        if (!c.caches().isEmpty()) {
            w.table(c.caches());
        }
        if (!c.pools().isEmpty()) {
            w.table(c.pools());
        }
        if (!c.databases().isEmpty()) {
            w.heading("Databases");
            w.table(c.databases());
        }
        if (!c.regions().isEmpty()) {
            w.heading("Regions");
            c.regions().forEach(w::table);
        }
        section(w, "Cost", c.cost(), "Not priced: no component has an instance type.");
        if (!c.costBreakdown().isEmpty()) {
            w.table(c.costBreakdown());
        }
        c.costAllocation().forEach(w::table);
        if (!c.cluster().isEmpty()) {
            w.heading("Cluster");
            c.cluster().forEach(w::table);
        }
        if (!c.rollouts().isEmpty()) {
            w.heading("Rollouts");
            w.table(c.rollouts());
        }
        section(w, "SLOs", c.slos(), "The design defines no SLOs.");
        section(w, "Incidents", c.incidents(), c.slos().isEmpty() ? "None looked for: the design defines no SLOs."
                : "No SLO was breached in any window.");
        w.heading("Warnings");
        if (c.warnings().isEmpty()) {
            w.paragraph("None.");
        } else {
            w.list(c.warnings());
        }
        w.heading("Charts");
        w.paragraph(c.chartNote());
        String[] alts = {"Load and instances over time", "Latency percentiles over time", "Utilisation per component over time",
            "Latency distribution: the latency at each percentile, overall and per endpoint", "Cost over time",
            "Nodes per pool and pending pods over time", "Periods throttled by CPU limits over time"};
        List<String> charts = c.charts();
        for (int i = 0; i < charts.size(); i++) {
            w.chart(alts[i], charts.get(i), pngs == null ? null : pngs.get(i), RunCharts.WIDTH, RunCharts.HEIGHT);
        }
        return w.end();
    }

    /** A heading, then the table, or {@code none} when it has no rows. */
    private static void section(ReportWriter w, String heading, ReportTable t, String none) {
        w.heading(heading);
        if (t.isEmpty()) {
            w.paragraph(none);
        } else {
            w.table(t);
        }
    }
}
