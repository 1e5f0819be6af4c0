package io.headroom.report;

import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A sweep's one chart: every point at its cost (x) and latency (y), those that meet the SLOs apart from
 * those that miss them, the Pareto frontier joined by a line, the latency SLO as a horizontal line, and
 * the cheapest point that meets the SLOs ringed and named in the legend. Points carry their number, which the report's table lists.
 */
final class SweepChart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 700;
    private static final Color MET = new Color(0x00, 0x9e, 0x73);
    private static final Color MISSED = new Color(0xd5, 0x5e, 0x00);
    private static final Color FRONTIER = new Color(0x00, 0x72, 0xb2);

    static {
        ChartStyle.headless();
    }

    private SweepChart() {
    }

    static JFreeChart costAgainstLatency(SweepResults.Meta meta, List<SweepPoint> rows, SweepReport.Axes a) {
        // the frontier as a staircase: from each design on it, no better latency is had until the next one's cost
        XYSeries frontier = new XYSeries("Pareto frontier (no point is better on both)", false, true);
        List<Integer> f = a.frontier();
        for (int k = 0; k < f.size(); k++) {
            int i = f.get(k);
            if (k > 0) {
                frontier.add(a.xs()[i], a.ys()[f.get(k - 1)]);
            }
            frontier.add(a.xs()[i], a.ys()[i]);
        }
        XYSeries met = new XYSeries("meets the SLOs", false, true);
        XYSeries missed = new XYSeries("misses an SLO (or unstable)", false, true);
        XYSeries metDominated = new XYSeries("meets the SLOs, dominated", false, true);
        XYSeries missedDominated = new XYSeries("misses an SLO, dominated", false, true);
        for (int i = 0; i < rows.size(); i++) {
            if (Double.isNaN(a.xs()[i]) || Double.isNaN(a.ys()[i])) {
                continue;
            }
            boolean ok = rows.get(i).figures().acceptable();
            boolean onFrontier = f.contains(i);
            (ok ? (onFrontier ? met : metDominated) : (onFrontier ? missed : missedDominated)).add(a.xs()[i], a.ys()[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(frontier);
        data.addSeries(met);
        data.addSeries(missed);
        if (a.cheapest() >= 0) {
            XYSeries cheapest = new XYSeries("cheapest within the SLOs: #" + rows.get(a.cheapest()).point() + " "
                    + rows.get(a.cheapest()).name(), false, true);
            cheapest.add(a.xs()[a.cheapest()], a.ys()[a.cheapest()]);
            data.addSeries(cheapest);
        }
        int dominatedMet = data.getSeriesCount();
        data.addSeries(metDominated);
        data.addSeries(missedDominated);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(0, FRONTIER);
        r.setSeriesStroke(0, new BasicStroke(2.4f));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShape(1, new Ellipse2D.Double(-7, -7, 14, 14));
        r.setSeriesPaint(1, MET);
        r.setSeriesLinesVisible(2, false);
        r.setSeriesShape(2, new Rectangle2D.Double(-6, -6, 12, 12));
        r.setSeriesPaint(2, MISSED);
        r.setSeriesLinesVisible(3, false);
        r.setSeriesShape(3, new Ellipse2D.Double(-12, -12, 24, 24));
        r.setSeriesShapesFilled(3, false);
        r.setSeriesPaint(3, MET.darker());
        r.setSeriesStroke(3, new BasicStroke(3f));
        r.setUseOutlinePaint(false);
        r.setDrawOutlines(true);
        // dominated designs drawn pale, so that the frontier's own stand out even where they nearly touch
        for (int k = 0; k < 2; k++) {
            int series = dominatedMet + k;
            r.setSeriesLinesVisible(series, false);
            r.setSeriesShape(series, k == 0 ? new Ellipse2D.Double(-7, -7, 14, 14) : new Rectangle2D.Double(-6, -6, 12, 12));
            Color c = k == 0 ? MET : MISSED;
            r.setSeriesPaint(series, new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            r.setSeriesVisibleInLegend(series, false);
        }

        String yName = a.y().replace("_ms", "");
        NumberAxis x = ChartStyle.axis(a.xLabel());
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.08);
        x.setUpperMargin(0.08);
        NumberAxis y = ChartStyle.valueAxis(yName + " latency (ms)");
        XYPlot plot = ChartStyle.plot(data, x, y, r);
        if (a.ySlo() != null) {
            ValueMarker slo = new ValueMarker(a.ySlo().threshold(), MISSED, new BasicStroke(1.8f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
            slo.setLabel("SLO " + a.ySlo().expression());
            slo.setLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 15));
            slo.setLabelPaint(MISSED.darker());
            slo.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            slo.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            slo.setLabelOffset(new RectangleInsets(4, 4, 4, 8));
            slo.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            plot.addRangeMarker(slo, Layer.FOREGROUND);
            // keep the SLO line in view even when every point is far below it
            double top = 0;
            for (double v : a.ys()) {
                top = Double.isNaN(v) ? top : Math.max(top, v);
            }
            if (a.ySlo().threshold() > top) {
                y.setAutoRange(false);
                y.setRange(0, a.ySlo().threshold() * 1.12);
            }
        }
        labels(plot, rows, a);
        String subtitle = rows.size() + " points; " + (a.x().equals("cost_total_usd") ? "cost in USD over the run"
                : "no prices in the results: instance-hours stand in for cost") + "; lower and further left is better; pale: dominated";
        return ChartStyle.chart(String.format(Locale.ROOT, "Cost against %s latency: %s", yName, meta.study()),
                subtitle, plot);
    }

    /**
     * Each point's number beside it (points that would print over one another share one label, "#9, #10"),
     * on the side with room. Offsets are fractions
     * of the axes' spans, so they look the same whatever the units.
     */
    private static void labels(XYPlot plot, List<SweepPoint> rows, SweepReport.Axes a) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!Double.isNaN(a.xs()[i]) && !Double.isNaN(a.ys()[i])) {
                minX = Math.min(minX, a.xs()[i]);
                maxX = Math.max(maxX, a.xs()[i]);
                maxY = Math.max(maxY, a.ys()[i]);
            }
        }
        if (a.ySlo() != null) {
            maxY = Math.max(maxY, a.ySlo().threshold());
        }
        double spanX = maxX > minX ? maxX - minX : Math.max(Math.abs(maxX), 1);
        double spanY = maxY > 0 ? maxY : 1;
        Font font = new Font(ChartStyle.FONT, Font.PLAIN, 13);
        if (rows.size() <= 60) {
            boolean[] done = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                if (done[i] || Double.isNaN(a.xs()[i]) || Double.isNaN(a.ys()[i])) {
                    continue;
                }
                StringBuilder text = new StringBuilder("#" + rows.get(i).point());
                for (int j = i + 1; j < rows.size(); j++) {
                    if (!done[j] && Math.abs(a.xs()[j] - a.xs()[i]) < 0.04 * spanX && Math.abs(a.ys()[j] - a.ys()[i]) < 0.025 * spanY) {
                        done[j] = true;
                        text.append(", #").append(rows.get(j).point());
                    }
                }
                boolean nearRightEdge = a.xs()[i] > minX + 0.8 * spanX;
                XYTextAnnotation t = new XYTextAnnotation(text.toString(), a.xs()[i] + (nearRightEdge ? -0.012 : 0.012) * spanX,
                        a.ys()[i] + 0.012 * spanY);
                t.setFont(font);
                t.setPaint(Color.DARK_GRAY);
                t.setTextAnchor(nearRightEdge ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
                plot.getRenderer().addAnnotation(t);
            }
        }
    }
}
