package io.headroom.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic value axis labelled where people read one: at 1, 2 and 5 times each power of ten
 * (100, 200, 500, 1,000 ms), every label a plain number. A log axis has no 0; when some values are 0
 * (no errors at all), they are drawn at {@code zeroAt}, on the axis's floor, and the tick there says 0.
 */
final class LogValueAxis extends LogarithmicAxis {
    private static final double[] STEPS = {1, 2, 5};
    private final double zeroAt;

    /** An axis from {@code lower} to {@code upper}; {@code zeroAt} where 0 is drawn, NaN when no value is 0. */
    LogValueAxis(String label, double lower, double upper, double zeroAt) {
        super(label);
        this.zeroAt = zeroAt;
        setLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 17));
        setTickLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 15));
        setAutoRange(false);
        setRange(lower, upper);
    }

    @Override
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        DecimalFormat format = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
        List<NumberTick> ticks = new ArrayList<>();
        double lo = getLowerBound();
        double hi = getUpperBound();
        if (!Double.isNaN(zeroAt)) {
            ticks.add(new NumberTick(TickType.MAJOR, zeroAt, "0", TextAnchor.CENTER_RIGHT, TextAnchor.CENTER_RIGHT, 0.0));
        }
        for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
            for (double step : STEPS) {
                // the tick's value from its digits, so that 0.2 is 0.2 and not 0.20000000000000004
                double v = new java.math.BigDecimal(step).scaleByPowerOfTen(e).doubleValue();
                boolean clearOfZero = Double.isNaN(zeroAt) || Math.log10(v / zeroAt) > 0.15 * Math.log10(hi / lo);
                if (v >= lo && v <= hi && clearOfZero) {
                    ticks.add(new NumberTick(TickType.MAJOR, v, format.format(v), TextAnchor.CENTER_RIGHT, TextAnchor.CENTER_RIGHT,
                            0.0));
                }
            }
        }
        return ticks;
    }
}
