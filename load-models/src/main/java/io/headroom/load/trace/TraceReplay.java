package io.headroom.load.trace;

import io.headroom.load.arrival.ArrivalStream;
import io.headroom.yaml.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A recorded load played back: the {@code trace:} injection step.
 *
 * <p><b>CSV series</b> ({@code format: csv}). A header row names the columns; each row is a window of
 * trace time from its {@code time-column} value (in {@code unit}: seconds, minutes or hours; a minute
 * index is minutes) to the next row's, the last row lasting as long as the one before it (one
 * {@code unit} when it is the only row). Times must increase from row to row; a gap must be written
 * as rows of 0. A {@code count-column} row's requests arrive at independent uniformly random times
 * inside its window, so every row's count is replayed exactly; a {@code rate-column} row (requests
 * per second, whatever the unit) is a Poisson process at that rate over its window, so counts are
 * right in expectation.
 *
 * <p><b>Access logs</b> ({@code format: clf}, Common or Combined Log Format, see {@link ClfLines}).
 * Each line is one request at its logged time. The log's timestamps are whole seconds, so the
 * requests logged in one second arrive at uniformly random times within that second (putting them
 * all at its start would make bursts that never happened); every second's count is replayed exactly.
 * The request's path (without the query string) is the arrival's key ({@link ArrivalStream#key()}):
 * paths are numbered 0, 1, 2, … in the order they first appear in the file among the replayed lines,
 * so a replay's keys are the same on every run. Lines may be up to {@link #MAX_DISORDER_S} seconds
 * earlier than a line above them (real logs are written in completion order): they are put back in
 * time order through a buffer of that many seconds of requests; a line further out of order is an
 * error. Time 0 of the log is its earliest line.
 *
 * <p><b>Speedup, scale, window.</b> The replay starts at the window's {@code from} (or the trace's
 * start, if later) and ends at its {@code to} (or the trace's end, if sooner); both are in the
 * trace's {@code unit}, before speedup. A row or logged second cut by an end of the window keeps the
 * arrivals that fall inside it. Trace time {@code τ} is played at {@code (τ - start) / speedup}, so
 * the step lasts {@code (end - start) / speedup} and every rate is multiplied by {@code speedup}: the
 * same requests arrive, faster. {@code scale} (and a profile's {@code scale}) multiplies counts and
 * rates: a rate row's rate is multiplied; a count row's count {@code c} (and each logged request) becomes
 * {@code scale × c} rounded down or up at random with the probability of the fraction
 * (floor + Bernoulli), so the expectation is exactly {@code scale × c}, a whole scale multiplies
 * exactly, and {@code scale} below 1 thins the trace at random.
 *
 * <p><b>Memory.</b> The file is read when the profile is read (CSV once, a log twice: its earliest
 * time first), to check every row and to keep a bounded summary ({@link RateBins}, for
 * {@link #rateAt} and {@link #peakRate}); a bad line anywhere is reported then, before a run starts.
 * Each {@link #arrivals} reads it again, one row at a time. Nothing grows with the number of lines:
 * an access log keeps its reordering buffer of {@link #MAX_DISORDER_S} seconds of requests and its
 * table of distinct paths ({@link PathKeys}, about the path's length plus 30 bytes per distinct path).
 * The file must not change while the profile is in use.
 */
public final class TraceReplay {
    /** How many seconds a log line may be earlier than a line above it. */
    public static final int MAX_DISORDER_S = 60;

    /** An access log's rate summary counts requests per this many seconds of trace time (a minute). */
    static final double CLF_BIN_S = 60;

    private final TraceSpec spec;
    private final Path file;
    private final double start;
    private final double end;
    private final long durationNs;
    private final RateBins bins;
    private final double peak;
    private final double scale;

    private TraceReplay(TraceSpec spec, Path file, double start, double end, long durationNs, RateBins bins, double peak,
                        double scale) {
        this.spec = spec;
        this.file = file;
        this.start = start;
        this.end = end;
        this.durationNs = durationNs;
        this.bins = bins;
        this.peak = peak;
        this.scale = scale;
    }

    /**
     * Reads and checks the trace that {@code spec} names, relative to {@code baseDir} (the profile's
     * folder; null for the current one). Throws a {@link FieldError} at the step's key to blame, whose
     * message starts with {@code trace file FILE:LINE:} for a problem on a line of the file.
     */
    public static TraceReplay open(TraceSpec spec, Path baseDir) {
        Path file = (baseDir == null ? Path.of("") : baseDir).resolve(spec.file()).toAbsolutePath().normalize();
        String name = "trace file " + file;
        if (Files.isDirectory(file)) {
            throw new FieldError("file", name + ": is a folder, not a file");
        }
        if (!Files.exists(file)) {
            throw new FieldError("file", name + ": not found");
        }
        if (!Files.isReadable(file)) {
            throw new FieldError("file", name + ": cannot read it (permission denied)");
        }
        try {
            return spec.format() == TraceFormat.CSV ? scanCsv(spec, file) : scanClf(spec, file);
        } catch (TraceException e) {
            throw new FieldError(e.key(), name + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
        } catch (IOException e) {
            throw new FieldError("file", name + ": cannot read it: " + e.getMessage());
        }
    }

    private static TraceReplay scanCsv(TraceSpec spec, Path file) throws IOException, TraceException {
        double unit = spec.unit().seconds();
        double from = spec.window() == null || spec.window().from() == null ? Double.NEGATIVE_INFINITY : spec.window().from() * unit;
        double to = spec.window() == null || spec.window().to() == null ? Double.POSITIVE_INFINITY : spec.window().to() * unit;
        try (CsvRows rows = CsvRows.open(file, spec)) {
            if (!rows.next()) {
                throw new TraceException(0, "has a header but no rows");
            }
            double first = rows.time();
            double start = Math.max(from, first);
            RateBins bins = null;
            double peak = 0;
            double width = unit;
            double a = rows.time();
            double v = rows.value();
            while (true) {
                boolean more = rows.next();
                double b = more ? rows.time() : a + width;
                double lo = Math.max(a, start);
                double hi = Math.min(b, to);
                if (hi > lo) {
                    if (bins == null) {
                        bins = new RateBins(start, b - a);
                    }
                    double rate = spec.counts() ? v / (b - a) : v;
                    peak = Math.max(peak, rate);
                    bins.add(lo, hi, rate * (hi - lo));
                }
                if (!more) {
                    return finish(spec, file, start, Math.min(to, b), first, b, bins, peak);
                }
                width = b - a;
                a = b;
                v = rows.value();
            }
        }
    }

    private static TraceReplay scanClf(TraceSpec spec, Path file) throws IOException, TraceException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long lastLine = 0;
        String lastStamp = "";
        try (ClfLines log = new ClfLines(file)) {
            while (log.next()) {
                long s = log.second();
                if (lastLine > 0 && s < last - MAX_DISORDER_S) {
                    throw new TraceException(log.line(), "logged at " + log.stamp() + ", " + (last - s) + " s before line "
                            + lastLine + " (" + lastStamp + "): the log must be in time order (lines up to "
                            + MAX_DISORDER_S + " s out of order are put back in order)");
                }
                if (s > last) {
                    last = s;
                    lastLine = log.line();
                    lastStamp = log.stamp();
                }
                first = Math.min(first, s);
            }
        }
        if (first == Long.MAX_VALUE) {
            throw new TraceException(0, "has no requests");
        }
        double unit = spec.unit().seconds();
        double from = spec.window() == null || spec.window().from() == null ? 0 : spec.window().from() * unit;
        double to = spec.window() == null || spec.window().to() == null ? Double.POSITIVE_INFINITY : spec.window().to() * unit;
        double start = first + Math.max(0, from);
        double end = Math.min(first + to, last + 1.0);
        RateBins bins = new RateBins(start, CLF_BIN_S);
        if (end > start) {
            try (ClfLines log = new ClfLines(file)) {
                while (log.next()) {
                    double lo = Math.max(log.second(), start);
                    double hi = Math.min(log.second() + 1.0, end);
                    bins.add(lo, hi, hi - lo);
                }
            }
        }
        return finish(spec, file, start, end, first, last + 1.0, bins, bins.maxRate(end));
    }

    private static TraceReplay finish(TraceSpec spec, Path file, double start, double end, double traceStart,
                                      double traceEnd, RateBins bins, double peak) throws TraceException {
        if (!(end > start)) {
            double unit = spec.unit().seconds();
            double origin = spec.format() == TraceFormat.CLF ? traceStart : 0;
            throw new TraceException("window", 0, "the window misses the trace, which runs from "
                    + FieldError.number((traceStart - origin) / unit) + " to " + FieldError.number((traceEnd - origin) / unit)
                    + " " + spec.unit().yamlName() + (spec.format() == TraceFormat.CLF ? " (since its earliest line)" : ""));
        }
        long ns = Math.round((end - start) / spec.speedup() * 1e9);
        if (ns <= 0) {
            throw new TraceException("speedup", 0, "the replay would last less than a nanosecond");
        }
        return new TraceReplay(spec, file, start, end, ns, bins, peak, spec.scale());
    }

    /** The trace file, as an absolute path. */
    public Path file() {
        return file;
    }

    /** The step as the profile wrote it. */
    public TraceSpec spec() {
        return spec;
    }

    /** How long the replay lasts: the replayed slice of trace time divided by the speedup. */
    public Duration during() {
        return Duration.ofNanos(durationNs);
    }

    /** The factor counts and rates are multiplied by: the step's {@code scale} times any profile scale. */
    public double scale() {
        return scale;
    }

    /** The same replay with its counts and rates multiplied by {@code factor} (the file is not read again). */
    public TraceReplay scaled(double factor) {
        return new TraceReplay(spec, file, start, end, durationNs, bins, peak, scale * factor);
    }

    /** The expected number of arrivals of the replay. */
    public double expectedArrivals() {
        return bins.total() * scale;
    }

    /**
     * The mean arrival rate {@code t} seconds into the replay: a row's rate for a CSV series whose
     * rows are evenly spaced (rows are averaged into at most {@link RateBins#MAX_BINS} bins), the
     * requests per minute of trace time for an access log; times speedup and scale.
     */
    public double rateAt(double t) {
        if (!(t >= 0) || t * 1e9 >= durationNs) {
            return 0;
        }
        return bins.rateAt(start + t * spec.speedup(), end) * spec.speedup() * scale;
    }

    /** The highest mean rate: the busiest row of a CSV series, the busiest minute of a log; times speedup and scale. */
    public double peakRate() {
        return peak * spec.speedup() * scale;
    }

    /** The replay's arrivals, {@code offsetNs} after the run's start, reading the file as they are pulled. */
    public ArrivalStream arrivals(long offsetNs, RandomGenerator rng) {
        try {
            return spec.format() == TraceFormat.CSV ? new CsvArrivals(this, offsetNs, rng) : new ClfArrivals(this, offsetNs, rng);
        } catch (IOException e) {
            throw new UncheckedIOException("trace file " + file + ": cannot read it", e);
        } catch (TraceException e) {
            throw changed(e);
        }
    }

    /** A problem found while replaying a file that was fine when the profile was read. */
    IllegalStateException changed(TraceException e) {
        return new IllegalStateException("trace file " + file + (e.line() > 0 ? ":" + e.line() : "") + ": "
                + e.getMessage() + " (the file changed after the profile was read)");
    }

    double start() {
        return start;
    }

    /** The width of the rate summary's bins, in trace seconds. */
    double binsWidth() {
        return bins.width();
    }

    double end() {
        return end;
    }

    @Override
    public String toString() {
        return "trace " + file + " (" + spec.format().name().toLowerCase(java.util.Locale.ROOT) + ", speedup "
                + FieldError.number(spec.speedup()) + ", scale " + FieldError.number(scale) + ", " + during() + ")";
    }

    /** Nanoseconds into the replay of trace time {@code t} (seconds), before clamping. */
    long toNs(double t) {
        return Math.round((t - start) / spec.speedup() * 1e9);
    }

    /** Nanoseconds of replay for {@code seconds} of trace time. */
    long lengthNs(double seconds) {
        return Math.round(seconds / spec.speedup() * 1e9);
    }
}
