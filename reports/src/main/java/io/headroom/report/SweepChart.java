package io.headroom.report;

import io.headroom.result.Figures;
import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
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
 * A sweep's charts: every point (a design) at its cost over the run (x) against one figure (y), those
 * that meet the SLOs apart from those that miss them, the cheapest point that meets them ringed and
 * named in the legend, each point carrying the number the report's table lists. The first chart is
 * latency, with the Pareto frontier joined as a staircase and the latency SLO as a dashed line; the
 * others ({@link SweepPanel}) the errors and each SLO's own value against its bound.
 *
 * <p>When every run's cost is the same multiple of its cost per hour (the runs measured equally long),
 * a top axis reads the same positions as USD per month: cost per hour × {@value Figures#HOURS_PER_MONTH}.
 * The value axis turns logarithmic when its largest value is more than {@value #LOG_RATIO} times its
 * smallest (all positive): one far point would otherwise squash the rest into the bottom tenth. The
 * subtitle says both.
 */
final class SweepChart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 700;
    /** The value axis is logarithmic when the largest value is more than this many times the smallest. */
    static final double LOG_RATIO = 10;
    private static final Color MET = new Color(0x00, 0x9e, 0x73);
    private static final Color MISSED = new Color(0xd5, 0x5e, 0x00);
    private static final Color FRONTIER = new Color(0x00, 0x72, 0xb2);
    private static final double X_MARGIN = 0.08;

    static {
        ChartStyle.headless();
    }

    private SweepChart() {
    }

    static JFreeChart costAgainstLatency(SweepResults.Meta meta, List<SweepPoint> rows, SweepReport.Axes a) {
        String yName = a.y().replace("_ms", "");
        double bound = a.ySlo() == null ? Double.NaN : a.ySlo().threshold();
        Scale y = Scale.of(yName + " latency (ms)", a.ys(), bound, false);
        double[] ys = y.plotted(a.ys());
        // the frontier as a staircase: from each design on it, no better latency is had until the next one's cost
        XYSeries frontier = new XYSeries("Pareto frontier (no point is better on both)", false, true);
        List<Integer> f = a.frontier();
        for (int k = 0; k < f.size(); k++) {
            int i = f.get(k);
            if (k > 0) {
                frontier.add(a.xs()[i], ys[f.get(k - 1)]);
            }
            frontier.add(a.xs()[i], ys[i]);
        }
        XYSeries met = new XYSeries("meets the SLOs", false, true);
        XYSeries missed = new XYSeries("misses an SLO (or unstable)", false, true);
        XYSeries metDominated = new XYSeries("meets the SLOs, dominated", false, true);
        XYSeries missedDominated = new XYSeries("misses an SLO, dominated", false, true);
        for (int i = 0; i < rows.size(); i++) {
            if (Double.isNaN(a.xs()[i]) || Double.isNaN(ys[i])) {
                continue;
            }
            boolean ok = rows.get(i).figures().acceptable();
            boolean onFrontier = f.contains(i);
            (ok ? (onFrontier ? met : metDominated) : (onFrontier ? missed : missedDominated)).add(a.xs()[i], ys[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(frontier);
        data.addSeries(met);
        data.addSeries(missed);
        cheapest(data, rows, a, ys);
        int dominatedMet = data.getSeriesCount();
        data.addSeries(metDominated);
        data.addSeries(missedDominated);
        XYLineAndShapeRenderer r = points();
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
        ring(r, 3);
        // dominated designs drawn pale, so that the frontier's own stand out even where they nearly touch
        for (int k = 0; k < 2; k++) {
            int series = dominatedMet + k;
            r.setSeriesLinesVisible(series, false);
            r.setSeriesShape(series, k == 0 ? new Ellipse2D.Double(-7, -7, 14, 14) : new Rectangle2D.Double(-6, -6, 12, 12));
            Color c = k == 0 ? MET : MISSED;
            r.setSeriesPaint(series, new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            r.setSeriesVisibleInLegend(series, false);
        }

        XYPlot plot = ChartStyle.plot(data, xAxis(a), y.axis, r);
        if (a.ySlo() != null) {
            bound(plot, bound, "SLO " + a.ySlo().expression(), false);
        }
        labels(plot, rows, a.xs(), ys, y.log);
        String subtitle = rows.size() + " points" + costNote(plot, rows, a) + "; lower and further left is better; pale: dominated"
                + y.note();
        return ChartStyle.chart(String.format(Locale.ROOT, "Cost against %s latency: %s", yName, meta.study()), subtitle, plot);
    }

    /** A figure of every point against its cost, with the bound its SLO holds it to. */
    static JFreeChart panel(SweepResults.Meta meta, List<SweepPoint> rows, SweepReport.Axes a, SweepPanel p) {
        Scale y = Scale.of(p.yLabel(), p.values(), p.bound(), p.higherIsBetter());
        double[] ys = y.plotted(p.values());
        boolean bySlo = p.slo() != null;
        XYSeries met = new XYSeries(bySlo ? "meets " + p.slo() : "meets the SLOs", false, true);
        XYSeries missed = new XYSeries(bySlo ? "misses it" : "misses an SLO (or unstable)", false, true);
        for (int i = 0; i < rows.size(); i++) {
            if (!Double.isNaN(a.xs()[i]) && !Double.isNaN(ys[i])) {
                (p.meets()[i] ? met : missed).add(a.xs()[i], ys[i]);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(met);
        data.addSeries(missed);
        cheapest(data, rows, a, ys);
        XYLineAndShapeRenderer r = points();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShape(0, new Ellipse2D.Double(-7, -7, 14, 14));
        r.setSeriesPaint(0, MET);
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShape(1, new Rectangle2D.Double(-6, -6, 12, 12));
        r.setSeriesPaint(1, MISSED);
        ring(r, 2);
        XYPlot plot = ChartStyle.plot(data, xAxis(a), y.axis, r);
        if (!Double.isNaN(p.bound())) {
            String target = new BigDecimal(p.bound()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            bound(plot, p.bound(), p.higherIsBetter() ? "target " + target + " %" : "SLO " + p.slo(), p.higherIsBetter());
        }
        labels(plot, rows, a.xs(), ys, y.log);
        String subtitle = rows.size() + " points" + costNote(plot, rows, a) + "; " + (p.higherIsBetter() ? "higher" : "lower")
                + " and further left is better" + y.note();
        return ChartStyle.chart(p.heading() + ": " + meta.study(), subtitle, plot);
    }

    private static XYLineAndShapeRenderer points() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setUseOutlinePaint(false);
        r.setDrawOutlines(true);
        return r;
    }

    /** The cheapest point within the SLOs, as a series of its own (a ring), when there is one with a value. */
    private static void cheapest(XYSeriesCollection data, List<SweepPoint> rows, SweepReport.Axes a, double[] ys) {
        XYSeries cheapest = new XYSeries(a.cheapest() < 0 ? "none meets the SLOs" : "cheapest within the SLOs: #"
                + rows.get(a.cheapest()).point() + " " + PointNames.label(rows.get(a.cheapest())), false, true);
        if (a.cheapest() >= 0 && !Double.isNaN(ys[a.cheapest()])) {
            cheapest.add(a.xs()[a.cheapest()], ys[a.cheapest()]);
            data.addSeries(cheapest);
        }
    }

    private static void ring(XYLineAndShapeRenderer r, int series) {
        r.setSeriesLinesVisible(series, false);
        r.setSeriesShape(series, new Ellipse2D.Double(-12, -12, 24, 24));
        r.setSeriesShapesFilled(series, false);
        r.setSeriesPaint(series, MET.darker());
        r.setSeriesStroke(series, new BasicStroke(3f));
    }

    /** The SLO's bound as a dashed horizontal line, labelled above it (below, for a target near the top of 100 %). */
    private static void bound(XYPlot plot, double value, String label, boolean below) {
        ValueMarker m = new ValueMarker(value, MISSED, new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 15));
        m.setLabelPaint(MISSED.darker());
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(below ? TextAnchor.TOP_LEFT : TextAnchor.BOTTOM_LEFT);
        m.setLabelOffset(new RectangleInsets(4, 4, 4, 8));
        m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        plot.addRangeMarker(m, Layer.FOREGROUND);
    }

    /** The cost axis, its range fixed (so that the month axis on top can follow it). */
    private static NumberAxis xAxis(SweepReport.Axes a) {
        NumberAxis x = ChartStyle.axis(a.xLabel());
        double[] range = range(a.xs());
        x.setAutoRange(false);
        x.setRange(range[0], range[1]);
        return x;
    }

    /** The x range: the points' with a margin either side, or around the one value there is. */
    private static double[] range(double[] xs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            if (!Double.isNaN(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        double span = hi > lo ? hi - lo : Math.max(Math.abs(hi) * 0.2, 1e-6);
        return new double[] {lo - X_MARGIN * span, hi + X_MARGIN * span};
    }

    /**
     * The USD per month of a run's USD, when it is one number for every point (within 0.1 %: the
     * figures are rounded), else NaN; NaN too without prices.
     */
    static double monthPerRun(List<SweepPoint> rows, SweepReport.Axes a) {
        if (!a.x().equals("cost_total_usd") || rows.isEmpty()) {
            return Double.NaN;
        }
        double factor = Double.NaN;
        for (SweepPoint r : rows) {
            double total = r.figures().metric("cost_total_usd");
            double f = r.figures().costPerMonthUsd() / total;
            if (!(total > 0) || Double.isNaN(f)) {
                return Double.NaN;
            }
            if (Double.isNaN(factor)) {
                factor = f;
            } else if (Math.abs(f - factor) > 1e-3 * factor) {
                return Double.NaN;
            }
        }
        return factor;
    }

    /** Adds the month axis on top when the runs' costs allow it; what the subtitle says of cost when the axes do not. */
    private static String costNote(XYPlot plot, List<SweepPoint> rows, SweepReport.Axes a) {
        if (!a.x().equals("cost_total_usd")) {
            return "; no prices in the results: instance-hours stand in for cost";
        }
        double factor = monthPerRun(rows, a);
        if (Double.isNaN(factor)) {
            return "; cost per month in the table only (the runs measured different lengths)";
        }
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        NumberAxis month = ChartStyle.axis("USD per month (cost per hour × " + Figures.HOURS_PER_MONTH + " h)");
        month.setAutoRange(false);
        month.setRange(x.getLowerBound() * factor, x.getUpperBound() * factor);
        plot.setDomainAxis(1, month);
        plot.setDomainAxisLocation(1, AxisLocation.TOP_OR_LEFT);
        return "";
    }

    /**
     * Each point's number beside it (points that would print over one another share one label, "#9, #10"),
     * on the side with room. Offsets are fractions of the axes' spans (of the logarithms' on a log axis),
     * so they look the same whatever the units.
     */
    private static void labels(XYPlot plot, List<SweepPoint> rows, double[] xs, double[] values, boolean log) {
        double[] ys = new double[values.length];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = log ? Math.log10(values[i]) : values[i];
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = log ? Double.POSITIVE_INFINITY : 0;
        double maxY = log ? Double.NEGATIVE_INFINITY : 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!Double.isNaN(xs[i]) && !Double.isNaN(ys[i])) {
                minX = Math.min(minX, xs[i]);
                maxX = Math.max(maxX, xs[i]);
                minY = Math.min(minY, ys[i]);
                maxY = Math.max(maxY, ys[i]);
            }
        }
        double spanX = maxX > minX ? maxX - minX : Math.max(Math.abs(maxX), 1);
        double spanY = maxY > minY ? maxY - minY : Math.max(Math.abs(maxY), 1);
        Font font = new Font(ChartStyle.FONT, Font.PLAIN, 13);
        if (rows.size() > 60) {
            return;
        }
        boolean[] done = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            if (done[i] || Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                continue;
            }
            StringBuilder text = new StringBuilder("#" + rows.get(i).point());
            for (int j = i + 1; j < rows.size(); j++) {
                if (!done[j] && Math.abs(xs[j] - xs[i]) < 0.04 * spanX && Math.abs(ys[j] - ys[i]) < 0.025 * spanY) {
                    done[j] = true;
                    text.append(", #").append(rows.get(j).point());
                }
            }
            boolean nearRightEdge = xs[i] > minX + 0.8 * spanX;
            double y = ys[i] + 0.012 * spanY;
            XYTextAnnotation t = new XYTextAnnotation(text.toString(), xs[i] + (nearRightEdge ? -0.012 : 0.012) * spanX,
                    log ? Math.pow(10, y) : y);
            t.setFont(font);
            t.setPaint(Color.DARK_GRAY);
            t.setTextAnchor(nearRightEdge ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
            plot.getRenderer().addAnnotation(t);
        }
    }

    /**
     * The value axis: for figures where lower is better, linear from zero, or logarithmic when the
     * positive values span more than {@link #LOG_RATIO} (a value of 0, no errors at all, is then drawn at
     * {@code zeroAt}, on the axis's floor); for good events, linear about the values and the target.
     */
    private record Scale(NumberAxis axis, boolean log, double ratio, double zeroAt) {
        static Scale of(String label, double[] values, double bound, boolean higherIsBetter) {
            double min = Double.NaN;
            double max = Double.NaN;
            double minPositive = Double.NaN;
            boolean zeros = false;
            for (double v : values) {
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
                if (v > 0) {
                    minPositive = Double.isNaN(minPositive) ? v : Math.min(minPositive, v);
                }
                zeros |= v == 0;
            }
            if (!higherIsBetter && min >= 0 && max > LOG_RATIO * minPositive) {
                double lo = Double.isNaN(bound) || !(bound > 0) ? minPositive : Math.min(minPositive, bound);
                double hi = Double.isNaN(bound) ? max : Math.max(max, bound);
                // room above the top point for its label, and below the lowest for the zeros' floor
                double floor = lo / (zeros ? 4 : 1.4);
                double zeroAt = zeros ? floor * 1.2 : Double.NaN;
                LogValueAxis y = new LogValueAxis(label + ", log scale", floor, hi * 1.6, zeroAt);
                return new Scale(y, true, max / minPositive, zeroAt);
            }
            NumberAxis y = ChartStyle.axis(label);
            y.setAutoRange(false);
            if (!higherIsBetter) {
                // from zero, a little below it so that points at 0 are drawn whole; the bound in view even above every point
                double top = Double.isNaN(max) || !(max > 0) ? 1 : max * 1.08;
                if (!Double.isNaN(bound) && bound * 1.12 > top) {
                    top = bound * 1.12;
                }
                y.setRange(-0.025 * top, top);
            } else {
                double lo = Double.isNaN(bound) || Double.isNaN(min) ? min : Math.min(min, bound);
                double hi = Double.isNaN(bound) || Double.isNaN(max) ? max : Math.max(max, bound);
                if (Double.isNaN(lo)) {
                    lo = Double.isNaN(bound) ? 0 : bound;
                    hi = Double.isNaN(bound) ? 1 : bound;
                }
                double pad = hi > lo ? 0.1 * (hi - lo) : Math.max(Math.abs(hi) * 0.001, 1e-3);
                // good events are at most 100 %: room for a point there, no more
                y.setRange(lo - pad, higherIsBetter && hi <= 100 ? Math.min(hi + pad, 100 + 0.25 * pad) : hi + pad);
            }
            return new Scale(y, false, Double.NaN, Double.NaN);
        }

        /** The values where they are drawn: as they are, but 0 on a log axis's floor. */
        double[] plotted(double[] values) {
            double[] out = values.clone();
            if (log) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = out[i] == 0 ? zeroAt : out[i];
                }
            }
            return out;
        }

        /** What the subtitle says of a log scale; empty for a linear one. */
        String note() {
            if (!log) {
                return "";
            }
            return String.format(Locale.ROOT, "; log scale: the largest value is %,.0f× the smallest%s (over %.0f×)", ratio,
                    Double.isNaN(zeroAt) ? "" : " above 0, and 0 is on the floor", LOG_RATIO);
        }
    }
}
