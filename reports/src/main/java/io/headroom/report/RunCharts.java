package io.headroom.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a run's report, drawn from {@code timeseries.csv}: load against instances, latency
 * percentiles and utilisation per component, each window a level from its start to its end, a
 * blank cell a gap. Same look as {@link LoadPreviewChart}; rendered headless.
 */
final class RunCharts {
    static final int WIDTH = 1200;
    static final int HEIGHT = 600;

    private static final String FONT = "SansSerif";
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    /** Colour-blind-safe palette (Okabe-Ito, then Tableau's). */
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xb2), new Color(0xd5, 0x5e, 0x00), new Color(0x00, 0x9e, 0x73), new Color(0xcc, 0x79, 0xa7),
        new Color(0xe6, 0x9f, 0x00), new Color(0x56, 0xb4, 0xe9), new Color(0x7f, 0x7f, 0x7f), new Color(0x8c, 0x56, 0x4b),
        new Color(0x17, 0xbe, 0xcf), new Color(0xbc, 0xbd, 0x22)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
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
            NumberAxis right = axis("instances (time-average per window)");
            right.setAutoRangeIncludesZero(true);
            right.setUpperMargin(0.15);
            right.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            plot.setRangeAxis(1, right);
            plot.setDataset(1, inst);
            plot.mapDatasetToRangeAxis(1, 1);
            XYLineAndShapeRenderer ir = renderer(comps.size(), rates.getSeriesCount());
            for (int i = 0; i < comps.size(); i++) {
                ir.setSeriesStroke(i, new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 5f}, 0f));
            }
            plot.setRenderer(1, ir);
        }
        return chart(design + " under " + profile + ": load and instances over time",
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
        return chart(design + " under " + profile + ": latency percentiles over time",
                "percentiles of the requests completing in each " + window(s) + " window; gaps: windows without completions", plot);
    }

    /** Utilisation per component, 0 to 100 %. */
    static JFreeChart utilisation(RunReport.Series s, String design, String profile, double warmupS) {
        TimeAxis unit = TimeAxis.forSpan(s.endS());
        XYSeriesCollection data = new XYSeriesCollection();
        double max = 1;
        for (String c : s.componentsWith(".utilisation")) {
            double[] v = s.column(c + ".utilisation");
            double[] pct = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                pct[i] = v[i] * 100;
                if (!Double.isNaN(v[i])) {
                    max = Math.max(max, v[i]);
                }
            }
            data.addSeries(levels(s, unit, c, pct));
        }
        XYPlot plot = plot(data, unit, s.endS(), "utilisation (% of concurrency slots busy)", renderer(data.getSeriesCount(), 0), warmupS);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, Math.max(100, max * 100) * 1.05);
        return chart(design + " under " + profile + ": utilisation per component over time",
                "time-average share of each component's slots in use in each " + window(s) + " window", plot);
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
        for (int i = 0; i < n; i++) {
            Paint p = PALETTE[(i + colourOffset) % PALETTE.length];
            r.setSeriesPaint(i, p);
            r.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        return r;
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setLabelFont(new Font(FONT, Font.PLAIN, 17));
        a.setTickLabelFont(new Font(FONT, Font.PLAIN, 15));
        return a;
    }

    private static XYPlot plot(XYSeriesCollection data, TimeAxis unit, double endS, String yLabel, XYLineAndShapeRenderer r, double warmupS) {
        NumberAxis x = axis("time since the start (" + unit.unit() + ")");
        x.setLowerMargin(0);
        x.setUpperMargin(0);
        x.setRange(0, Math.max(unit.of(endS), 1e-9));
        NumberAxis y = axis(yLabel);
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.08);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        if (warmupS > 0) {
            IntervalMarker warmup = new IntervalMarker(0, unit.of(warmupS), new Color(0, 0, 0, 22));
            warmup.setLabel("warm-up " + TimeAxis.clock(warmupS) + " (not measured)");
            warmup.setLabelFont(new Font(FONT, Font.ITALIC, 14));
            warmup.setLabelPaint(Color.DARK_GRAY);
            warmup.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            warmup.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            warmup.setLabelOffset(new RectangleInsets(8, 10, 8, 10));
            warmup.setLabelBackgroundColor(new Color(0, 0, 0, 0));
            plot.addDomainMarker(warmup, Layer.BACKGROUND);
        }
        return plot;
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, new Font(FONT, Font.BOLD, 22), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 12, 8, 24));
        TextTitle sub = new TextTitle(subtitle, new Font(FONT, Font.PLAIN, 15));
        sub.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(sub);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(new Font(FONT, Font.PLAIN, 15));
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        return chart;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
