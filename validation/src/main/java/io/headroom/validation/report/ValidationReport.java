package io.headroom.validation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.report.AtomicFiles;
import io.headroom.validation.compare.Comparison;
import io.headroom.validation.compare.Measurement;
import io.headroom.validation.compare.Metrics;
import io.headroom.validation.compare.ScalingComparison;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The accuracy report of a validation ({@code headroom validate}) or of an imported run
 * ({@code headroom compare-run}): {@code validation.json} (every figure with its interval),
 * {@code validation.md} (the tables, for a pull request), {@code validation.html} (the tables and the two
 * charts inline) and the charts as PNG beside them: {@code validation-cdf.png}, the measured latency CDF
 * with the simulated percentiles on it, and {@code validation-timeline.png}, the per-window percentiles,
 * measured against simulated. Each file is written atomically.
 */
public final class ValidationReport {
    public static final String JSON = "validation.json";
    public static final String MARKDOWN = "validation.md";
    public static final String HTML = "validation.html";
    public static final String CDF_PNG = "validation-cdf.png";
    public static final String TIMELINE_PNG = "validation-timeline.png";
    public static final String INSTANCES_PNG = "validation-instances.png";

    /** What the report is about, beyond the comparisons. */
    public record Context(String design, String profile, String source, long seed, double warmupS, double endS, double overheadMs,
                          String overheadNote, List<String[]> calibration, String gatlingReport, List<String> notes) {
    }

    private ValidationReport() {
    }

    public static void write(Path dir, Context ctx, Measurement m, List<Comparison> comparisons) throws IOException {
        write(dir, ctx, m, comparisons, List.of());
    }

    /** With the instance count of each autoscaled service (and {@code validation-instances.png}) when there are some. */
    public static void write(Path dir, Context ctx, Measurement m, List<Comparison> comparisons, List<ScalingComparison> scaling)
            throws IOException {
        Files.createDirectories(dir);
        byte[] cdf = ValidationCharts.cdf(ctx, m, comparisons.get(0));
        byte[] timeline = ValidationCharts.timeline(ctx, m, comparisons.get(0));
        byte[] instances = scaling.isEmpty() ? null : ValidationCharts.instances(ctx, scaling);
        String json = json(ctx, m, comparisons);
        if (!scaling.isEmpty()) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = (ObjectNode) mapper.readTree(json);
            root.set("scaling", scalingJson(mapper, scaling));
            json = mapper.writeValueAsString(root) + "\n";
        }
        String md = markdown(ctx, m, comparisons);
        String html = html(ctx, m, comparisons, cdf, timeline);
        if (!scaling.isEmpty()) {
            md += "\n" + scalingMarkdown(scaling) + "\n![instances](" + INSTANCES_PNG + ")\n";
            html = html.replace("</body></html>", scalingHtml(scaling) + "<img alt=\"instance count, testbed and simulated\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(instances) + "\">\n</body></html>");
            AtomicFiles.commit(AtomicFiles.stageBytes(dir.resolve(INSTANCES_PNG), out -> out.write(instances)), dir.resolve(INSTANCES_PNG));
        }
        AtomicFiles.write(dir.resolve(JSON), json);
        AtomicFiles.write(dir.resolve(MARKDOWN), md);
        AtomicFiles.write(dir.resolve(HTML), html);
        AtomicFiles.commit(AtomicFiles.stageBytes(dir.resolve(CDF_PNG), out -> out.write(cdf)), dir.resolve(CDF_PNG));
        AtomicFiles.commit(AtomicFiles.stageBytes(dir.resolve(TIMELINE_PNG), out -> out.write(timeline)), dir.resolve(TIMELINE_PNG));
    }

    static String json(Context ctx, Measurement m, List<Comparison> comparisons) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("schema_version", 1);
        root.put("design", ctx.design());
        root.put("profile", ctx.profile());
        root.put("source", ctx.source());
        root.put("seed", ctx.seed());
        if (ctx.gatlingReport() != null) {
            root.put("gatling_report", ctx.gatlingReport());
        }
        ObjectNode meas = root.putObject("measured");
        meas.put("requests", m.requests());
        meas.put("warmup_s", ctx.warmupS());
        meas.put("end_s", ctx.endS());
        meas.put("batches", m.batches());
        num(meas, "overhead_ms", ctx.overheadMs());
        meas.put("overhead_from", ctx.overheadNote());
        ArrayNode cal = root.putArray("calibration");
        for (String[] c : ctx.calibration()) {
            ObjectNode o = cal.addObject();
            o.put("endpoint", c[0]);
            o.put("declared_mean_ms", Double.parseDouble(c[1]));
            o.put("calibrated_mean_ms", Double.parseDouble(c[2]));
            o.put("samples", Long.parseLong(c[3]));
        }
        ArrayNode comps = root.putArray("comparisons");
        for (Comparison c : comparisons) {
            ObjectNode o = comps.addObject();
            o.put("name", c.name());
            o.put("arrivals", c.arrivals());
            o.put("demand", c.demand());
            o.put("replications", c.replications());
            o.put("pass", c.passes());
            ObjectNode metrics = o.putObject("metrics");
            for (int i = 0; i < c.rows().size(); i++) {
                Comparison.Row r = c.rows().get(i);
                ObjectNode x = metrics.putObject(r.metric());
                num(x, "measured", r.measured());
                num(x, "measured_ci95", r.measuredHalfWidth());
                ArrayNode interval = x.putArray("measured_interval");
                interval.add(finite(m.lower().get(i)));
                interval.add(finite(m.upper().get(i)));
                num(x, "simulated", r.simulated());
                num(x, "simulated_ci95", r.simulatedHalfWidth());
                num(x, "simulated_run_ci95", r.runHalfWidth());
                num(x, r.absolute() ? "error_pp" : "error_pct", r.error());
                num(x, "error_ci95", r.errorHalfWidth());
                num(x, "threshold", r.threshold());
                x.put("pass", r.pass());
            }
            ArrayNode windows = o.putArray("windows");
            List<Measurement.Window> mw = m.windows();
            List<double[]> sw = c.simulated().windows();
            for (int w = 0; w < mw.size(); w++) {
                Measurement.Window x = mw.get(w);
                ObjectNode row = windows.addObject();
                row.put("t_s", x.tS());
                ObjectNode mo = row.putObject("measured");
                mo.put("ok", x.ok());
                mo.put("errors", x.errors());
                num(mo, "throughput_per_s", x.throughput());
                for (int k = 0; k < Measurement.WINDOW_PERCENTILES.length; k++) {
                    String name = "p" + (int) Measurement.WINDOW_PERCENTILES[k] + "_ms";
                    num(mo, name, x.percentiles()[k]);
                    ArrayNode ci = mo.putArray(name.replace("_ms", "_ci95"));
                    ci.add(finite(x.lower()[k]));
                    ci.add(finite(x.upper()[k]));
                }
                if (w < sw.size()) {
                    double[] s = sw.get(w);
                    ObjectNode so = row.putObject("simulated");
                    num(so, "throughput_per_s", s[1]);
                    num(so, "errors", s[2]);
                    num(so, "p50_ms", s[3] + c.overheadMs());
                    num(so, "p95_ms", s[4] + c.overheadMs());
                    num(so, "p99_ms", s[5] + c.overheadMs());
                }
            }
        }
        ArrayNode notes = root.putArray("notes");
        ctx.notes().forEach(notes::add);
        return mapper.writeValueAsString(root) + "\n";
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, Math.round(v * 1e4) / 1e4);
        } else {
            o.putNull(key);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
    }

    /** The tables, each a header and rows of cells, shared by the Markdown and HTML writers. */
    record Table(String title, String note, List<String> head, List<List<String>> rows) {
    }

    static List<Table> tables(Context ctx, Measurement m, List<Comparison> comparisons) {
        List<Table> out = new ArrayList<>();
        for (Comparison c : comparisons) {
            List<List<String>> rows = new ArrayList<>();
            for (Comparison.Row r : c.rows()) {
                boolean rate = r.absolute();
                String unit = rate ? " pp" : " %";
                rows.add(List.of(label(r.metric()), value(r.measured(), rate) + " ± " + value(r.measuredHalfWidth(), rate),
                        value(r.simulated(), rate) + " ± " + value(r.simulatedHalfWidth(), rate),
                        "± " + value(r.runHalfWidth(), rate),
                        String.format(Locale.ROOT, "%+.2f", r.error()) + " ± " + String.format(Locale.ROOT, "%.2f", r.errorHalfWidth()) + unit,
                        (rate || r.threshold() == 0 ? "noise" : String.format(Locale.ROOT, "%.0f %%", r.threshold())),
                        r.pass() ? "ok" : "MISSED"));
            }
            out.add(new Table(c.name() + ": arrivals " + c.arrivals() + ", demand " + c.demand(),
                    c.replications() + " simulator replications; " + (c.overheadMs() > 0
                            ? "simulated latencies plus a constant client overhead of " + String.format(Locale.ROOT, "%.3f ms", c.overheadMs())
                            : "the client overhead simulated per request (see above)") + "; ± is the 95 % half-width (measured: batch"
                            + " means, percentiles by their exceedance; simulated: of the mean; one run: where a single run of the model"
                            + " lands); " + (c.replayedRun() ? "the run itself is replayed, so the error's ± counts the one-run noise only"
                            : "the error's ± counts the larger of the measured and the one-run noise"),
                    List.of("figure", "measured", "simulated", "one run", "error", "target", "within"), rows));
        }
        if (!ctx.calibration().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (String[] c : ctx.calibration()) {
                rows.add(List.of(c[0], c[1], c[2], c[3]));
            }
            out.add(new Table("calibrated demand", "the mean time a testbed worker was busy per request, against the design's",
                    List.of("endpoint", "declared mean (ms)", "calibrated mean (ms)", "samples"), rows));
        }
        Comparison primary = comparisons.get(0);
        List<List<String>> rows = new ArrayList<>();
        List<double[]> sw = primary.simulated().windows();
        for (int w = 0; w < m.windows().size(); w++) {
            Measurement.Window x = m.windows().get(w);
            double[] s = w < sw.size() ? sw.get(w) : new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            List<String> row = new ArrayList<>();
            row.add(String.format(Locale.ROOT, "%.0f%s", x.tS(), x.tS() < ctx.warmupS() ? " (warm-up)" : ""));
            row.add(String.valueOf(x.ok()));
            for (int k = 0; k < 3; k++) {
                double meas = x.percentiles()[k];
                double sim = s[3 + k] + primary.overheadMs();
                row.add(Double.isFinite(meas) ? String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", meas, x.lower()[k], x.upper()[k]) : "–");
                row.add(Double.isFinite(sim) && Double.isFinite(meas)
                        ? String.format(Locale.ROOT, "%.2f (%+.1f %%)", sim, 100 * (sim - meas) / meas) : "–");
            }
            rows.add(row);
        }
        out.add(new Table("per window (" + primary.name() + ")", "windows by completion time; measured percentiles with their 95 %"
                + " order-statistic interval (independent samples assumed); simulated with the error against measured",
                List.of("t (s)", "ok", "p50 measured", "p50 simulated", "p95 measured", "p95 simulated", "p99 measured", "p99 simulated"),
                rows));
        return out;
    }

    private static String label(String metric) {
        return switch (metric) {
            case "p50_ms" -> "p50 (ms)";
            case "p90_ms" -> "p90 (ms)";
            case "p95_ms" -> "p95 (ms)";
            case "p99_ms" -> "p99 (ms)";
            case "throughput_per_s" -> "throughput (/s)";
            default -> "error rate (%)";
        };
    }

    private static String value(double v, boolean rate) {
        return String.format(Locale.ROOT, "%.3f", rate ? 100 * v : v);
    }

    private static String headline(Context ctx, Measurement m, List<Comparison> comparisons) {
        Comparison c = comparisons.get(0);
        return String.format(Locale.ROOT, "%s under %s (%s): %d requests measured after a %.0f s warm-up; %s: %s", ctx.design(),
                ctx.profile(), ctx.source(), m.requests(), ctx.warmupS(), c.name(),
                c.passes() ? "every figure within its target plus the noise" : "some figures MISSED their target");
    }

    static String markdown(Context ctx, Measurement m, List<Comparison> comparisons) {
        StringBuilder b = new StringBuilder();
        b.append("# Validation: ").append(ctx.design()).append(" under ").append(ctx.profile()).append("\n\n");
        b.append(headline(ctx, m, comparisons)).append("\n\n");
        b.append(String.format(Locale.ROOT, "Client overhead %.3f ms (%s).", ctx.overheadMs(), ctx.overheadNote()));
        if (ctx.gatlingReport() != null) {
            b.append(" Gatling's own report: `").append(ctx.gatlingReport()).append("`.");
        }
        b.append("\n\n");
        for (Table t : tables(ctx, m, comparisons)) {
            b.append("## ").append(t.title()).append("\n\n").append(t.note()).append("\n\n");
            b.append("| ").append(String.join(" | ", t.head())).append(" |\n|");
            for (int i = 0; i < t.head().size(); i++) {
                b.append(i == 0 ? " --- |" : " ---: |");
            }
            b.append("\n");
            for (List<String> row : t.rows()) {
                b.append("| ").append(String.join(" | ", row.stream().map(s -> s.replace("|", "\\|")).toList())).append(" |\n");
            }
            b.append("\n");
        }
        for (String n : ctx.notes()) {
            b.append("- ").append(n).append("\n");
        }
        b.append("\n![latency CDF](").append(CDF_PNG).append(")\n\n![timeline](").append(TIMELINE_PNG).append(")\n");
        return b.toString();
    }

    static String html(Context ctx, Measurement m, List<Comparison> comparisons, byte[] cdf, byte[] timeline) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Validation: ").append(esc(ctx.design()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:4px 10px}"
                        + "td.n,th.n{text-align:right}td.miss{color:#b00;font-weight:bold}td.ok{color:#070}.sub{color:#555}"
                        + "img{max-width:100%}</style></head><body>\n");
        b.append("<h1>Validation: ").append(esc(ctx.design())).append(" under ").append(esc(ctx.profile())).append("</h1>\n");
        b.append("<p>").append(esc(headline(ctx, m, comparisons))).append("</p>\n");
        b.append("<p class=\"sub\">").append(esc(String.format(Locale.ROOT, "Client overhead %.3f ms (%s).", ctx.overheadMs(),
                ctx.overheadNote())));
        if (ctx.gatlingReport() != null) {
            b.append(" Gatling's own report: <a href=\"").append(esc(ctx.gatlingReport())).append("\">")
                    .append(esc(ctx.gatlingReport())).append("</a>.");
        }
        b.append("</p>\n");
        for (Table t : tables(ctx, m, comparisons)) {
            b.append("<h2>").append(esc(t.title())).append("</h2>\n<p class=\"sub\">").append(esc(t.note())).append("</p>\n<table><tr>");
            for (int i = 0; i < t.head().size(); i++) {
                b.append(i == 0 ? "<th>" : "<th class=\"n\">").append(esc(t.head().get(i))).append("</th>");
            }
            b.append("</tr>\n");
            for (List<String> row : t.rows()) {
                b.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    String cls = "MISSED".equals(cell) ? "n miss" : "ok".equals(cell) ? "n ok" : i == 0 ? "" : "n";
                    b.append(cls.isEmpty() ? "<td>" : "<td class=\"" + cls + "\">").append(esc(cell)).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<ul>");
        for (String n : ctx.notes()) {
            b.append("<li>").append(esc(n)).append("</li>");
        }
        b.append("</ul>\n");
        b.append("<img alt=\"latency CDF, measured and simulated\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(cdf))
                .append("\">\n<img alt=\"percentiles per window, measured and simulated\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(timeline)).append("\">\n</body></html>\n");
        return b.toString();
    }

    static ArrayNode scalingJson(ObjectMapper mapper, List<ScalingComparison> scaling) {
        ArrayNode a = mapper.createArrayNode();
        for (ScalingComparison c : scaling) {
            ObjectNode o = a.addObject();
            o.put("service", c.service());
            num(o, "sync_period_s", c.syncPeriodS());
            num(o, "max_abs_count_diff", c.maxAbsDiff());
            num(o, "max_abs_lag_s", c.maxAbsLagS());
            o.put("seconds", c.seconds());
            o.put("seconds_outside_one_sync_period", c.secondsOutside());
            o.put("pass", c.pass());
            ArrayNode levels = o.putArray("scale_outs");
            for (ScalingComparison.Level l : c.levels()) {
                ObjectNode x = levels.addObject();
                x.put("instances", l.instances());
                num(x, "testbed_s", l.testbedS());
                num(x, "simulated_s", l.simulatedS());
                num(x, "lag_s", l.lagS());
                x.put("replications_reached", l.replicationsReached());
                x.put("replications", l.replications());
            }
            ArrayNode series = o.putArray("per_second");
            for (int t = 0; t < c.tS().length; t++) {
                ObjectNode x = series.addObject();
                x.put("t_s", c.tS()[t]);
                num(x, "testbed", c.measured()[t]);
                num(x, "simulated", c.simulated()[t]);
            }
        }
        return a;
    }

    private static List<Table> scalingTables(List<ScalingComparison> scaling) {
        List<Table> tables = new ArrayList<>();
        for (ScalingComparison c : scaling) {
            List<List<String>> rows = new ArrayList<>();
            for (ScalingComparison.Level l : c.levels()) {
                rows.add(List.of(String.valueOf(l.instances()), fmt(l.testbedS(), 1), fmt(l.simulatedS(), 1), fmt(l.lagS(), 1),
                        l.replicationsReached() + "/" + l.replications()));
            }
            tables.add(new Table("Instance count: " + c.service(), String.format(Locale.ROOT,
                    "Scale-outs: when the count first reached each level, in the testbed (its autoscaler's decision) and simulated"
                            + " (replay-calibrated, one-second windows, mean over the replications that got there); lag = simulated"
                            + " - testbed. Largest count difference %.2f instances; %d of %d seconds outside one sync period (%.0f s)"
                            + " of the simulated count: %s.", c.maxAbsDiff(), c.secondsOutside(), c.seconds(), c.syncPeriodS(),
                    c.pass() ? "within one sync period" : "MISSED"),
                    List.of("instances", "testbed (s)", "simulated (s)", "lag (s)", "replications"), rows));
        }
        return tables;
    }

    private static String fmt(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "-";
    }

    static String scalingMarkdown(List<ScalingComparison> scaling) {
        StringBuilder b = new StringBuilder();
        for (Table t : scalingTables(scaling)) {
            b.append("## ").append(t.title()).append("\n\n").append(t.note()).append("\n\n");
            b.append("| ").append(String.join(" | ", t.head())).append(" |\n| --- |");
            for (int i = 1; i < t.head().size(); i++) {
                b.append(" ---: |");
            }
            b.append("\n");
            for (List<String> row : t.rows()) {
                b.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            b.append("\n");
        }
        return b.toString();
    }

    static String scalingHtml(List<ScalingComparison> scaling) {
        StringBuilder b = new StringBuilder();
        for (Table t : scalingTables(scaling)) {
            b.append("<h2>").append(esc(t.title())).append("</h2>\n<p class=\"sub\">").append(esc(t.note())).append("</p>\n<table><tr>");
            for (int i = 0; i < t.head().size(); i++) {
                b.append(i == 0 ? "<th>" : "<th class=\"n\">").append(esc(t.head().get(i))).append("</th>");
            }
            b.append("</tr>\n");
            for (List<String> row : t.rows()) {
                b.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    b.append(i == 0 ? "<td>" : "<td class=\"n\">").append(esc(row.get(i))).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        return b.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** For tests: the PNG bytes of a chart. */
    static byte[] png(org.jfree.chart.JFreeChart chart, int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.jfree.chart.ChartUtils.writeChartAsPNG(out, chart, w, h);
        return out.toByteArray();
    }

    /** The metric names in report order (for callers that index rows). */
    public static List<String> metrics() {
        return List.of(Metrics.NAMES);
    }
}
