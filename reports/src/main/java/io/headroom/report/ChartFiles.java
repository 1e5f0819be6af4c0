package io.headroom.report;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart as the files a report puts beside itself: PNG (embedded in {@code report.html}) and SVG
 * (through JFreeSVG: sharp at any size, and small). Both are pure functions of the chart: the SVG's
 * internal ids carry a fixed prefix rather than JFreeSVG's time-based one, so reruns write the same bytes.
 */
final class ChartFiles {
    private ChartFiles() {
    }

    static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        ChartStyle.headless();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(b, chart, width, height);
        return b.toByteArray();
    }

    static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("headroom");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument() + "\n";
    }

    /** {@code chart-x.png} → {@code chart-x.svg}. */
    static String svgName(String pngName) {
        return pngName.substring(0, pngName.length() - ".png".length()) + ".svg";
    }
}
