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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
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

    private static final String DASH = "\u2014";

    private RunReport() {
    }

    /** The inputs are missing or unreadable: a user's mistake, not a bug. */
    /** Most windows a chart draws; longer series are merged (see {@link Series#coarsened}). */
    static final int MAX_CHART_WINDOWS = 1500;

    public static final class BadResults extends Exception {
        public BadResults(String message) {
            super(message);
        }
    }

    /** Reads {@code dir}'s summary and time series and writes the report files into {@code dir}. */
    public static List<Path> write(Path dir) throws IOException, BadResults {
        JsonNode summary = readSummary(dir.resolve(SUMMARY));
        Series series = Series.read(dir.resolve(TIMESERIES));
        String design = text(summary, "design");
        String profile = text(summary, "profile");
        double warmupS = summary.path("warmup_s").asDouble(0);
        Series charted = charted(summary, series);

        List<JFreeChart> charts = List.of(
                RunCharts.load(charted, design, profile, warmupS),
                RunCharts.latency(charted, design, profile, warmupS),
                RunCharts.utilisation(charted, design, profile, warmupS),
                RunCharts.latencyPercentiles(summary, design, profile),
                RunCharts.cost(charted, summary, design, profile, warmupS));
        List<byte[]> pngs = new ArrayList<>();
        List<String> svgs = new ArrayList<>();
        for (JFreeChart c : charts) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(b, c, RunCharts.WIDTH, RunCharts.HEIGHT);
            pngs.add(b.toByteArray());
            svgs.add(ChartFiles.svg(c, RunCharts.WIDTH, RunCharts.HEIGHT));
        }
        String md = markdown(summary, series);
        String html = html(summary, series, pngs);

        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (int i = 0; i < CHARTS.size(); i++) {
                Path target = dir.resolve(CHARTS.get(i));
                byte[] png = pngs.get(i);
                staged.put(target, AtomicFiles.stageBytes(target, out -> out.write(png)));
                Path svgTarget = dir.resolve(ChartFiles.svgName(CHARTS.get(i)));
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
    private static Series charted(JsonNode summary, Series series) {
        Series shown = drainHidden(summary) ? series.before(summary.path("simulated_s").asDouble()) : series;
        return shown.coarsened(MAX_CHART_WINDOWS);
    }

    private static boolean drainHidden(JsonNode summary) {
        double simulated = summary.path("simulated_s").asDouble(Double.NaN);
        double drained = summary.path("drained_s").asDouble(0);
        return simulated > 0 && drained > 0 && drained < 0.02 * simulated;
    }

    private static JsonNode readSummary(Path file) throws IOException, BadResults {
        if (!Files.isRegularFile(file)) {
            throw new BadResults(file + ": not found (a results folder holds the summary.json and timeseries.csv of headroom run)");
        }
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            if (n == null || !n.isObject() || !n.has("overall")) {
                throw new BadResults(file + ": not a summary.json of headroom run (no \"overall\")");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadResults(file + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    // ---- the time series ----

    /** {@code timeseries.csv} in columns; a blank (or unreadable) cell is NaN, "no value". */
    static final class Series {
        private final List<String> header;
        private final List<String[]> cells;
        private final Map<String, double[]> columns = new LinkedHashMap<>();
        private final int rows;

        private Series(List<String> header, List<String[]> cells) {
            this.header = header;
            this.cells = cells;
            this.rows = cells.size();
            for (int c = 0; c < header.size(); c++) {
                double[] v = new double[rows];
                for (int r = 0; r < rows; r++) {
                    String[] row = cells.get(r);
                    v[r] = c < row.length ? parse(row[c]) : Double.NaN;
                }
                columns.putIfAbsent(header.get(c), v);
            }
        }

        static Series read(Path file) throws IOException, BadResults {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new BadResults(file + ": not found (a results folder holds the summary.json and timeseries.csv of headroom run)");
            }
            if (lines.isEmpty() || !lines.get(0).startsWith("t_s")) {
                throw new BadResults(file + ": not a timeseries.csv of headroom run (the first line names the columns, from t_s)");
            }
            List<String> header = List.of(lines.get(0).trim().split(",", -1));
            List<String[]> cells = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isBlank()) {
                    cells.add(l.trim().split(",", -1));
                }
            }
            return new Series(header, cells);
        }

        private static double parse(String s) {
            String t = s.trim();
            if (t.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        int rows() {
            return rows;
        }

        /** The windows that start before {@code s}. */
        Series before(double s) {
            List<String[]> kept = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                if (!(startS(i) >= s)) {
                    kept.add(cells.get(i));
                }
            }
            return new Series(header, kept);
        }

        /**
         * The series with runs of consecutive windows merged when it has more than {@code max}: a
         * 1200-pixel chart cannot show more, and drawing 60,000 windows costs seconds and hundreds
         * of megabytes. Counts (arrivals, completions, errors) add up; everything else is averaged
         * over time (blank cells left out). Short series come back unchanged.
         */
        Series coarsened(int max) {
            if (rows <= max) {
                return this;
            }
            int k = (rows + max - 1) / max;
            List<String[]> merged = new ArrayList<>();
            for (int from = 0; from < rows; from += k) {
                int to = Math.min(rows, from + k);
                String[] row = new String[header.size()];
                double length = 0;
                for (int i = from; i < to; i++) {
                    length += Math.max(0, windowS(i));
                }
                for (int c = 0; c < header.size(); c++) {
                    String name = header.get(c);
                    double[] v = column(name);
                    double out;
                    if (name.equals("t_s")) {
                        out = v[from];
                    } else if (name.equals("window_s")) {
                        out = length;
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
                                double w = Math.max(0, windowS(i));
                                sum += v[i] * w;
                                weight += w;
                            }
                        }
                        out = weight > 0 ? sum / weight : Double.NaN;
                    }
                    row[c] = Double.isNaN(out) ? "" : Double.toString(out);
                }
                merged.add(row);
            }
            return new Series(header, merged);
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
            double w = column("window_s")[i];
            if (!Double.isNaN(w)) {
                return w;
            }
            if (i + 1 < rows) {
                return startS(i + 1) - startS(i);
            }
            return i > 0 ? windowS(i - 1) : Double.NaN;
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
            ReportTable components, ReportTable caches, ReportTable cost, ReportTable costBreakdown, ReportTable slos,
            List<String> warnings, String chartNote) {
    }

    /** The bill: its totals, then what each component and each market cost (rows with money only). */
    private static ReportTable[] cost(JsonNode s) {
        JsonNode c = s.path("cost");
        if (c.isMissingNode() || c.path("total_usd").asDouble(0) <= 0) {
            return new ReportTable[] {ReportTable.numbers(List.of("cost", "USD"), List.of()),
                ReportTable.numbers(List.of("", "USD", "share"), List.of())};
        }
        List<List<String>> totals = new ArrayList<>();
        totals.add(List.of("total over the run", usd(c.path("total_usd"))));
        totals.add(List.of("per hour", usd(c.path("per_hour_usd"))));
        totals.add(List.of("per million requests", usd(c.path("per_million_requests_usd"))));
        totals.add(List.of("idle (capacity that did no work)", usd(c.path("idle_usd"))));
        double total = c.path("total_usd").asDouble();
        List<List<String>> parts = new ArrayList<>();
        c.path("by_component").fields().forEachRemaining(e -> {
            if (e.getValue().asDouble() > 0) {
                parts.add(List.of("component " + e.getKey(), usd(e.getValue()), percent(e.getValue().asDouble() / total, 1)));
            }
        });
        c.path("by_market").fields().forEachRemaining(e -> {
            if (e.getValue().asDouble() > 0) {
                parts.add(List.of("market " + e.getKey(), usd(e.getValue()), percent(e.getValue().asDouble() / total, 1)));
            }
        });
        return new ReportTable[] {ReportTable.numbers(List.of("cost", "USD"), totals),
            ReportTable.numbers(List.of("by component and by market", "USD", "share"), parts)};
    }

    private static String usd(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "$%,.4f", v.asDouble()) : DASH;
    }

    private static Content content(JsonNode s, Series series) {
        String design = text(s, "design");
        String profile = text(s, "profile");
        String title = "Capacity review: " + design + " under " + profile;
        StringBuilder sub = new StringBuilder();
        sub.append("seed ").append(text(s, "seed"));
        sub.append(" \u00b7 ").append(duration(s.path("simulated_s"))).append(" simulated");
        if (s.path("warmup_s").asDouble(0) > 0) {
            sub.append(" \u00b7 first ").append(duration(s.path("warmup_s"))).append(" left out as warm-up");
        }
        if (s.has("stopped_early_s")) {
            sub.append(" \u00b7 stopped early at ").append(duration(s.path("stopped_early_s")));
        }
        if (s.has("replications")) {
            sub.append(" \u00b7 means of ").append(text(s, "replications")).append(" replications");
        }
        JsonNode o = s.path("overall");
        long requests = o.path("requests").asLong(0);
        long errorTotal = 0;
        for (JsonNode e : o.path("errors")) {
            errorTotal += e.asLong(0);
        }
        List<String[]> key = new ArrayList<>();
        key.add(new String[] {"requests", count(o.path("requests"))});
        key.add(new String[] {"completed", count(o.path("completed"))});
        key.add(new String[] {"errors", String.format(Locale.ROOT, "%,d (%s)", errorTotal, percent(requests == 0 ? Double.NaN : (double) errorTotal / requests, 3))});
        key.add(new String[] {"in flight at the end", count(o.path("in_flight"))});
        key.add(new String[] {"throughput", number(o.path("throughput_per_s"), 2) + " requests/s"});
        key.add(new String[] {"peak in flight", count(s.path("peak_in_flight"))});
        JsonNode t = s.path("transient");
        if (t.path("busiest_window_p99_ms").isNumber()) {
            key.add(new String[] {"busiest window", number(t.path("busiest_window_arrivals_per_s"), 2) + " requests/s from "
                    + duration(t.path("busiest_window_start_s")) + ", p99 " + number(t.path("busiest_window_p99_ms"), 1) + " ms"});
        }
        if (s.has("warmup_method")) {
            key.add(new String[] {"warm-up", duration(s.path("warmup_s")) + ", found by " + text(s, "warmup_method").toUpperCase(Locale.ROOT)});
        }
        int slosMissed = 0;
        for (JsonNode slo : s.path("slo")) {
            if (!slo.path("pass").asBoolean(false)) {
                slosMissed++;
            }
        }
        key.add(new String[] {"SLOs", s.path("slo").size() == 0 ? "none defined"
                : slosMissed == 0 ? "all " + s.path("slo").size() + " met" : slosMissed + " of " + s.path("slo").size() + " MISSED"});

        List<String> latCols = List.of("mean", "p50", "p95", "p99", "p99_9", "max");
        List<String> latHead = new ArrayList<>(List.of("latency (ms)", "mean", "p50", "p95", "p99", "p99.9", "max"));
        List<List<String>> latRows = new ArrayList<>();
        latRows.add(latencyRow("all requests", o.path("latency_ms"), latCols));
        if (s.path("endpoints").size() > 1) {
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("endpoints").fields(); it.hasNext();) {
                var e = it.next();
                latRows.add(latencyRow(e.getKey(), e.getValue().path("latency_ms"), latCols));
            }
        }
        ReportTable latency = ReportTable.numbers(latHead, latRows);

        List<List<String>> errRows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("errors").fields(); it.hasNext();) {
            var e = it.next();
            long n = e.getValue().asLong(0);
            if (n == 0) {
                continue;
            }
            errRows.add(List.of(e.getKey(), String.format(Locale.ROOT, "%,d", n), percent(requests == 0 ? Double.NaN : (double) n / requests, 3)));
        }
        ReportTable errors = ReportTable.numbers(List.of("error cause", "requests", "share of requests"), errRows);

        List<List<String>> compRows = new ArrayList<>();
        List<List<String>> cacheRows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("components").fields(); it.hasNext();) {
            var e = it.next();
            JsonNode c = e.getValue();
            if ("cache".equals(c.path("type").asText())) {
                cacheRows.add(List.of(e.getKey(), percent(c.path("hit_ratio"), 1), count(c.path("lookups"))));
                continue;
            }
            String peak = c.has("instances_peak") ? count(c.path("instances_peak")) : DASH;
            compRows.add(List.of(e.getKey(), percent(c.path("utilisation"), 1), percent(c.path("cpu"), 1),
                    number(c.path("queue_mean"), 2), number(c.path("instances_mean"), 2) + " / " + peak,
                    count(c.path("rejected")), count(c.path("timed_out"))));
        }
        ReportTable components = ReportTable.numbers(List.of("component", "utilisation", "cpu", "queue (mean)",
                "instances (mean / peak)", "rejected", "timed out"), compRows);
        ReportTable caches = ReportTable.numbers(List.of("cache", "hit ratio", "lookups"), cacheRows);

        List<List<String>> sloRows = new ArrayList<>();
        for (JsonNode slo : s.path("slo")) {
            sloRows.add(List.of(slo.path("expr").asText(""), number(slo.path("value"), 4),
                    slo.path("pass").asBoolean(false) ? "met" : "MISSED"));
        }
        ReportTable slos = ReportTable.of(List.of("SLO", "value", "outcome"), List.of(false, true, false), sloRows);

        List<String> warnings = new ArrayList<>();
        for (JsonNode u : s.path("unstable")) {
            warnings.add("unstable: " + u.asText() + "'s queue grows without bound");
        }
        for (JsonNode w : s.path("warnings")) {
            warnings.add(w.asText());
        }
        if (series.rows() == 0) {
            warnings.add("the time series has no rows: the charts are empty");
        }
        String note = "Each window of the time series is drawn as a level from its start to its end; the shaded start is the warm-up, "
                + "left out of the numbers above.";
        if (drainHidden(s)) {
            note += " The charts end with the profile: the " + duration(s.path("drained_s"))
                    + " drain after it (requests in flight finishing) is in the numbers above and in timeseries.csv.";
        }
        ReportTable[] bill = cost(s);
        return new Content(title, sub.toString(), ReportTable.keyNumbers(key), latency, errors, components, caches, bill[0], bill[1],
                slos, warnings, note);
    }

    private static List<String> latencyRow(String name, JsonNode l, List<String> cols) {
        List<String> row = new ArrayList<>();
        row.add(name);
        for (String c : cols) {
            row.add(number(l.path(c), 1));
        }
        return row;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isMissingNode() || v.isNull() ? "?" : v.asText();
    }

    private static String count(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%,d", Math.round(v.asDouble())) : DASH;
    }

    private static String number(JsonNode v, int places) {
        return v.isNumber() ? String.format(Locale.ROOT, "%,." + places + "f", v.asDouble()) : DASH;
    }

    private static String percent(JsonNode v, int places) {
        return v.isNumber() ? percent(v.asDouble(), places) : DASH;
    }

    private static String percent(double ratio, int places) {
        return Double.isNaN(ratio) ? DASH : String.format(Locale.ROOT, "%." + places + "f %%", ratio * 100);
    }

    private static String duration(JsonNode v) {
        return v.isNumber() ? TimeAxis.clock(v.asDouble()) : DASH;
    }

    // ---- the document, walked once for both formats ----

    static String markdown(JsonNode s, Series series) {
        return render(content(s, series), new ReportWriter.Markdown(), null);
    }

    static String html(JsonNode s, Series series, List<byte[]> pngs) {
        return render(content(s, series), new ReportWriter.Html(), pngs);
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
        section(w, "Cost", c.cost(), "Not priced: no component has an instance type.");
        if (!c.costBreakdown().isEmpty()) {
            w.table(c.costBreakdown());
        }
        section(w, "SLOs", c.slos(), "The design defines no SLOs.");
        w.heading("Warnings");
        if (c.warnings().isEmpty()) {
            w.paragraph("None.");
        } else {
            w.list(c.warnings());
        }
        w.heading("Charts");
        w.paragraph(c.chartNote());
        String[] alts = {"Load and instances over time", "Latency percentiles over time", "Utilisation per component over time",
            "Latency distribution: the latency at each percentile, overall and per endpoint", "Cost over time"};
        for (int i = 0; i < CHARTS.size(); i++) {
            w.chart(alts[i], CHARTS.get(i), pngs == null ? null : pngs.get(i), RunCharts.WIDTH, RunCharts.HEIGHT);
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
