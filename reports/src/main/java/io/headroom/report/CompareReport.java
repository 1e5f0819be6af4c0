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
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
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

    /** The comparison: each design's means and half-widths, and the paired differences from the first. */
    public static CompareResults results(List<Comparison.Result> results, String profile, long seed) {
        List<CompareResults.Design> designs = new ArrayList<>();
        for (Comparison.Result r : results) {
            designs.add(new CompareResults.Design(r.arm().name(), r.arm().design().name(),
                    SweepRow.figures(TransientSummary.summarize(r.runs()))));
        }
        List<CompareResults.Difference> diffs = new ArrayList<>();
        Map<String, double[]> base = perReplication(results.get(0).runs());
        for (int i = 1; i < results.size(); i++) {
            Map<String, double[]> other = perReplication(results.get(i).runs());
            Map<String, CompareResults.Paired> m = new LinkedHashMap<>();
            for (String key : base.keySet()) {
                if (!other.containsKey(key)) {
                    continue;
                }
                PairedDifference pd = PairedDifference.of(base.get(key), other.get(key));
                m.put(key, new CompareResults.Paired(rounded(pd.mean()), rounded(pd.halfWidth()), pd.significant()));
            }
            diffs.add(new CompareResults.Difference(results.get(i).arm().name(), results.get(0).arm().name(), m));
        }
        return new CompareResults(profile, seed, results.get(0).runs().size(), results.get(0).arm().name(), designs, diffs);
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
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            Map<String, Double> m = SweepRow.metrics(TransientSummary.of(runs.get(r)));
            for (Map.Entry<String, Double> e : m.entrySet()) {
                out.computeIfAbsent(e.getKey(), k -> new double[runs.size()])[r] = e.getValue();
            }
        }
        return out;
    }

    public static List<Path> write(Path dir, List<Comparison.Result> results, String profile, long seed) throws IOException {
        CompareResults json = results(results, profile, seed);
        String text = text(json);
        List<JFreeChart> charts = List.of(overlay(results, profile, "p99_ms", "p99 latency over time",
                        "p99 latency (ms, per window)", false),
                overlay(results, profile, ".instances", "Instances over time", "instances (summed over components)", true));
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
    private static JFreeChart overlay(List<Comparison.Result> results, String profile, String column, String title, String yLabel,
                                      boolean summed) {
        double end = 0;
        for (Comparison.Result r : results) {
            SeriesCapture c = r.series().get(0);
            double[] t = c.column("t_s");
            double[] w = c.column("window_s");
            if (t != null && t.length > 0) {
                end = Math.max(end, t[t.length - 1] + w[w.length - 1]);
            }
        }
        TimeAxis unit = TimeAxis.forSpan(end);
        XYSeriesCollection data = new XYSeriesCollection();
        for (Comparison.Result r : results) {
            XYSeries s = new XYSeries(r.arm().name(), false, true);
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
        int reps = results.get(0).runs().size();
        return ChartStyle.chart(title + ": " + String.join(" vs ", results.stream().map(r -> r.arm().name()).toList()),
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
