package io.headroom.report;

import io.headroom.advice.Advisor;
import io.headroom.design.Slo;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One service's advice as a chart: every option simulated at its cost a month (x) against its p99 (y), those that
 * meet the SLOs apart from those that miss them, the service as written and the cheapest option that meets the SLOs
 * named, and a whole-run p99 SLO as a dashed line. The p99 axis is logarithmic when its largest value is more than
 * ten times its smallest (a missed option can be seconds where the rest are milliseconds).
 */
final class AdviceChart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 650;
    private static final Color MET = new Color(0x00, 0x9e, 0x73);
    private static final Color MISSED = new Color(0xd5, 0x5e, 0x00);
    private static final Color NOW = new Color(0x00, 0x72, 0xb2);

    static {
        ChartStyle.headless();
    }

    private AdviceChart() {
    }

    static JFreeChart of(Advisor.Advice a, Advisor.Finding f) {
        XYSeries met = new XYSeries("meets the SLOs", false, true);
        XYSeries missed = new XYSeries("misses the SLOs", false, true);
        XYSeries now = new XYSeries("as written: " + label(f.current()), false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Advisor.Evaluated e : f.tried()) {
            (e.meets() ? met : missed).add(e.monthlyUsd(), e.p99Ms());
            lo = Math.min(lo, e.p99Ms());
            hi = Math.max(hi, e.p99Ms());
        }
        now.add(f.current().monthlyUsd(), f.current().p99Ms());
        lo = Math.min(lo, f.current().p99Ms());
        hi = Math.max(hi, f.current().p99Ms());
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(met);
        data.addSeries(missed);
        data.addSeries(now);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, MET);
        r.setSeriesPaint(1, MISSED);
        r.setSeriesPaint(2, NOW);
        r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesShape(2, new Ellipse2D.Double(-9, -9, 18, 18));
        r.setSeriesShapesFilled(2, false);
        r.setSeriesStroke(2, new BasicStroke(2.5f));
        NumberAxis x = ChartStyle.axis("cost (USD a month, 730 h)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y;
        boolean log = lo > 0 && hi / lo > 10;
        if (log) {
            y = new LogValueAxis("p99 (ms, logarithmic)", lo / 1.3, hi * 1.3, Double.NaN);
        } else {
            y = ChartStyle.valueAxis("p99 (ms)");
        }
        XYPlot plot = ChartStyle.plot(data, x, y, r);
        for (Slo slo : a.slos().stream().map(AdviceChart::parse).filter(s -> s != null).toList()) {
            if (slo.endpoint() == null && slo.metric() == Slo.Metric.P99 && slo.windowNs() == 0) {
                ValueMarker m = new ValueMarker(slo.threshold(), Color.GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 1, new float[] {8, 6}, 0));
                m.setLabel("SLO " + slo.expression());
                m.setLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 14));
                m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
                plot.addRangeMarker(m);
            }
        }
        Advisor.Evaluated best = f.best();
        if (best != null) {
            XYTextAnnotation t = new XYTextAnnotation("  cheapest meeting the SLOs: " + label(best), best.monthlyUsd(), best.p99Ms());
            t.setFont(new Font(ChartStyle.FONT, Font.BOLD, 14));
            t.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(t);
        }
        JFreeChart chart = new JFreeChart(null, new Font(ChartStyle.FONT, Font.BOLD, 20), plot, true);
        chart.setTitle(new TextTitle(f.component() + ": " + f.finding() + " — every option simulated", new Font(ChartStyle.FONT, Font.BOLD, 20)));
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%s under %s, %d replications per option (common random numbers)",
                a.design(), a.profile(), a.replications()), new Font(ChartStyle.FONT, Font.PLAIN, 15)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static Slo parse(String label) {
        try {
            return Slo.parse(label);
        } catch (IllegalArgumentException e) {
            return null; // an error budget's label: no line
        }
    }

    private static String label(Advisor.Evaluated e) {
        return (e.count() == null ? "autoscaled " : e.count() + " × ") + e.type() + (e.target() == null ? "" : " at target " + e.target())
                + (e.min() == null ? "" : ", min " + e.min());
    }
}
