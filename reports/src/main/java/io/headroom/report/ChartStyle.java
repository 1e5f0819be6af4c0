package io.headroom.report;

import io.headroom.yaml.SafeText;
import java.awt.Color;
import java.awt.Font;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYDataset;

/**
 * The one look of headroom's charts ({@link RunCharts} of a run's report, {@link LoadPreviewChart} of a
 * load preview): fonts, white background and light grid, time since the start on the x axis in the unit
 * that suits the span, a value axis from zero, the warm-up (left out of the numbers) shaded and labelled,
 * title and subtitle above and the legend below. Rendered headless. Public for the validation report's charts.
 */
public final class ChartStyle {
    public static final String FONT = "SansSerif";
    public static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    /** The longest title drawn whole, in characters; a longer one ends in an ellipsis. */
    public static final int MAX_TITLE = 160;
    /** The longest subtitle drawn whole, in characters. */
    public static final int MAX_SUBTITLE = 600;
    /** The longest legend entry or band label drawn whole, in characters. */
    public static final int MAX_LEGEND = 100;

    private ChartStyle() {
    }

    /**
     * Renders without a display (a CI machine, a container) unless the caller decided otherwise, and encodes
     * images in memory: ImageIO's disk cache would put files in the system's temporary folder, left there by a killed run.
     */
    public static void headless() {
        ImageIO.setUseCache(false);
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** An axis with the charts' label and tick fonts. */
    public static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setLabelFont(new Font(FONT, Font.PLAIN, 17));
        a.setTickLabelFont(new Font(FONT, Font.PLAIN, 15));
        return a;
    }

    /** Time since the start, in {@code unit}, from 0 to {@code endS} without margins. */
    public static NumberAxis timeAxis(TimeAxis unit, double endS) {
        NumberAxis x = axis("time since the start (" + unit.unit() + ")");
        x.setAutoRangeIncludesZero(true);
        x.setLowerMargin(0);
        x.setUpperMargin(0);
        x.setRange(0, Math.max(unit.of(endS), 1e-9));
        return x;
    }

    /** A value axis from zero, with a little room above the highest value. */
    public static NumberAxis valueAxis(String label) {
        NumberAxis y = axis(label);
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.08);
        return y;
    }

    /** The plot: white, light grid, no outline; series drawn in order, so the later ones lie on top. */
    public static XYPlot plot(XYDataset data, NumberAxis x, NumberAxis y, XYItemRenderer r) {
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return plot;
    }

    /** Shades the warm-up, the first {@code warmupS} seconds, behind the lines with {@code label} in its corner; none when 0. */
    public static void warmup(XYPlot plot, TimeAxis unit, double warmupS, String label) {
        if (!(warmupS > 0)) {
            return;
        }
        IntervalMarker warmup = new IntervalMarker(0, unit.of(warmupS), new Color(0, 0, 0, 22));
        warmup.setLabel(label);
        warmup.setLabelFont(new Font(FONT, Font.ITALIC, 14));
        warmup.setLabelPaint(Color.DARK_GRAY);
        warmup.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        warmup.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        warmup.setLabelOffset(new RectangleInsets(8, 10, 8, 10));
        warmup.setLabelBackgroundColor(new Color(0, 0, 0, 0));
        plot.addDomainMarker(warmup, Layer.BACKGROUND);
    }

    /**
     * Marks each rollout on a time chart as a blue band from its start to its end (or the chart's end while it was
     * still under way), labelled with its service, strategy and outcome; a chart that is not over time is returned as
     * it is.
     */
    public static JFreeChart rollouts(JFreeChart chart, double endS, java.util.List<io.headroom.run.RolloutFigures> rollouts) {
        if (rollouts.isEmpty() || !(chart.getPlot() instanceof XYPlot plot)) {
            return chart;
        }
        TimeAxis unit = TimeAxis.forSpan(endS);
        for (io.headroom.run.RolloutFigures r : rollouts) {
            double to = r.durationS() == null ? endS : Math.min(endS, r.atS() + r.durationS());
            band(plot, unit.of(r.atS()), unit.of(Math.max(to, r.atS())), new Color(30, 90, 200, 30), new Color(30, 90, 200, 140),
                    "rollout: " + r.service() + " " + r.strategy() + ", " + r.outcome(), new Color(20, 60, 150),
                    RectangleAnchor.BOTTOM_LEFT, TextAnchor.BOTTOM_LEFT, new RectangleInsets(4, 4, 24, 4));
        }
        return chart;
    }

    /**
     * Marks each incident on a time chart as a red band from its start to its end, labelled with the
     * SLO it breached; a chart that is not over time is returned as it is.
     */
    public static JFreeChart incidents(JFreeChart chart, double endS, java.util.List<io.headroom.slo.Incident> incidents) {
        if (incidents.isEmpty() || !(chart.getPlot() instanceof XYPlot plot)) {
            return chart;
        }
        TimeAxis unit = TimeAxis.forSpan(endS);
        // incidents that overlap (two SLOs breached by one overload) share one band and one label
        java.util.List<io.headroom.slo.Incident> sorted = new java.util.ArrayList<>(incidents);
        sorted.sort(java.util.Comparator.comparingDouble(io.headroom.slo.Incident::startS));
        int k = 0;
        while (k < sorted.size()) {
            double from = sorted.get(k).startS();
            double to = sorted.get(k).endS();
            java.util.List<String> slos = new java.util.ArrayList<>();
            while (k < sorted.size() && sorted.get(k).startS() <= to) {
                to = Math.max(to, sorted.get(k).endS());
                if (!slos.contains(sorted.get(k).slo())) {
                    slos.add(sorted.get(k).slo());
                }
                k++;
            }
            band(plot, unit.of(from), unit.of(to), new Color(200, 30, 30, 40), new Color(200, 30, 30, 140),
                    "incident: " + (slos.size() <= 2 ? String.join("; ", slos) : slos.get(0) + " and " + (slos.size() - 1) + " more"),
                    new Color(150, 20, 20), RectangleAnchor.TOP_RIGHT, TextAnchor.TOP_LEFT, new RectangleInsets(24, 4, 4, 4));
        }
        return chart;
    }

    /** A labelled band over {@code [from, to]} behind a time chart's lines. */
    private static void band(XYPlot plot, double from, double to, Color fill, Color outline, String label, Color labelPaint,
                             RectangleAnchor anchor, TextAnchor textAnchor, RectangleInsets offset) {
        IntervalMarker band = new IntervalMarker(from, to, fill);
        band.setOutlinePaint(outline);
        band.setLabel(SafeText.ellipsis(label, MAX_LEGEND));
        band.setLabelFont(new Font(FONT, Font.ITALIC, 13));
        band.setLabelPaint(labelPaint);
        band.setLabelAnchor(anchor);
        band.setLabelTextAnchor(textAnchor);
        band.setLabelOffset(offset);
        band.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        plot.addDomainMarker(band, Layer.BACKGROUND);
    }

    /**
     * The chart around {@code plot}: bold title, grey subtitle explaining what is drawn, legend below without a frame.
     * Titles, subtitles and legend entries longer than a chart can lay out end in an ellipsis ({@link #MAX_TITLE},
     * {@link #MAX_SUBTITLE}, {@link #MAX_LEGEND} characters).
     */
    public static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof AbstractXYItemRenderer r) {
                r.setLegendItemLabelGenerator((data, series) -> SafeText.ellipsis(String.valueOf(data.getSeriesKey(series)), MAX_LEGEND));
            }
        }
        JFreeChart chart = new JFreeChart(SafeText.ellipsis(title, MAX_TITLE), new Font(FONT, Font.BOLD, 22), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 12, 8, 24));
        TextTitle sub = new TextTitle(SafeText.ellipsis(subtitle, MAX_SUBTITLE), new Font(FONT, Font.PLAIN, 15));
        sub.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(sub);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(new Font(FONT, Font.PLAIN, 15));
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        return chart;
    }
}
