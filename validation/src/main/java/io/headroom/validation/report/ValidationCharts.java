package io.headroom.validation.report;

import io.headroom.report.ChartStyle;
import io.headroom.report.TimeAxis;
import io.headroom.validation.compare.Comparison;
import io.headroom.validation.compare.Measurement;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The validation report's two charts, in the look of the run reports ({@link ChartStyle}): the latency CDF
 * (measured, every successful request of the measured period, as a line; the simulator's percentiles as
 * points on it) and the per-window p50/p95/p99 over time (measured solid, simulated dashed, warm-up shaded).
 */
final class ValidationCharts {
    private static final Color[] COLORS = {new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e), new Color(0xd6, 0x27, 0x28)};
    private static final int MAX_POINTS = 2000;

    private ValidationCharts() {
    }

    static byte[] cdf(ValidationReport.Context ctx, Measurement m, Comparison c) throws IOException {
        ChartStyle.headless();
        double[] x = m.sortedOkMs();
        XYSeries measured = new XYSeries("measured (" + x.length + " requests)", false, true);
        int step = Math.max(1, x.length / MAX_POINTS);
        for (int i = 0; i < x.length; i += step) {
            measured.add(x[i], (i + 1.0) / x.length);
        }
        if (x.length > 0) {
            measured.add(x[x.length - 1], 1.0);
        }
        XYSeries simulated = new XYSeries("simulated p50, p90, p95, p99 (" + c.name() + ")", false, true);
        double[] q = {0.50, 0.90, 0.95, 0.99};
        for (int k = 0; k < q.length; k++) {
            simulated.add(c.rows().get(k).simulated(), q[k]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(measured);
        data.addSeries(simulated);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(0, COLORS[0]);
        r.setSeriesStroke(0, new BasicStroke(2.2f));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesPaint(1, COLORS[2]);
        r.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        NumberAxis xAxis = ChartStyle.valueAxis("response time (ms)");
        NumberAxis yAxis = ChartStyle.axis("fraction of requests at or below");
        yAxis.setRange(0, 1.02);
        XYPlot plot = ChartStyle.plot(data, xAxis, yAxis, r);
        JFreeChart chart = ChartStyle.chart("Latency CDF: measured and simulated",
                ctx.design() + " under " + ctx.profile() + ", after the " + (int) ctx.warmupS() + " s warm-up", plot);
        return ValidationReport.png(chart, 1100, 620);
    }

    static byte[] timeline(ValidationReport.Context ctx, Measurement m, Comparison c) throws IOException {
        ChartStyle.headless();
        List<Measurement.Window> mw = m.windows();
        double end = mw.isEmpty() ? ctx.endS() : mw.get(mw.size() - 1).tS() + mw.get(mw.size() - 1).widthS();
        TimeAxis unit = TimeAxis.forSpan(end);
        XYSeriesCollection data = new XYSeriesCollection();
        String[] names = {"p50", "p95", "p99"};
        for (int k = 0; k < 3; k++) {
            XYSeries meas = new XYSeries(names[k] + " measured", false, true);
            XYSeries sim = new XYSeries(names[k] + " simulated", false, true);
            for (int w = 0; w < mw.size(); w++) {
                Measurement.Window x = mw.get(w);
                double mid = unit.of(x.tS() + x.widthS() / 2);
                if (Double.isFinite(x.percentiles()[k])) {
                    meas.add(mid, x.percentiles()[k]);
                }
                if (w < c.simulated().windows().size()) {
                    double v = c.simulated().windows().get(w)[3 + k];
                    if (Double.isFinite(v)) {
                        sim.add(mid, v + c.overheadMs());
                    }
                }
            }
            data.addSeries(meas);
            data.addSeries(sim);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true); // dots too: a single window still shows
        for (int k = 0; k < 6; k++) {
            r.setSeriesShape(k, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        for (int k = 0; k < 3; k++) {
            r.setSeriesPaint(2 * k, COLORS[k]);
            r.setSeriesStroke(2 * k, new BasicStroke(2.2f));
            r.setSeriesPaint(2 * k + 1, COLORS[k]);
            r.setSeriesStroke(2 * k + 1, new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
        }
        XYPlot plot = ChartStyle.plot(data, ChartStyle.timeAxis(unit, end), ChartStyle.valueAxis("response time (ms)"), r);
        ChartStyle.warmup(plot, unit, ctx.warmupS(), "warm-up");
        JFreeChart chart = ChartStyle.chart("Percentiles per window: measured (solid) and simulated (dashed)",
                c.name() + ", windows of " + (mw.isEmpty() ? "?" : String.valueOf((int) mw.get(0).widthS())) + " s by completion time",
                plot);
        return ValidationReport.png(chart, 1100, 620);
    }

    /** The instance count of each autoscaled service per second: testbed solid (steps), simulated dashed. */
    static byte[] instances(ValidationReport.Context ctx, List<io.headroom.validation.compare.ScalingComparison> scaling)
            throws IOException {
        ChartStyle.headless();
        double end = ctx.endS();
        TimeAxis unit = TimeAxis.forSpan(end);
        XYSeriesCollection data = new XYSeriesCollection();
        for (var c : scaling) {
            XYSeries meas = new XYSeries(c.service() + " testbed", false, true);
            XYSeries sim = new XYSeries(c.service() + " simulated", false, true);
            for (int t = 0; t < c.tS().length; t++) {
                if (Double.isFinite(c.measured()[t])) {
                    meas.add(unit.of(c.tS()[t]), c.measured()[t]);
                }
                if (Double.isFinite(c.simulated()[t])) {
                    sim.add(unit.of(c.tS()[t] + 0.5), c.simulated()[t]); // a window's average, at its middle
                }
            }
            data.addSeries(meas);
            data.addSeries(sim);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < scaling.size(); k++) {
            Color color = COLORS[k % COLORS.length];
            r.setSeriesPaint(2 * k, color);
            r.setSeriesStroke(2 * k, new BasicStroke(2.2f));
            r.setSeriesPaint(2 * k + 1, color);
            r.setSeriesStroke(2 * k + 1, new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
        }
        XYPlot plot = ChartStyle.plot(data, ChartStyle.timeAxis(unit, end), ChartStyle.valueAxis("instances"), r);
        ChartStyle.warmup(plot, unit, ctx.warmupS(), "warm-up");
        JFreeChart chart = ChartStyle.chart("Instances over time: testbed (solid) and simulated (dashed)",
                ctx.design() + " under " + ctx.profile() + "; simulated: replay-calibrated, mean of the replications per second", plot);
        return ValidationReport.png(chart, 1100, 620);
    }
}
