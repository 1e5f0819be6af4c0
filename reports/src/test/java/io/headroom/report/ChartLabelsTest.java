package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** A chart's title, subtitle and legend entries are cut with an ellipsis when longer than a chart can lay out. */
class ChartLabelsTest {
    private static JFreeChart chart(String title, String subtitle, String series) {
        XYSeries s = new XYSeries(series);
        s.add(0, 1);
        s.add(1, 2);
        var plot = ChartStyle.plot(new XYSeriesCollection(s), ChartStyle.axis("x"), ChartStyle.valueAxis("y"), new XYLineAndShapeRenderer());
        return ChartStyle.chart(title, subtitle, plot);
    }

    @Test
    void longLabelsEndInAnEllipsis() {
        JFreeChart c = chart("t".repeat(100_000), "s".repeat(601), "l".repeat(101));
        assertEquals("t".repeat(159) + "…", c.getTitle().getText());
        assertEquals("s".repeat(599) + "…", ((org.jfree.chart.title.TextTitle) c.getSubtitle(1)).getText());
        assertEquals("l".repeat(99) + "…", c.getXYPlot().getLegendItems().get(0).getLabel());
    }

    @Test
    void labelsThatFitAreDrawnAsTheyAre() {
        JFreeChart c = chart("t".repeat(160), "s".repeat(600), "l".repeat(100));
        assertEquals("t".repeat(160), c.getTitle().getText());
        assertEquals("s".repeat(600), ((org.jfree.chart.title.TextTitle) c.getSubtitle(1)).getText());
        assertEquals("l".repeat(100), c.getXYPlot().getLegendItems().get(0).getLabel());
    }
}
