package io.headroom.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.headroom.experiment.AutoWarmup;
import io.headroom.experiment.Comparison;
import io.headroom.experiment.PairedDifference;
import io.headroom.experiment.SeriesCapture;
import io.headroom.experiment.SweepRow;
import io.headroom.result.CompareCodec;
import io.headroom.result.CompareResults;
import io.headroom.result.Figures;
import io.headroom.result.Summary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The results of {@code headroom compare}: {@code compare.json}, and a report ({@code report.html},
 * {@code report.md}) with the designs side by side (means ± 95 % half-widths), the paired differences
 * from the first design (common random numbers, paired t), and the designs' p99 latency and instances
 * over time overlaid ({@code chart-compare-p99.png/.svg}, {@code chart-compare-instances.png/.svg}),
 * each window the mean over the replications.
 */
public final class CompareReport {
    public static final String JSON_FILE = "compare.json";
    public static final List<String> CHARTS = List.of("chart-compare-p99.png", "chart-compare-instances.png");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xb2), new Color(0xd5, 0x5e, 0x00), new Color(0x00, 0x9e, 0x73), new Color(0xcc, 0x79, 0xa7),
        new Color(0xe6, 0x9f, 0x00), new Color(0x56, 0xb4, 0xe9), new Color(0x7f, 0x7f, 0x7f), new Color(0x8c, 0x56, 0x4b)};
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        ChartStyle.headless();
        LABELS.put("requests", "requests");
        LABELS.put("throughput_per_s", "throughput /s");
        LABELS.put("errors_pct", "errors %");
        LABELS.put("mean_ms", "mean ms");
        LABELS.put("p50_ms", "p50 ms");
        LABELS.put("p90_ms", "p90 ms");
        LABELS.put("p95_ms", "p95 ms");
        LABELS.put("p99_ms", "p99 ms");
        LABELS.put("p99_9_ms", "p99.9 ms");
        LABELS.put("busiest_p99_ms", "p99 of the busiest window ms");
        LABELS.put("instance_hours", "instance-hours");
        LABELS.put("instances_peak", "peak instances");
        LABELS.put("cost_total_usd", "cost USD");
        LABELS.put("cost_per_hour_usd", "cost USD/h");
        LABELS.put("cost_per_million_usd", "cost USD per million requests");
        LABELS.put("node_hours", "node-hours");
        LABELS.put("nodes_peak", "peak nodes (sum over pools)");
        LABELS.put("pods_pending_peak", "peak pending pods");
        LABELS.put("pending_p95_s", "pending time p95 s (created to Running)");
        LABELS.put("throttled_periods", "CPU-limit periods throttled");
        LABELS.put("throttled_s", "request-s stalled by CPU limits");
        LABELS.put("rollout_s", "release duration s");
        LABELS.put("rollout_p99_ms", "p99 during the release ms");
        LABELS.put("rollout_errors", "errors during the release");
        LABELS.put("rollout_extra_usd", "extra cost of the release USD");
    }

    private CompareReport() {
    }

    /**
     * One design's replications as the report reads them, in replication order: each run's summary and time series.
     * They come from runs made here ({@link #runs}) or elsewhere (a Spark executor sends a run's summary and series back).
     *
     * @param name       the design's name in the comparison
     * @param designName the name the design gives itself
     */
    public record Runs(String name, String designName, List<Summary> summaries, List<SeriesCapture> series) {
        public Runs {
            summaries = List.copyOf(summaries);
            series = List.copyOf(series);
        }
    }

    /** The runs of a comparison made here, as the report reads them. */
    public static List<Runs> runs(List<Comparison.Result> results) {
        List<Runs> out = new ArrayList<>();
        for (Comparison.Result r : results) {
            out.add(new Runs(r.arm().name(), r.arm().design().name(), r.runs().stream().map(TransientSummary::of).toList(), r.series()));
        }
        return out;
    }

    /** The comparison: each design's means and half-widths, and the paired differences from the first. */
    public static CompareResults results(List<Comparison.Result> results, String profile, long seed) {
        return compared(runs(results), profile, seed);
    }

    /** The comparison of {@code runs}: each design's means and half-widths, and the paired differences from the first. */
    public static CompareResults compared(List<Runs> runs, String profile, long seed) {
        List<CompareResults.Design> designs = new ArrayList<>();
        for (Runs r : runs) {
            designs.add(new CompareResults.Design(r.name(), r.designName(), SweepRow.figures(TransientSummary.combine(r.summaries()))));
        }
        List<CompareResults.Difference> diffs = new ArrayList<>();
        Map<String, double[]> base = perSummary(runs.get(0).summaries());
        for (int i = 1; i < runs.size(); i++) {
            Map<String, double[]> other = perSummary(runs.get(i).summaries());
            Map<String, CompareResults.Paired> m = new LinkedHashMap<>();
            for (String key : base.keySet()) {
                if (!other.containsKey(key)) {
                    continue;
                }
                PairedDifference pd = PairedDifference.of(base.get(key), other.get(key));
                m.put(key, new CompareResults.Paired(rounded(pd.mean()), rounded(pd.halfWidth()), pd.significant()));
            }
            diffs.add(new CompareResults.Difference(runs.get(i).name(), runs.get(0).name(), m));
        }
        return new CompareResults(profile, seed, runs.get(0).summaries().size(), runs.get(0).name(), designs, diffs);
    }

    /**
     * The comparison's lines on the console: each design's mean and p99 (± half-widths), each paired p99 difference from
     * the baseline, and the files written into {@code out}.
     */
    public static void print(PrintWriter w, CompareResults json, Path out) {
        int reps = json.replications();
        w.printf(Locale.ROOT, "%d designs under %s, %d %s each (common random numbers)%n", json.designs().size(), json.profile(), reps,
                reps == 1 ? "run" : "replications");
        for (CompareResults.Design d : json.designs()) {
            w.printf(Locale.ROOT, "  %-28s mean %s  p99 %s ms%n", d.name(), pm(d.figures(), "mean_ms"), pm(d.figures(), "p99_ms"));
        }
        for (CompareResults.Difference d : json.differences()) {
            CompareResults.Paired p99 = d.metrics().getOrDefault("p99_ms", new CompareResults.Paired(Double.NaN, Double.NaN, false));
            // a difference without a value prints as 0
            double mean = Double.isNaN(p99.mean()) ? 0 : p99.mean();
            w.printf(Locale.ROOT, "  %s − %s: p99 %+.2f%s ms%s%n", d.design(), d.minus(), mean,
                    !Double.isNaN(p99.ci95()) ? String.format(Locale.ROOT, " ± %.2f", p99.ci95()) : "",
                    p99.significant() ? " (significant)" : "");
        }
        w.println("  wrote " + out.resolve(JSON_FILE) + ", " + out.resolve(RunReport.HTML) + " and " + out.resolve(RunReport.MARKDOWN));
        w.flush();
    }

    /** The self-checks the designs' runs failed, each named by its design. */
    public static List<String> selfCheckFailures(CompareResults json) {
        List<String> failed = new ArrayList<>();
        for (CompareResults.Design d : json.designs()) {
            d.figures().selfCheckFailures().forEach(f -> failed.add(d.name() + ": " + f));
        }
        return failed;
    }

    /** The designs that miss an SLO. */
    public static List<String> missingSlos(CompareResults json) {
        return json.designs().stream().filter(d -> !d.figures().slosMet()).map(CompareResults.Design::name).toList();
    }

    private static String pm(Figures f, String key) {
        double v = f.metric(key);
        double h = f.halfWidth(key);
        String m = Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
        return Double.isNaN(h) ? m : m + " ± " + String.format(Locale.ROOT, "%.2f", h);
    }

    /** {@code compare.json}'s text. */
    public static String text(CompareResults results) throws IOException {
        return JSON.writeValueAsString(CompareCodec.write(results)) + "\n";
    }

    /** Reads a compare.json written by {@link #write}. */
    public static CompareResults read(String text) throws IOException {
        return CompareCodec.read(JSON.readTree(text));
    }

    /** To 6 decimals; NaN stays NaN (no value). */
    private static double rounded(double v) {
        return Double.isNaN(v) ? v : Numbers.round(v, 6);
    }

    /** Each metric's value in each replication. */
    static Map<String, double[]> perReplication(List<AutoWarmup.Outcome> runs) {
        return perSummary(runs.stream().map(TransientSummary::of).toList());
    }

    /** Each metric's value in each replication's summary. */
    private static Map<String, double[]> perSummary(List<Summary> runs) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            Map<String, Double> m = SweepRow.metrics(runs.get(r));
            for (Map.Entry<String, Double> e : m.entrySet()) {
                out.computeIfAbsent(e.getKey(), k -> new double[runs.size()])[r] = e.getValue();
            }
        }
        return out;
    }

    public static List<Path> write(Path dir, List<Comparison.Result> results, String profile, long seed) throws IOException {
        return write(runs(results), dir, profile, seed);
    }

    /** Writes {@code compare.json}, the charts and the report of {@code runs} into {@code dir}; returns the files written. */
    public static List<Path> write(List<Runs> runs, Path dir, String profile, long seed) throws IOException {
        CompareResults json = compared(runs, profile, seed);
        String text = text(json);
        List<JFreeChart> charts = List.of(overlay(runs, profile, "p99_ms", "p99 latency over time",
                        "p99 latency (ms, per window)", false),
                overlay(runs, profile, ".instances", "Instances over time", "instances (summed over components)", true));
        List<byte[]> pngs = new ArrayList<>();
        List<String> svgs = new ArrayList<>();
        for (JFreeChart c : charts) {
            pngs.add(ChartFiles.png(c, RunCharts.WIDTH, RunCharts.HEIGHT));
            svgs.add(ChartFiles.svg(c, RunCharts.WIDTH, RunCharts.HEIGHT));
        }
        String md = render(json, new ReportWriter.Markdown(), null);
        String html = render(json, new ReportWriter.Html(), pngs);
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            Path jf = dir.resolve(JSON_FILE);
            staged.put(jf, AtomicFiles.stage(jf, w -> w.write(text)));
            for (int i = 0; i < CHARTS.size(); i++) {
                Path png = dir.resolve(CHARTS.get(i));
                byte[] bytes = pngs.get(i);
                staged.put(png, AtomicFiles.stageBytes(png, o -> o.write(bytes)));
                Path svg = dir.resolve(ChartFiles.svgName(CHARTS.get(i)));
                String s = svgs.get(i);
                staged.put(svg, AtomicFiles.stage(svg, w -> w.write(s)));
            }
            Path mdf = dir.resolve(RunReport.MARKDOWN);
            staged.put(mdf, AtomicFiles.stage(mdf, w -> w.write(md)));
            Path hf = dir.resolve(RunReport.HTML);
            staged.put(hf, AtomicFiles.stage(hf, w -> w.write(html)));
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

    /** A column over time, one line per design, each window the mean over the replications. */
    private static JFreeChart overlay(List<Runs> results, String profile, String column, String title, String yLabel,
                                      boolean summed) {
        double end = 0;
        for (Runs r : results) {
            SeriesCapture c = r.series().get(0);
            double[] t = c.column("t_s");
            double[] w = c.column("window_s");
            if (t != null && t.length > 0) {
                end = Math.max(end, t[t.length - 1] + w[w.length - 1]);
            }
        }
        TimeAxis unit = TimeAxis.forSpan(end);
        XYSeriesCollection data = new XYSeriesCollection();
        for (Runs r : results) {
            XYSeries s = new XYSeries(r.name(), false, true);
            SeriesCapture first = r.series().get(0);
            double[] t = first.column("t_s");
            double[] w = first.column("window_s");
            double[] mean = new double[t == null ? 0 : t.length];
            int[] n = new int[mean.length];
            for (SeriesCapture c : r.series()) {
                double[] v = summed ? c.sumOf(column) : c.column(column);
                for (int i = 0; v != null && i < Math.min(v.length, mean.length); i++) {
                    if (!Double.isNaN(v[i])) {
                        mean[i] += v[i];
                        n[i]++;
                    }
                }
            }
            for (int i = 0; i < mean.length; i++) {
                double y = n[i] == 0 ? Double.NaN : mean[i] / n[i];
                // a level over the window: drawn from its start to its end
                s.add(unit.of(t[i]), y);
                s.add(unit.of(t[i] + w[i]), y);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < results.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        var plot = ChartStyle.plot(data, ChartStyle.timeAxis(unit, end), ChartStyle.valueAxis(yLabel), renderer);
        int reps = results.get(0).summaries().size();
        return ChartStyle.chart(title + ": " + String.join(" vs ", results.stream().map(Runs::name).toList()),
                "under " + profile + "; " + (reps == 1 ? "one run each" : "each window the mean of " + reps + " replications")
                        + ", the same seeds for every design", plot);
    }

    private static String render(CompareResults json, ReportWriter w, List<byte[]> pngs) {
        List<CompareResults.Design> designs = json.designs();
        int reps = json.replications();
        w.begin("Comparison: " + String.join(" vs ", designs.stream().map(CompareResults.Design::name).toList()),
                "under " + json.profile() + "; " + reps + (reps == 1 ? " run each, seed " : " replications each, seeds from ")
                        + json.seed() + ", the same for every design (common random numbers)");
        w.heading("Side by side");
        List<String> head = new ArrayList<>(List.of("metric"));
        designs.forEach(d -> head.add(d.name()));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> m : LABELS.entrySet()) {
            if (designs.stream().noneMatch(d -> d.figures().metrics().containsKey(m.getKey()))) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(m.getValue()));
            for (CompareResults.Design d : designs) {
                Figures f = d.figures();
                row.add(pm(f.metric(m.getKey()), f.halfWidth(m.getKey())));
            }
            rows.add(row);
            if (m.getKey().equals("cost_per_hour_usd")) { // derived, as a sweep's: per hour × 730 (AWS's month)
                List<String> month = new ArrayList<>(List.of("cost USD/month (USD/h \u00d7 " + Figures.HOURS_PER_MONTH + ")"));
                for (CompareResults.Design d : designs) {
                    Figures f = d.figures();
                    month.add(pm(f.costPerMonthUsd(), f.halfWidth(m.getKey()) * Figures.HOURS_PER_MONTH));
                }
                rows.add(month);
            }
        }
        List<String> slo = new ArrayList<>(List.of("SLOs"));
        for (CompareResults.Design d : designs) {
            slo.add(d.figures().verdict());
        }
        rows.add(slo);
        w.table(ReportTable.numbers(head, rows));
        if (reps > 1) {
            w.paragraph("Means over the replications ± the half-width of their 95 % confidence interval.");
        }
        if (designs.size() > 1) {
            w.heading("Differences from " + json.baseline());
            List<String> dhead = new ArrayList<>(List.of("metric"));
            json.differences().forEach(d -> dhead.add(d.design() + " − " + d.minus()));
            List<List<String>> drows = new ArrayList<>();
            for (Map.Entry<String, String> m : LABELS.entrySet()) {
                List<String> row = new ArrayList<>(List.of(m.getValue()));
                boolean any = false;
                for (CompareResults.Difference d : json.differences()) {
                    CompareResults.Paired v = d.metrics().get(m.getKey());
                    any |= v != null;
                    String cell = v == null ? "" : pm(v.mean(), v.ci95());
                    row.add(v != null && v.significant() ? cell + " (significant)" : cell);
                }
                if (any) {
                    drows.add(row);
                }
            }
            w.table(ReportTable.numbers(dhead, drows));
            w.paragraph(reps > 1 ? "Paired differences: replication r of every design ran with the same seed; each difference is"
                    + " the mean of the per-replication differences ± its paired-t 95 % half-width, significant when the interval"
                    + " excludes zero." : "One run each: run with --replications N for confidence intervals on the differences.");
        }
        w.heading("Over time");
        String[] alts = {"p99 latency over time, one line per design", "Instances over time, one line per design"};
        for (int i = 0; i < CHARTS.size(); i++) {
            w.chart(alts[i], CHARTS.get(i), pngs == null ? null : pngs.get(i), RunCharts.WIDTH, RunCharts.HEIGHT);
        }
        return w.end();
    }

    /** A mean ± its half-width at 2 decimals; empty without a mean, the mean alone without a half-width. */
    private static String pm(double v, double half) {
        if (Double.isNaN(v)) {
            return "";
        }
        String m = String.format(Locale.ROOT, "%.2f", v);
        return !Double.isNaN(half) ? m + " ± " + String.format(Locale.ROOT, "%.2f", half) : m;
    }
}
