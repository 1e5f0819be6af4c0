package io.headroom.load.trace;

import io.headroom.load.arrival.ArrivalStream;
import java.io.IOException;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The arrivals of a CSV trace, row by row as the file is read (see {@link TraceReplay} for the rules).
 * A row's arrivals are kept inside the row's own nanoseconds, so rounding never moves one into the
 * next row, and a count row replays its count exactly.
 */
final class CsvArrivals implements ArrivalStream {
    private final TraceReplay replay;
    private final long offsetNs;
    private final RandomGenerator rng;
    private final boolean counts;
    private final double scale;
    private final SortedUniforms uniforms;
    private CsvRows rows;

    /** The next row, read ahead to know where the current one ends. */
    private boolean pending;
    private double pendingTime;
    private double pendingValue;
    private double width;

    /** The current row [a, b), its value, the part of it inside the replay [lo, hi) and that part in ns. */
    private double a;
    private double b;
    private double lo;
    private double hi;
    private long loNs;
    private long hiNs;
    private long aNs;
    private boolean emitting;
    private double rate;
    private double x;

    CsvArrivals(TraceReplay replay, long offsetNs, RandomGenerator rng) throws IOException, TraceException {
        this.replay = replay;
        this.offsetNs = offsetNs;
        this.rng = rng;
        this.counts = replay.spec().counts();
        this.scale = replay.scale();
        this.uniforms = new SortedUniforms(rng);
        this.width = replay.spec().unit().seconds();
        this.rows = CsvRows.open(replay.file(), replay.spec());
        readAhead();
    }

    private void readAhead() {
        try {
            pending = rows.next();
            if (pending) {
                pendingTime = rows.time();
                pendingValue = rows.value();
            } else {
                close();
            }
        } catch (IOException | TraceException e) {
            close();
            throw TraceReading.failure(replay, e);
        }
    }

    private void close() {
        TraceReading.closeQuietly(rows);
        rows = null;
        pending = false;
    }

    @Override
    public long next() {
        while (true) {
            if (emitting) {
                if (counts) {
                    while (uniforms.hasNext()) {
                        double u = uniforms.next();
                        double t = u * (b - a); // seconds into the row
                        if (a + t < lo) {
                            continue;
                        }
                        if (a + t >= hi && hi < b) {
                            break;
                        }
                        return emit(aNs + replay.lengthNs(t));
                    }
                } else {
                    x += -Math.log(1 - rng.nextDouble()) / rate;
                    if (lo + x < hi) {
                        return emit(loNs + replay.lengthNs(x));
                    }
                }
                emitting = false;
            }
            if (!nextRow()) {
                return END;
            }
        }
    }

    private long emit(long ns) {
        return offsetNs + Math.max(loNs, Math.min(ns, hiNs - 1));
    }

    /** Moves to the next row that overlaps the replay; false when there is none. */
    private boolean nextRow() {
        while (pending) {
            a = pendingTime;
            double value = pendingValue;
            if (a >= replay.end()) {
                close();
                return false;
            }
            readAhead();
            if (pending) {
                b = pendingTime;
                width = b - a;
            } else {
                b = a + width;
            }
            lo = Math.max(a, replay.start());
            hi = Math.min(b, replay.end());
            if (!(hi > lo)) {
                continue;
            }
            loNs = replay.toNs(lo);
            hiNs = Math.max(loNs + 1, replay.toNs(hi));
            aNs = replay.toNs(a);
            if (counts) {
                long n = SortedUniforms.stochasticRound(scale * value, rng);
                if (n == 0) {
                    continue;
                }
                uniforms.reset(n);
            } else {
                rate = scale * value;
                if (rate == 0) {
                    continue;
                }
                x = 0;
            }
            emitting = true;
            return true;
        }
        return false;
    }
}
