package io.headroom.report;

import io.headroom.result.Summary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a run's report, drawn from {@code timeseries.csv}: load against instances, latency
 * percentiles and utilisation per component, each window a level from its start to its end, a
 * blank cell a gap. Same look as {@link LoadPreviewChart} ({@link ChartStyle}); rendered headless.
 */
final class RunCharts {
    static final int WIDTH = 1200;
    static final int HEIGHT = 600;

    /** Colour-blind-safe palette (Okabe-Ito, then Tableau's). */
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xb2), new Color(0xd5, 0x5e, 0x00), new Color(0x00, 0x9e, 0x73), new Color(0xcc, 0x79, 0xa7),
        new Color(0xe6, 0x9f, 0x00), new Color(0x56, 0xb4, 0xe9), new Color(0x7f, 0x7f, 0x7f), new Color(0x8c, 0x56, 0x4b),
        new Color(0x17, 0xbe, 0xcf), new Color(0xbc, 0xbd, 0x22)};

    /** Line patterns, solid first: past the palette's end a chart's series take its colours again with the next pattern. */
    private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}, {18f, 6f}, {6f, 3f, 2f, 3f, 2f, 3f}};

    static {
        ChartStyle.headless();
    }

    private RunCharts() {
    }

    /** Arrivals/s and completions/s per window, instances per component on a second axis. */
    static JFreeChart load(RunReport.Series s, String design, String profile, double warmupS) {
        TimeAxis unit = TimeAxis.forSpan(s.endS());
        XYSeriesCollection rates = new XYSeriesCollection();
        rates.addSeries(levels(s, unit, "arrivals/s (requests arriving)", perSecond(s, "arrivals")));
        rates.addSeries(levels(s, unit, "completions/s (requests finishing)", perSecond(s, "completions")));
        if (s.has("errors") && anyPositive(s.column("errors"))) {
            rates.addSeries(levels(s, unit, "errors/s", perSecond(s, "errors")));
        }
        XYLineAndShapeRenderer r = renderer(rates.getSeriesCount(), 0);
        // arrivals broad and light, completions narrow on top: where they agree both stay visible
        r.setSeriesPaint(0, new Color(0x00, 0x72, 0xb2, 110));
        r.setSeriesStroke(0, new BasicStroke(5f));
        r.setSeriesStroke(1, new BasicStroke(1.6f));
        XYPlot plot = plot(rates, unit, s.endS(), "requests per second (per window)", r, warmupS);
        List<String> comps = s.componentsWith(".instances");
        if (!comps.isEmpty()) {
            XYSeriesCollection inst = new XYSeriesCollection();
            for (String c : comps) {
                inst.addSeries(levels(s, unit, c + " instances (right axis)", s.column(c + ".instances")));
            }
            NumberAxis right = ChartStyle.axis("instances (time-average per window)");
            right.setAutoRangeIncludesZero(true);
            right.setUpperMargin(0.15);
            right.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            plot.setRangeAxis(1, right);
            plot.setDataset(1, inst);
            plot.mapDatasetToRangeAxis(1, 1);
            XYLineAndShapeRenderer ir = renderer(comps.size(), rates.getSeriesCount());
            for (int i = 0; i < comps.size(); i++) {
                // a dashed look of its own: the rates are solid, so the same colour never looks the same
                int look = i + rates.getSeriesCount() + PALETTE.length;
                ir.setSeriesStroke(i, stroke(look, 2.2f));
            }
            plot.setRenderer(1, ir);
        }
        return ChartStyle.chart(design + " under " + profile + ": load and instances over time",
                "arrivals and completions per second of each " + window(s) + " window; dashed: instances per component (right axis)", plot);
    }

    /** p50, p95 and p99 per window. */
    static JFreeChart latency(RunReport.Series s, String design, String profile, double warmupS) {
        TimeAxis unit = TimeAxis.forSpan(s.endS());
        XYSeriesCollection data = new XYSeriesCollection();
        for (String[] p : new String[][] {{"p50_ms", "p50 (median)"}, {"p95_ms", "p95"}, {"p99_ms", "p99"}}) {
            if (s.has(p[0])) {
                data.addSeries(levels(s, unit, p[1], s.column(p[0])));
            }
        }
        XYPlot plot = plot(data, unit, s.endS(), "latency of successful requests (ms)", renderer(data.getSeriesCount(), 0), warmupS);
        return ChartStyle.chart(design + " under " + profile + ": latency percentiles over time",
                "percentiles of the requests completing in each " + window(s) + " window; gaps: windows without completions", plot);
    }

    /**
     * What the design costs over time: the bill's rate per window in USD per hour, with its mean over
     * the run as a dashed level. A design without instance types has nothing to draw and says so.
     */
    static JFreeChart cost(RunReport.Series s, Summary summary, String design, String profile, double warmupS) {
        TimeAxis unit = TimeAxis.forSpan(s.endS());
        XYSeriesCollection data = new XYSeriesCollection();
        Summary.Cost cost = summary.cost();
        boolean priced = cost != null && cost.totalUsd() > 0 && s.has("cost_usd_per_hour");
        if (priced) {
            data.addSeries(levels(s, unit, "cost rate (USD per hour, per window)", s.column("cost_usd_per_hour")));
            double mean = Double.isNaN(cost.perHourUsd()) ? 0 : cost.perHourUsd();
            double[] flat = new double[s.rows()];
            java.util.Arrays.fill(flat, mean);
            data.addSeries(levels(s, unit, String.format(Locale.ROOT, "over the run: $%.4f per hour", mean), flat));
        }
        XYLineAndShapeRenderer r = renderer(data.getSeriesCount(), 0);
        if (priced) {
            r.setSeriesStroke(1, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
        }
        XYPlot plot = plot(data, unit, s.endS(), "USD per hour", r, warmupS);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        String note = priced
                ? "what runs and what is committed, per " + window(s) + " window (instances, balancers, traffic, functions)"
                : "not priced: give components an instance type (instance: {type: c6i.large}) to see the cost";
        return ChartStyle.chart(design + " under " + profile + ": cost over time", note, plot);
    }

    /**
     * Per component, 0 to 100 %: the share of its workers busy (solid) and of its cores busy (CPU, dashed), each
     * component in a colour of its own — a CPU-bound tier shows its load in the second, an I/O-bound one in the first.
     */
    static JFreeChart utilisation(RunReport.Series s, String design, String profile, double warmupS) {
        TimeAxis unit = TimeAxis.forSpan(s.endS());
        XYSeriesCollection data = new XYSeriesCollection();
        List<Integer> owner = new java.util.ArrayList<>();
        double max = 1;
        List<String> comps = s.componentsWith(".utilisation");
        for (String c : s.componentsWith(".cpu")) {
            if (!comps.contains(c)) {
                comps.add(c);
            }
        }
        for (int k = 0; k < comps.size(); k++) {
            String c = comps.get(k);
            for (String[] m : new String[][] {{".utilisation", c + " workers"}, {".cpu", c + " cpu"}}) {
                if (!s.has(c + m[0])) {
                    continue;
                }
                double[] v = s.column(c + m[0]);
                double[] pct = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    pct[i] = v[i] * 100;
                    if (!Double.isNaN(v[i])) {
                        max = Math.max(max, v[i]);
                    }
                }
                data.addSeries(levels(s, unit, m[1], pct));
                owner.add(2 * k + (m[0].equals(".cpu") ? 1 : 0));
            }
        }
        XYLineAndShapeRenderer r = renderer(0, 0);
        for (int i = 0; i < owner.size(); i++) {
            int k = owner.get(i) / 2;
            // colour k of the palette; workers solid and cpu dashed, the next patterns past the palette's end
            r.setSeriesPaint(i, PALETTE[k % PALETTE.length]);
            r.setSeriesStroke(i, stroke((2 * (k / PALETTE.length) + owner.get(i) % 2) * PALETTE.length, 2.2f));
        }
        XYPlot plot = plot(data, unit, s.endS(), "busy workers (solid) and busy cores (dashed), % of each", r, warmupS);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, Math.max(100, max * 100) * 1.05);
        return ChartStyle.chart(design + " under " + profile + ": utilisation and CPU per component over time",
                "time-average share of each component's workers in use (solid) and of its cores computing (cpu, dashed) in each "
                        + window(s) + " window", plot);
    }

    /**
     * A cluster's nodes per pool (solid, one colour each) and its Pending pods (dashed) over time: when nodes were
     * added and removed, and how long pods waited for them.
     */
    static JFreeChart cluster(RunReport.Series s, Summary summary, String design, String profile, double warmupS) {
        TimeAxis unit = TimeAxis.forSpan(s.endS());
        XYSeriesCollection data = new XYSeriesCollection();
        for (String pool : summary.cluster().pools().keySet()) {
            if (s.has(pool + ".nodes")) {
                data.addSeries(levels(s, unit, pool + " nodes", s.column(pool + ".nodes")));
            }
        }
        int pools = data.getSeriesCount();
        if (s.has("pods_pending")) {
            data.addSeries(levels(s, unit, "pending pods", s.column("pods_pending")));
        }
        XYLineAndShapeRenderer r = renderer(data.getSeriesCount(), 0);
        if (data.getSeriesCount() > pools) {
            r.setSeriesStroke(pools, new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
        }
        XYPlot plot = plot(data, unit, s.endS(), "nodes (solid), pending pods (dashed)", r, warmupS);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return ChartStyle.chart(design + " under " + profile + ": nodes and pending pods over time",
                "mean nodes per pool (provisioning, ready or draining: what is billed) and mean pods waiting for a node, per "
                        + window(s) + " window", plot);
    }

    /**
     * Per service with a CPU limit, the periods its pods were throttled in each window (summed over its pods): when the
     * CFS quota stalled them.
     */
    static JFreeChart throttling(RunReport.Series s, Summary summary, String design, String profile, double warmupS) {
        TimeAxis unit = TimeAxis.forSpan(s.endS());
        XYSeriesCollection data = new XYSeriesCollection();
        for (String service : summary.cluster().throttling().keySet()) {
            if (s.has(service + ".throttled")) {
                data.addSeries(levels(s, unit, service, s.column(service + ".throttled")));
            }
        }
        XYPlot plot = plot(data, unit, s.endS(), "periods throttled", renderer(data.getSeriesCount(), 0), warmupS);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return ChartStyle.chart(design + " under " + profile + ": CPU limit throttling over time",
                "periods in which a pod's CFS quota ran out, summed over each service's pods, per " + window(s) + " window", plot);
    }

    /**
     * The latency distribution of the whole run, overall and per endpoint: the latency (y) below which
     * each percentile of the successful requests fall (x), the CDF turned on its side. The x axis
     * stretches the tail, as HdrHistogram's percentile plots do: equal steps from 0 % to 90 %, 99 %,
     * 99.9 %, where capacity problems show. The points are the summary's percentiles (p50, p90, p95,
     * p99, p99.9); the lines between them are drawn straight.
     */
    static JFreeChart latencyPercentiles(Summary summary, String design, String profile) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(percentiles("all requests", summary.overall().latencyMs()));
        if (summary.endpoints().size() > 1) {
            summary.endpoints().forEach((name, e) -> data.addSeries(percentiles(name, e.latencyMs())));
        }
        XYLineAndShapeRenderer r = renderer(data.getSeriesCount(), 0);
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesShapesVisible(i, true);
        }
        r.setSeriesStroke(0, new BasicStroke(3.2f));
        NumberAxis x = ChartStyle.axis("percentile of successful requests (tail stretched: 90 %, 99 %, 99.9 % equally spaced)");
        x.setRange(0, 3.1);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        x.setNumberFormatOverride(new java.text.NumberFormat() {
            @Override
            public StringBuffer format(double v, StringBuffer b, java.text.FieldPosition pos) {
                double pct = (1 - Math.pow(10, -v)) * 100;
                double rounded = Math.round(pct * 100) / 100.0;
                String text = rounded == Math.rint(rounded) ? String.format(Locale.ROOT, "%.0f", rounded)
                        : rounded * 10 == Math.rint(rounded * 10) ? String.format(Locale.ROOT, "%.1f", rounded)
                        : String.format(Locale.ROOT, "%.2f", rounded);
                return b.append(text).append(" %");
            }

            @Override
            public StringBuffer format(long v, StringBuffer b, java.text.FieldPosition pos) {
                return format((double) v, b, pos);
            }

            @Override
            public Number parse(String source, java.text.ParsePosition pos) {
                return null;
            }
        });
        XYPlot plot = ChartStyle.plot(data, x, ChartStyle.valueAxis("latency (ms)"), r);
        return ChartStyle.chart(design + " under " + profile + ": latency distribution",
                "the latency under which each share of successful requests finished, over the measured period (points: p50, p90, p95, p99, p99.9)",
                plot);
    }

    private static XYSeries percentiles(String name, Summary.Latency l) {
        XYSeries s = new XYSeries(name, false, true);
        double[][] points = {{0.5, l.p50()}, {0.9, l.p90()}, {0.95, l.p95()}, {0.99, l.p99()}, {0.999, l.p99_9()}};
        for (double[] p : points) {
            if (!Double.isNaN(p[1])) {
                s.add(-Math.log10(1 - p[0]), p[1]);
            }
        }
        return s;
    }

    private static String window(RunReport.Series s) {
        double w = s.typicalWindowS();
        return Double.isNaN(w) ? "" : TimeAxis.clock(w);
    }

    private static boolean anyPositive(double[] v) {
        for (double x : v) {
            if (x > 0) {
                return true;
            }
        }
        return false;
    }

    private static double[] perSecond(RunReport.Series s, String column) {
        double[] v = s.column(column);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double w = s.windowS(i);
            out[i] = w > 0 ? v[i] / w : Double.NaN;
        }
        return out;
    }

    /** Each window a level from its start to its end; a blank cell (NaN) breaks the line. */
    private static XYSeries levels(RunReport.Series s, TimeAxis unit, String name, double[] v) {
        XYSeries x = new XYSeries(name, false, true);
        for (int i = 0; i < s.rows(); i++) {
            double from = unit.of(s.startS(i));
            double to = unit.of(s.startS(i) + Math.max(s.windowS(i), 0));
            if (Double.isNaN(from) || Double.isNaN(to)) {
                continue;
            }
            if (Double.isNaN(v[i])) {
                x.add(from, null);
            } else {
                x.add(from, v[i]);
                x.add(to, v[i]);
            }
        }
        return x;
    }

    private static XYLineAndShapeRenderer renderer(int n, int colourOffset) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        // one path per series, not a line per segment: proper joins, and an SVG of one element per series
        // instead of thousands (the time charts' SVGs were 2.6-4.6 MB)
        r.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < n; i++) {
            Paint p = PALETTE[(i + colourOffset) % PALETTE.length];
            r.setSeriesPaint(i, p);
            r.setSeriesStroke(i, stroke(i + colourOffset, 2.2f));
        }
        return r;
    }

    /**
     * The line of look {@code i}: solid for the palette's first cycle, then one dash pattern per cycle, then the
     * patterns again a little wider, so that looks {@code i} and {@code i + PALETTE.length} differ and no two series
     * of a chart look the same, however many there are.
     */
    private static BasicStroke stroke(int i, float width) {
        int cycle = i / PALETTE.length;
        float[] dash = DASHES[cycle % DASHES.length];
        float w = width + 1.2f * (cycle / DASHES.length);
        return dash == null ? new BasicStroke(w) : new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f);
    }

    private static XYPlot plot(XYSeriesCollection data, TimeAxis unit, double endS, String yLabel, XYLineAndShapeRenderer r, double warmupS) {
        XYPlot plot = ChartStyle.plot(data, ChartStyle.timeAxis(unit, endS), ChartStyle.valueAxis(yLabel), r);
        ChartStyle.warmup(plot, unit, warmupS, "warm-up " + TimeAxis.clock(warmupS) + " (not measured)");
        return plot;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
