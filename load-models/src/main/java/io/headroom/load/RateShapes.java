package io.headroom.load;

import io.headroom.load.arrival.RateShape;
import java.util.List;

/** The rate shapes of the open steps beyond Gatling's: {@code diurnal}, {@code spikes}, {@code piecewise}. */
final class RateShapes {
    private RateShapes() {
    }

    /**
     * {@code rate(t) = trough + (peak - trough) * (1 - cos(2 pi (t - phase) / period)) / 2}: a sinusoid
     * between {@code trough} and {@code peak}, at the trough at {@code t = phase} (and every period
     * from there), at the peak half a period later. Bounded piece by piece over 32 pieces a period.
     */
    static final class Diurnal implements RateShape {
        private static final int PIECES_PER_PERIOD = 32;
        private final double peak;
        private final double trough;
        private final double period;
        private final double phase;
        private final double seconds;
        private final double omega;
        private final double width;

        Diurnal(double peak, double trough, double period, double phase, double seconds) {
            this.peak = peak;
            this.trough = trough;
            this.period = period;
            this.phase = phase;
            this.seconds = seconds;
            this.omega = 2 * Math.PI / period;
            this.width = period / PIECES_PER_PERIOD;
        }

        @Override
        public double seconds() {
            return seconds;
        }

        @Override
        public long pieces() {
            return (long) Math.ceil(seconds / width);
        }

        @Override
        public double pieceStart(long j) {
            return j * width;
        }

        @Override
        public double bound(long j) {
            return max(j * width, Math.min((j + 1) * width, seconds));
        }

        /** The highest rate on {@code [a, b]}: the peak if a crest lies in it, else the higher end (no maximum inside). */
        private double max(double a, double b) {
            // crests at phase + period/2 + m * period
            double m = Math.ceil((a - phase - period / 2) / period);
            double crest = phase + period / 2 + m * period;
            if (crest <= b) {
                return peak;
            }
            return Math.max(value(a), value(b));
        }

        private double value(double t) {
            return trough + (peak - trough) * (1 - Math.cos(omega * (t - phase))) / 2;
        }

        @Override
        public double rate(long j, double t) {
            return value(t);
        }

        @Override
        public double rateAt(double t) {
            return t >= 0 && t < seconds ? value(t) : 0;
        }

        @Override
        public double cumulative(double t) {
            double x = Math.max(0, Math.min(t, seconds));
            double amplitude = peak - trough;
            return (trough + amplitude / 2) * x
                    - amplitude / (2 * omega) * (Math.sin(omega * (x - phase)) - Math.sin(-omega * phase));
        }

        @Override
        public double peak() {
            return max(0, seconds);
        }
    }

    /**
     * {@code rate(t) = base + height} while {@code t mod every < width}, else {@code base}: a spike of
     * {@code width} at the start of every {@code every}, the first at the step's start. The pieces are
     * the spikes and the gaps between them, each bounded by its exact (constant) rate, so no candidate
     * is ever thrown away.
     */
    static final class Spikes implements RateShape {
        private final double base;
        private final double height;
        private final double every;
        private final double width;
        private final double seconds;

        Spikes(double base, double height, double every, double width, double seconds) {
            this.base = base;
            this.height = height;
            this.every = every;
            this.width = width;
            this.seconds = seconds;
        }

        @Override
        public double seconds() {
            return seconds;
        }

        @Override
        public long pieces() {
            return 2 * (long) Math.ceil(seconds / every);
        }

        @Override
        public double pieceStart(long j) {
            return (j / 2) * every + (j % 2 == 0 ? 0 : width);
        }

        @Override
        public double bound(long j) {
            return j % 2 == 0 ? base + height : base;
        }

        @Override
        public double rate(long j, double t) {
            return bound(j);
        }

        @Override
        public double rateAt(double t) {
            if (!(t >= 0 && t < seconds)) {
                return 0;
            }
            return t - Math.floor(t / every) * every < width ? base + height : base;
        }

        @Override
        public double cumulative(double t) {
            double x = Math.max(0, Math.min(t, seconds));
            double periods = Math.floor(x / every);
            return base * x + height * (periods * width + Math.min(x - periods * every, width));
        }

        @Override
        public double peak() {
            // the first spike starts at 0; a dip (negative height) leaves base as the peak once it ends
            return height >= 0 || seconds <= width ? base + height : base;
        }
    }

    /**
     * Straight lines between {@code (time, rate)} points, the first at 0 and the last at the step's
     * end. Two points at the same time make a jump (the rate from there on is the later point's).
     * Each segment is a piece, bounded by the higher of its two ends.
     */
    static final class Piecewise implements RateShape {
        private final double[] times;
        private final double[] rates;

        Piecewise(List<RatePoint> points) {
            times = new double[points.size()];
            rates = new double[points.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = points.get(i).at().toNanos() / 1e9;
                rates[i] = points.get(i).rate();
            }
        }

        @Override
        public double seconds() {
            return times[times.length - 1];
        }

        @Override
        public long pieces() {
            return times.length - 1;
        }

        @Override
        public double pieceStart(long j) {
            return times[(int) j];
        }

        @Override
        public double bound(long j) {
            return Math.max(rates[(int) j], rates[(int) j + 1]);
        }

        @Override
        public double rate(long j, double t) {
            int i = (int) j;
            double span = times[i + 1] - times[i];
            return span > 0 ? rates[i] + (rates[i + 1] - rates[i]) * ((t - times[i]) / span) : rates[i + 1];
        }

        /** The segment holding {@code t} (0 ≤ t < seconds): the last i with times[i] ≤ t and times[i] < times[i + 1]. */
        private int segment(double t) {
            int lo = 0;
            int hi = times.length - 2;
            while (lo < hi) { // last i in [0, n-2] with times[i] <= t
                int mid = (lo + hi + 1) >>> 1;
                if (times[mid] <= t) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        @Override
        public double rateAt(double t) {
            if (!(t >= 0 && t < seconds())) {
                return 0;
            }
            return rate(segment(t), t);
        }

        @Override
        public double cumulative(double t) {
            double x = Math.max(0, Math.min(t, seconds()));
            double sum = 0;
            for (int i = 0; i + 1 < times.length && times[i] < x; i++) {
                double b = Math.min(times[i + 1], x);
                sum += (rates[i] + rate(i, b)) / 2 * (b - times[i]);
            }
            return sum;
        }

        @Override
        public double peak() {
            double max = 0;
            for (int i = 0; i + 1 < times.length; i++) {
                if (times[i + 1] > times[i]) {
                    max = Math.max(max, Math.max(rates[i], rates[i + 1]));
                }
            }
            return max;
        }
    }
}
