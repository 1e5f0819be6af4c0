package io.headroom.report;

import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.closed.ClosedModel;
import io.headroom.random.RandomStreams;
import java.time.Duration;

/**
 * What a load profile asks for over time, window by window, before any design is run: {@code headroom load
 * preview}. For an open profile, the users that arrive in each window (drawn as a run draws them, from the
 * seed's {@code load:arrivals} stream, and counted as they stream past: no list of arrivals is kept) and the
 * profile's expected rate; for a closed one, the target number of concurrent users (its arrivals depend on
 * response times, which only a run gives).
 *
 * <p>Windows are {@code [i w, (i+1) w)} from the start; the last one ends with the profile and may be shorter
 * (its rate is over its own length). An arrival at the very end of the profile counts in the last window.
 * A profile that lasts no time (only {@code atOnceUsers}) has one window of length {@code w}.
 */
public final class LoadPreview {
    /** The most windows a preview may have (a day in 0.1 s windows is 864 000). */
    public static final int MAX_WINDOWS = 1_000_000;

    /** Nice window lengths, in seconds; beyond the last, whole multiples of it. */
    private static final long[] NICE_S = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200,
        10800, 21600, 43200, 86400};

    /** Sub-intervals per window over which the expected rate is averaged (midpoint rule). */
    private static final int RATE_SAMPLES = 16;

    private final String name;
    private final boolean closed;
    private final long seed;
    private final long durationNs;
    private final long windowNs;
    private final long spanNs;
    private final int windows;
    private final long[] arrivals;
    private final double[] expected;
    private final int[] users;
    private final long warmupNs;
    private final int steps;
    private int bursts;
    private int closedPeak;
    private double closedMean;
    private double peakRatePerS;

    private LoadPreview(String name, boolean closed, long seed, long durationNs, long windowNs, long warmupNs, int steps) {
        this.name = name;
        this.closed = closed;
        this.seed = seed;
        this.durationNs = durationNs;
        this.windowNs = windowNs;
        this.spanNs = durationNs > 0 ? durationNs : windowNs;
        this.windows = windowCount(durationNs, windowNs);
        this.arrivals = closed ? null : new long[windows];
        this.expected = closed ? null : new double[windows];
        this.users = closed ? new int[windows] : null;
        this.warmupNs = warmupNs;
        this.steps = steps;
    }

    /** The default window: a 200th of the profile, rounded up to a nice length, at least 1 s. */
    public static Duration defaultWindow(Duration duration) {
        double target = duration.toNanos() / 1e9 / 200;
        for (long s : NICE_S) {
            if (s >= target) {
                return Duration.ofSeconds(s);
            }
        }
        long day = NICE_S[NICE_S.length - 1];
        return Duration.ofSeconds(day * (long) Math.ceil(target / day));
    }

    /** How many windows of {@code window} cover {@code duration} (at least one). */
    public static long windowCount(Duration duration, Duration window) {
        long d = duration.toNanos();
        long w = window.toNanos();
        if (w <= 0) {
            throw new IllegalArgumentException("the window must be positive");
        }
        return Math.max(1, d / w + (d % w == 0 ? 0 : 1));
    }

    private static int windowCount(long durationNs, long windowNs) {
        long n = windowCount(Duration.ofNanos(durationNs), Duration.ofNanos(windowNs));
        if (n > MAX_WINDOWS) {
            throw new IllegalArgumentException(n + " windows is more than " + MAX_WINDOWS);
        }
        return (int) n;
    }

    /**
     * Counts the profile's arrivals per window (open) or samples its target concurrency at each window's
     * start (closed). {@code window} must give at most {@link #MAX_WINDOWS} windows.
     */
    public static LoadPreview of(LoadProfile profile, long seed, Duration window) {
        long durationNs = profile.duration().toNanos();
        int steps = profile.isClosed() ? profile.scaledClosed().steps().size() : profile.scaledInjection().size();
        LoadPreview p = new LoadPreview(profile.name(), profile.isClosed(), seed, durationNs, window.toNanos(),
                profile.warmup().toNanos(), steps);
        if (p.closed) {
            ClosedModel model = profile.scaledClosed();
            for (int i = 0; i < p.windows; i++) {
                p.users[i] = model.usersAt(Duration.ofNanos(p.startNs(i)));
            }
            p.closedPeak = model.peakUsers();
            // time-average: the target at the middle of each whole second (Gatling changes it on whole seconds),
            // or of each millionth of a very long profile
            long stepNs = Math.max(1_000_000_000L, durationNs / 1_000_000);
            double sum = 0;
            long covered = 0;
            for (long t = 0; t < durationNs; t += stepNs) {
                long len = Math.min(stepNs, durationNs - t);
                sum += (double) model.usersAt(Duration.ofNanos(t + len / 2)) * len;
                covered += len;
            }
            p.closedMean = covered > 0 ? sum / covered : p.users[0];
        } else {
            p.peakRatePerS = profile.peakRatePerS();
            for (OpenStep s : profile.scaledInjection()) {
                if (s.during().isZero()) {
                    p.bursts++;
                }
            }
            ArrivalStream stream = profile.arrivals(new RandomStreams(seed));
            for (long t = stream.next(); t != ArrivalStream.END; t = stream.next()) {
                long i = Math.max(0, t) / p.windowNs;
                p.arrivals[(int) Math.min(i, p.windows - 1)]++;
            }
            for (int i = 0; i < p.windows; i++) {
                double start = p.startNs(i) / 1e9;
                double length = p.lengthNs(i) / 1e9;
                double sum = 0;
                for (int k = 0; k < RATE_SAMPLES; k++) {
                    sum += profile.rateAt(start + (k + 0.5) * length / RATE_SAMPLES);
                }
                p.expected[i] = sum / RATE_SAMPLES;
            }
        }
        return p;
    }

    public String name() {
        return name;
    }

    public boolean closed() {
        return closed;
    }

    public long seed() {
        return seed;
    }

    /** How many steps the profile has (closed: after staircases are expanded). */
    public int steps() {
        return steps;
    }

    /** Open: steps that last no time (atOnceUsers): their users arrive at one instant, and have no rate. */
    public int bursts() {
        return bursts;
    }

    public double durationS() {
        return durationNs / 1e9;
    }

    /** What the windows cover: the profile's duration, or one window for a profile that lasts no time. */
    public double spanS() {
        return spanNs / 1e9;
    }

    public double windowS() {
        return windowNs / 1e9;
    }

    public Duration window() {
        return Duration.ofNanos(windowNs);
    }

    public Duration duration() {
        return Duration.ofNanos(durationNs);
    }

    public double warmupS() {
        return warmupNs / 1e9;
    }

    public int windows() {
        return windows;
    }

    private long startNs(int i) {
        return i * windowNs;
    }

    private long lengthNs(int i) {
        return Math.min(windowNs, spanNs - startNs(i));
    }

    /** Window {@code i}'s start, seconds since the start of the profile. */
    public double startS(int i) {
        return startNs(i) / 1e9;
    }

    /** Window {@code i}'s length (the window's, or less for the last). */
    public double lengthS(int i) {
        return lengthNs(i) / 1e9;
    }

    /** Open: users that arrive in window {@code i}. */
    public long arrivals(int i) {
        return arrivals[i];
    }

    /** Open: arrivals in window {@code i} per second of it. */
    public double ratePerS(int i) {
        return arrivals[i] / lengthS(i);
    }

    /** Open: the profile's mean rate over window {@code i} ({@code LoadProfile.rateAt} averaged over it). */
    public double expectedPerS(int i) {
        return expected[i];
    }

    /** Closed: the target number of concurrent users at window {@code i}'s start. */
    public int users(int i) {
        return users[i];
    }

    /** Open: all the users the profile starts. */
    public long totalArrivals() {
        long n = 0;
        for (long a : arrivals) {
            n += a;
        }
        return n;
    }

    /** Open: users per second over the profile (over one window for a profile that lasts no time). */
    public double meanRatePerS() {
        return totalArrivals() / spanS();
    }

    /** Open: the window with the highest rate (the first of equals). */
    public int peakWindow() {
        int best = 0;
        for (int i = 1; i < windows; i++) {
            if (ratePerS(i) > ratePerS(best)) {
                best = i;
            }
        }
        return best;
    }

    /** Open: the profile's peak arrival rate ({@link LoadProfile#peakRatePerS}), whatever the window. */
    public double peakRatePerS() {
        return peakRatePerS;
    }

    /** Closed: the most concurrent users any step asks for. */
    public int peakUsers() {
        return closedPeak;
    }

    /** Closed: the target concurrency averaged over time. */
    public double meanUsers() {
        return closedMean;
    }
}
