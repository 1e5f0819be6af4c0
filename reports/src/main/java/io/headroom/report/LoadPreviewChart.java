package io.headroom.report;

import io.headroom.yaml.Durations;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code preview.png} of {@code headroom load preview}: for an open profile, the arrival rate per window (the
 * seed's draw) over the profile's expected rate; for a closed one, the target number of concurrent users.
 * Time runs in the unit that suits the profile's length; a warm-up is shaded. Same look as a run's charts
 * ({@link ChartStyle}); rendered headless.
 */
public final class LoadPreviewChart {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 600;

    private static final Color OBSERVED = new Color(0x1f, 0x77, 0xb4);
    private static final Color EXPECTED = new Color(0xd6, 0x5f, 0x00);

    static {
        ChartStyle.headless();
    }

    private LoadPreviewChart() {
    }

    /** Renders the chart beside {@code target} for {@link AtomicFiles#commit}. */
    public static Path stage(Path target, LoadPreview p) throws IOException {
        JFreeChart chart = chart(p);
        return AtomicFiles.stageBytes(target, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }

    static JFreeChart chart(LoadPreview p) {
        TimeAxis unit = TimeAxis.forSpan(p.spanS());
        String window = Durations.format(p.window());
        XYSeriesCollection data = new XYSeriesCollection();
        String title;
        String subtitle;
        String yLabel;
        XYLineAndShapeRenderer renderer;
        if (p.closed()) {
            XYSeries users = new XYSeries("target concurrent users (at each " + window + " window's start)", false, true);
            for (int i = 0; i < p.windows(); i++) {
                users.add(unit.of(p.startS(i)), p.users(i));
            }
            users.add(unit.of(p.spanS()), p.users(p.windows() - 1));
            data.addSeries(users);
            title = p.name() + ": concurrent users over time";
            subtitle = String.format(Locale.ROOT, "closed model, %s: peak %,d users, time-average %,.1f. "
                    + "Arrivals depend on response times: a user starts again as soon as it finishes.",
                    TimeAxis.clock(p.duration()), p.peakUsers(), p.meanUsers());
            yLabel = "concurrent users";
            renderer = new XYStepRenderer();
            renderer.setSeriesPaint(0, OBSERVED);
            renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        } else {
            XYSeries observed = new XYSeries("arrivals per second in each " + window + " window (seed " + p.seed() + ")", false, true);
            XYSeries expected = new XYSeries("expected rate (the profile's mean rate over the window)", false, true);
            // each window a level from its start to its end, so that a few long windows read as what they are
            for (int i = 0; i < p.windows(); i++) {
                double from = unit.of(p.startS(i));
                double to = unit.of(p.startS(i) + p.lengthS(i));
                observed.add(from, p.ratePerS(i));
                observed.add(to, p.ratePerS(i));
                expected.add(from, p.expectedPerS(i));
                expected.add(to, p.expectedPerS(i));
            }
            data.addSeries(observed);
            data.addSeries(expected);
            title = p.name() + ": arrival rate over time";
            subtitle = String.format(Locale.ROOT, "open model, %s: %,d users, mean %s/s, %s; busiest %s window %s/s",
                    TimeAxis.clock(p.duration()), p.totalArrivals(), LoadPreviewText.rate(p.meanRatePerS()),
                    LoadPreviewText.peakLine(p.peakRatePerS()), window, LoadPreviewText.rate(p.ratePerS(p.peakWindow())));
            yLabel = "arrival rate (users/s)";
            renderer = new XYLineAndShapeRenderer(true, false);
            renderer.setDrawSeriesLineAsPath(true); // dashes run on across the windows
            renderer.setSeriesPaint(0, OBSERVED);
            renderer.setSeriesStroke(0, new BasicStroke(1.8f));
            renderer.setSeriesPaint(1, EXPECTED);
            renderer.setSeriesStroke(1, new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {10f, 6f}, 0f));
        }

        NumberAxis y = ChartStyle.valueAxis(yLabel);
        if (p.closed()) {
            y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        // series drawn in order: the expected rate on top
        XYPlot plot = ChartStyle.plot(data, ChartStyle.timeAxis(unit, p.spanS()), y, renderer);
        ChartStyle.warmup(plot, unit, p.warmupS(), "warm-up " + TimeAxis.clock(p.warmupS()));
        return ChartStyle.chart(title, subtitle, plot);
    }
}
