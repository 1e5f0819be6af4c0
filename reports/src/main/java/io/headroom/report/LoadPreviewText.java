package io.headroom.report;

import io.headroom.yaml.Durations;
import java.util.Locale;

/**
 * What {@code headroom load preview} prints: the profile's length and size, its mean and peak rate (open) or
 * its target concurrency (closed), and a small ASCII chart of it over time.
 */
public final class LoadPreviewText {
    static final int CHART_WIDTH = 64;
    static final int CHART_ROWS = 6;

    private LoadPreviewText() {
    }

    public static String render(LoadPreview p) {
        StringBuilder b = new StringBuilder();
        String window = Durations.format(p.window());
        b.append(String.format(Locale.ROOT, "%s: %s model, %d step%s, %s (seed %d, %s windows)%n", p.name(),
                p.closed() ? "closed" : "open", p.steps(), p.steps() == 1 ? "" : "s", TimeAxis.clock(p.duration()),
                p.seed(), window));
        double[] values = new double[p.windows()];
        String what;
        if (p.closed()) {
            for (int i = 0; i < values.length; i++) {
                values[i] = p.users(i);
            }
            b.append(String.format(Locale.ROOT, "  concurrency  %,d users at the start, %,d at the end; peak %,d, time-average %,.1f%n",
                    p.users(0), p.users(p.windows() - 1), p.peakUsers(), p.meanUsers()));
            b.append("  arrivals     not known before a run: a user starts again as soon as it finishes (a closed model),\n"
                    + "               so the arrival rate depends on the design's response times\n");
            what = "target concurrent users, at each window's start";
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = p.ratePerS(i);
            }
            int peak = p.peakWindow();
            b.append(String.format(Locale.ROOT, "  users        %,d%n", p.totalArrivals()));
            b.append(String.format(Locale.ROOT, "  rate         mean %s/s; %s%n", rate(p.meanRatePerS()), peakLine(p.peakRatePerS())));
            b.append(String.format(Locale.ROOT, "  busiest      %s/s in the %s window at %s (the arrivals drawn with seed %d)%n",
                    rate(p.ratePerS(peak)), window, TimeAxis.clock(p.startS(peak)), p.seed()));
            if (p.bursts() > 0) {
                b.append(String.format(Locale.ROOT, "  bursts       %d step%s of users all at once (atOnceUsers): in the arrivals,"
                        + " not in the expected rate%n", p.bursts(), p.bursts() == 1 ? "" : "s"));
            }
            what = "arrivals per second, per " + window + " window";
        }
        if (p.warmupS() > 0) {
            b.append(String.format(Locale.ROOT, "  warm-up      the first %s (left out of a run's summary)%n", TimeAxis.clock(p.warmupS())));
        }
        b.append("  ").append(what).append(":\n");
        chart(b, values, p.windowS(), p.spanS(), p.closed());
        return b.toString();
    }

    /**
     * The profile's peak arrival rate as {@code load preview} and {@code check} both print it: one definition
     * ({@link io.headroom.load.LoadProfile#peakRatePerS}), one wording.
     */
    public static String peakLine(double peakRatePerS) {
        return "peak arrival rate " + rate(peakRatePerS) + "/s (the highest expected rate at any instant)";
    }

    /** Rates as a person reads them: 3 significant digits at least, no exponent. */
    public static String rate(double r) {
        if (r == 0) {
            return "0";
        }
        if (r >= 100) {
            return String.format(Locale.ROOT, "%,.1f", r);
        }
        if (r >= 1) {
            return String.format(Locale.ROOT, "%.2f", r);
        }
        return String.format(Locale.ROOT, "%.3g", r);
    }

    /** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is at least {@code x}. */
    static double niceCeiling(double x) {
        if (!(x > 0)) {
            return 0;
        }
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= x * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /**
     * Columns over time, rows of value: each cell is blank, {@code .} (its lower third), {@code :} (two thirds)
     * or {@code #} (full), so the chart resolves a third of a row. A column holds the mean of the windows that
     * start in its stretch of time, or the window under its middle when windows are longer than columns.
     */
    static void chart(StringBuilder b, double[] values, double windowS, double spanS, boolean integers) {
        int n = values.length;
        int cols = CHART_WIDTH;
        double[] col = new double[cols];
        for (int c = 0; c < cols; c++) {
            // the windows whose start falls in the column's stretch of time, or the one under its middle
            int from = (int) Math.ceil(c * spanS / cols / windowS - 1e-9);
            int to = Math.min(n, (int) Math.ceil((c + 1) * spanS / cols / windowS - 1e-9));
            if (to > from) {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += values[i];
                }
                col[c] = sum / (to - from);
            } else {
                col[c] = values[Math.min(n - 1, (int) ((c + 0.5) * spanS / cols / windowS))];
            }
        }
        double max = 0;
        for (double v : col) {
            max = Math.max(max, v);
        }
        double top = niceCeiling(max);
        String topLabel = integers || top >= 1 ? String.format(Locale.ROOT, "%,.0f", top) : rate(top);
        int labelWidth = Math.max(topLabel.length(), 1);
        String pad = " ".repeat(labelWidth);
        for (int row = CHART_ROWS - 1; row >= 0; row--) {
            b.append("  ").append(row == CHART_ROWS - 1 ? topLabel : pad).append(" |");
            for (int c = 0; c < cols; c++) {
                double level = top > 0 ? col[c] / top * CHART_ROWS * 3 : 0;
                double fill = level - row * 3;
                char ch;
                if (fill >= 2.5) {
                    ch = '#';
                } else if (fill >= 1.5) {
                    ch = ':';
                } else if (fill >= 0.5 || (row == 0 && col[c] > 0)) {
                    ch = '.';
                } else {
                    ch = ' ';
                }
                b.append(ch);
            }
            b.append('\n');
        }
        b.append("  ").append(" ".repeat(labelWidth - 1)).append("0 +").append("-".repeat(cols)).append('\n');
        String end = TimeAxis.roughly(spanS);
        String mid = TimeAxis.roughly(spanS / 2);
        StringBuilder axis = new StringBuilder(" ".repeat(cols + 1));
        axis.replace(0, 1, "0");
        int midAt = cols / 2 - mid.length() / 2;
        axis.replace(midAt, midAt + mid.length(), mid);
        axis.replace(cols + 1 - end.length(), cols + 1, end);
        b.append("  ").append(pad).append("  ").append(axis.toString().stripTrailing()).append('\n');
    }
}
