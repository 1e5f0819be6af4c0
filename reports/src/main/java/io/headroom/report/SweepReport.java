package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.headroom.design.Slo;
import io.headroom.experiment.Pareto;
import io.headroom.experiment.SweepRow;
import io.headroom.result.Figures;
import io.headroom.result.Summary;
import io.headroom.result.SweepCodec;
import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * The results of a sweep: {@code results.json} and {@code results.csv} (one row per point: the values
 * set, the key metrics with their 95 % half-widths when replicated, the SLO outcomes and values, the
 * cost per month), and a report ({@code report.html}, {@code report.md}, charts as PNG and SVG)
 * answering the question a sweep is for: which designs are worth having (the Pareto frontier of cost
 * against latency), the cheapest that meets the SLOs, and why the others do not — a chart of the
 * errors and of each SLO's own value against its bound ({@link SweepPanel}), and in each point's row
 * the SLOs it misses and by how much ({@link SloMisses}). Cost is {@code cost.total_usd} when the
 * summaries carry prices, else instance-hours, and the report says which. Everything is a function of
 * the rows, so a sweep written in one go, resumed, or merged from slices writes the same bytes.
 */
public final class SweepReport {
    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    public static final String CHART = "chart-cost-p99.png";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepReport() {
    }

    /**
     * The whole results document.
     *
     * @param meta  what the sweep was (study, design, profile, seed, replications, points, columns, slos, fingerprint)
     * @param rows  the rows, by point
     * @param shard the slice ("i/N"), or null for a whole sweep
     */
    public static SweepResults results(SweepResults.Meta meta, List<SweepPoint> rows, String shard) {
        Axes axes = axes(meta, rows);
        List<Integer> frontier = new ArrayList<>();
        for (int i : axes.frontier) {
            frontier.add(rows.get(i).point());
        }
        return new SweepResults(meta, shard, axes.x, axes.y, frontier, axes.cheapest >= 0 ? rows.get(axes.cheapest).point() : null,
                List.copyOf(rows));
    }

    /** What the results say the sweep was (the same for every slice of it, and wherever its runs ran). */
    public static SweepResults.Meta meta(io.headroom.study.Study s) {
        List<io.headroom.design.SloSpec> specs = s.spec().slos() != null ? s.spec().slos()
                : s.points().isEmpty() ? List.of() : s.points().get(0).design().design().slos();
        List<String> slos = specs.stream().map(io.headroom.design.SloSpec::label).toList();
        return new SweepResults.Meta(s.spec().name(), s.designFile(), s.profileFile(), s.spec().seed(), s.spec().replications(),
                s.points().size(), List.copyOf(s.columns()), List.copyOf(slos), s.fingerprint());
    }

    /** The chart's axes, the frontier and the answer, computed once for every output. */
    record Axes(String x, String y, String xLabel, double[] xs, double[] ys, List<Integer> frontier, int cheapest, Slo ySlo) {
    }

    static Axes axes(SweepResults.Meta meta, List<SweepPoint> rows) {
        boolean priced = !rows.isEmpty() && rows.stream().allMatch(r -> !Double.isNaN(r.figures().metric("cost_total_usd")));
        String x = priced ? "cost_total_usd" : "instance_hours";
        String xLabel = priced ? "cost over the run (USD)" : "instance-hours over the run (no prices: cost stands in as instance-hours)";
        Slo ySlo = null;
        for (String s : meta.slos()) {
            // the chart's latency is the whole run's, of all requests: an endpoint's or a window's SLO has a chart of its own
            Slo slo = SweepPanel.parse(s);
            if (slo != null && slo.metric().latency() && slo.endpoint() == null && !slo.windowed()) {
                ySlo = slo;
                break;
            }
        }
        String y = ySlo == null ? "p99_ms" : ySlo.metric().key() + "_ms";
        double[] xs = new double[rows.size()];
        double[] ys = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            xs[i] = rows.get(i).figures().metric(x);
            ys[i] = rows.get(i).figures().metric(y);
        }
        List<Integer> frontier = Pareto.frontier(xs, ys);
        int cheapest = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).figures().acceptable() || Double.isNaN(xs[i])) {
                continue;
            }
            if (cheapest < 0 || xs[i] < xs[cheapest] || (xs[i] == xs[cheapest] && ys[i] < ys[cheapest])) {
                cheapest = i;
            }
        }
        return new Axes(x, y, xLabel, xs, ys, frontier, cheapest, ySlo);
    }

    /** Writes the results and the report into {@code dir}: every file staged first, then all committed. */
    public static List<Path> write(Path dir, SweepResults.Meta meta, List<SweepPoint> rows, String shard) throws IOException {
        String json = text(results(meta, rows, shard));
        String csv = csv(meta, rows);
        Axes axes = axes(meta, rows);
        List<SweepPanel> panels = SweepPanel.of(slos(meta, rows), rows, axes.ySlo);
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put(CHART, SweepChart.costAgainstLatency(meta, rows, axes));
        for (SweepPanel p : panels) {
            charts.put(p.file(), SweepChart.panel(meta, rows, axes, p));
        }
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        Map<String, String> svgs = new LinkedHashMap<>();
        for (Map.Entry<String, JFreeChart> c : charts.entrySet()) {
            pngs.put(c.getKey(), ChartFiles.png(c.getValue(), SweepChart.WIDTH, SweepChart.HEIGHT));
            svgs.put(c.getKey(), ChartFiles.svg(c.getValue(), SweepChart.WIDTH, SweepChart.HEIGHT));
        }
        String md = render(meta, rows, axes, panels, shard, new ReportWriter.Markdown(), Map.of());
        String html = render(meta, rows, axes, panels, shard, new ReportWriter.Html(), pngs);
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            stage(staged, dir.resolve(RESULTS_JSON), json);
            stage(staged, dir.resolve(RESULTS_CSV), csv);
            for (String name : charts.keySet()) {
                Path pngFile = dir.resolve(name);
                byte[] png = pngs.get(name);
                staged.put(pngFile, AtomicFiles.stageBytes(pngFile, o -> o.write(png)));
                stage(staged, dir.resolve(ChartFiles.svgName(name)), svgs.get(name));
            }
            stage(staged, dir.resolve(MARKDOWN), md);
            stage(staged, dir.resolve(HTML), html);
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

    private static void stage(Map<Path, Path> staged, Path target, String text) throws IOException {
        staged.put(target, AtomicFiles.stage(target, w -> w.write(text)));
    }

    /** {@code results.json}'s text. */
    public static String text(SweepResults results) throws IOException {
        return JSON.writeValueAsString(SweepCodec.write(results)) + "\n";
    }

    /** Reads a results.json written by {@link #write}. */
    public static SweepResults read(Path file) throws IOException {
        return SweepCodec.readResults(JSON.readTree(file.toFile()));
    }

    /** The metric keys present in any row, in {@link SweepRow#METRICS} order. */
    static List<String> metricKeys(List<SweepPoint> rows) {
        List<String> keys = new ArrayList<>();
        for (String m : SweepRow.METRICS) {
            if (rows.stream().anyMatch(r -> r.figures().metrics().containsKey(m))) {
                keys.add(m);
            }
        }
        return keys;
    }

    static String csv(SweepResults.Meta meta, List<SweepPoint> rows) {
        List<String> columns = meta.columns();
        List<String> metrics = metricKeys(rows);
        boolean replicated = rows.stream().anyMatch(r -> r.figures().ci95() != null);
        List<String> slos = slos(meta, rows);
        boolean priced = rows.stream().anyMatch(r -> !Double.isNaN(r.figures().costPerMonthUsd()));
        List<String> head = new ArrayList<>(List.of("point", "name"));
        head.addAll(columns);
        head.add("replications");
        head.addAll(metrics);
        List<String> withCi = metrics.stream().filter(m -> rows.stream().anyMatch(r -> !Double.isNaN(r.figures().halfWidth(m))))
                .toList();
        if (replicated) {
            withCi.forEach(m -> head.add(m + "_ci95"));
        }
        slos.forEach(s -> head.add("slo: " + s));
        head.add("slos_met");
        head.add("unstable");
        // added after the columns of earlier versions, so that those keep their places
        if (priced) {
            head.add("cost_per_month_usd");
        }
        slos.forEach(s -> head.add("slo value: " + s));
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", head.stream().map(SweepReport::csvCell).toList())).append('\n');
        for (SweepPoint r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(r.point()));
            cells.add(r.name());
            for (String c : columns) {
                cells.add(value(r, c));
            }
            cells.add(Integer.toString(r.replications()));
            for (String m : metrics) {
                cells.add(number(r.figures().metric(m)));
            }
            if (replicated) {
                for (String m : withCi) {
                    cells.add(number(r.figures().halfWidth(m)));
                }
            }
            for (String s : slos) {
                String outcome = "";
                for (var o : r.figures().slo()) {
                    if (o.expr().equals(s)) {
                        outcome = o.pass() ? "pass" : "fail";
                    }
                }
                cells.add(outcome);
            }
            cells.add(Boolean.toString(r.figures().slosMet()));
            cells.add(String.join(" ", r.figures().unstable()));
            if (priced) {
                cells.add(number(r.figures().costPerMonthUsd()));
            }
            for (String s : slos) {
                Summary.SloResult o = SweepPanel.result(r, s);
                cells.add(o == null ? "" : number(o.value()));
            }
            b.append(String.join(",", cells.stream().map(SweepReport::csvCell).toList())).append('\n');
        }
        return b.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Numbers.cell(v, 6);
    }

    /** The SLOs judged: the study's, or those the rows carry when it names none. */
    static List<String> slos(SweepResults.Meta meta, List<SweepPoint> rows) {
        List<String> slos = new ArrayList<>(meta.slos());
        if (slos.isEmpty() && !rows.isEmpty()) {
            rows.get(0).figures().slo().forEach(s -> slos.add(s.expr()));
        }
        return slos;
    }

    /** The value the study set at {@code column} for this point, as the study reads; empty when it set none. */
    private static String value(SweepPoint r, String column) {
        JsonNode v = r.values().get(column);
        return v == null ? "" : io.headroom.study.StudyReader.text(v);
    }

    /** RFC 4180: a cell with a comma, quote or line break goes in quotes, its quotes doubled. */
    static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String render(SweepResults.Meta meta, List<SweepPoint> rows, Axes axes, List<SweepPanel> panels, String shard,
                                 ReportWriter w, Map<String, byte[]> pngs) {
        int reps = meta.replications();
        String title = "Study " + meta.study() + ": " + rows.size() + (rows.size() == 1 ? " point" : " points")
                + (shard == null ? "" : " (slice " + shard + " of " + meta.points() + ")");
        String sub = meta.design() + " under " + meta.profile() + "; " + reps
                + (reps == 1 ? " run per point, seed " : " replications per point, seeds from ") + meta.seed()
                + " (the same at every point)";
        w.begin(title, sub);
        w.heading("Answer");
        List<String> slos = meta.slos();
        String judged = slos.isEmpty() ? "the design's SLOs" : "the SLOs " + String.join(", ", slos);
        boolean priced = axes.x.equals("cost_total_usd");
        String xName = priced ? "cost" : "instance-hours";
        if (axes.cheapest >= 0) {
            SweepPoint c = rows.get(axes.cheapest);
            double month = c.figures().costPerMonthUsd();
            w.paragraph("The cheapest design that meets " + judged + " is point " + c.point() + ", "
                    + PointNames.label(c) + ": " + fmt(axes.xs[axes.cheapest], axes.x)
                    + (Double.isNaN(month) ? "" : String.format(Locale.ROOT, " over the run, $%,.2f per month", month)) + ", "
                    + axes.y.replace("_ms", "") + " " + fmt(axes.ys[axes.cheapest], "ms") + ".");
        } else {
            w.paragraph("No point meets " + judged + (rows.isEmpty() ? "." : " (or every point that does was unstable)."));
        }
        if (!priced) {
            w.paragraph("These results carry no prices, so cost is shown as instance-hours (instances × hours, summed over"
                    + " components): the cheapest is the one that uses the fewest instance-hours.");
        } else {
            w.paragraph("Cost is what the run cost (the measured part) and, per month, its cost per hour × "
                    + Figures.HOURS_PER_MONTH + " hours (8,760 hours a year over 12 months, as cloud price lists count a month).");
        }
        w.heading("Cost against latency");
        w.paragraph("Each point is one design. The staircase is the Pareto frontier: the designs no other design beats on both "
                + xName + " and " + axes.y.replace("_ms", "") + " (those off it are drawn pale)" + (axes.ySlo == null ? "."
                : "; the dashed line is the SLO " + axes.ySlo.expression() + ".") + scaleNote());
        w.chart("Cost against " + axes.y.replace("_ms", "") + " with the Pareto frontier", CHART, pngs.get(CHART), SweepChart.WIDTH,
                SweepChart.HEIGHT);
        for (SweepPanel p : panels) {
            w.heading(p.heading());
            w.paragraph(p.text());
            w.chart(p.heading(), p.file(), pngs.get(p.file()), SweepChart.WIDTH, SweepChart.HEIGHT);
        }
        w.heading("Points");
        table(meta, rows, axes, w);
        if (reps > 1) {
            w.paragraph("Numbers are means over the replications, ± the half-width of their 95 % confidence interval (Student t).");
        }
        return w.end();
    }

    private static String scaleNote() {
        return String.format(Locale.ROOT, " A chart's value axis is logarithmic when its largest value is more than %.0f times its"
                + " smallest, as its subtitle then says.", SweepChart.LOG_RATIO);
    }

    /** The points' table: each point's values (and name, when it says more), cost, latency, errors, and the SLOs it misses. */
    private static void table(SweepResults.Meta meta, List<SweepPoint> rows, Axes axes, ReportWriter w) {
        List<String> columns = meta.columns();
        boolean named = columns.isEmpty() || PointNames.namesSayMore(rows, columns);
        boolean monthly = rows.stream().anyMatch(r -> !Double.isNaN(r.figures().costPerMonthUsd()));
        List<String> head = new ArrayList<>(List.of("#"));
        List<Boolean> numeric = new ArrayList<>(List.of(true));
        if (named) {
            head.add("name");
            numeric.add(false);
        }
        Map<String, String> shortNames = io.headroom.study.StudyReader.shortNames(columns);
        for (String c : columns) {
            head.add(shortNames.get(c));
            numeric.add(false);
        }
        head.add(axes.x.equals("cost_total_usd") ? "cost/run USD" : "instance-hours");
        if (monthly) {
            head.add("cost/month USD");
        }
        head.addAll(List.of("mean ms", "p99 ms", "errors %"));
        while (numeric.size() < head.size()) {
            numeric.add(true);
        }
        head.addAll(List.of("SLOs", "Pareto"));
        numeric.addAll(List.of(false, false));
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            SweepPoint r = rows.get(i);
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(r.point()));
            if (named) {
                cells.add(PointNames.label(r));
            }
            for (String c : columns) {
                cells.add(PointNames.value(r.values().get(c)));
            }
            cells.add(withCi(r, axes.x, 2));
            if (monthly) {
                cells.add(number(r.figures().costPerMonthUsd(), 2));
            }
            cells.add(withCi(r, "mean_ms", 2));
            cells.add(withCi(r, "p99_ms", 2));
            cells.add(number(r.figures().metric("errors_pct"), 3));
            cells.add(SloMisses.verdict(r.figures(), r.replications()));
            cells.add(axes.frontier.contains(i) ? (i == axes.cheapest ? "yes, cheapest" : "yes") : (i == axes.cheapest ? "cheapest" : ""));
            table.add(cells);
        }
        if (table.isEmpty()) {
            w.paragraph("No points.");
        } else {
            w.table(ReportTable.of(head, numeric, table));
        }
    }

    private static String withCi(SweepPoint r, String key, int places) {
        String v = number(r.figures().metric(key), places);
        double h = r.figures().halfWidth(key);
        return !Double.isNaN(h) && !v.isEmpty() ? v + " ± " + number(h, places) : v;
    }

    private static String number(double v, int places) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + places + "f", v);
    }

    static String fmt(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return switch (unit) {
            case "cost_total_usd" -> String.format(Locale.ROOT, "$%.2f", v);
            case "instance_hours" -> String.format(Locale.ROOT, "%.2f instance-hours", v);
            default -> String.format(Locale.ROOT, "%.2f ms", v);
        };
    }

}
