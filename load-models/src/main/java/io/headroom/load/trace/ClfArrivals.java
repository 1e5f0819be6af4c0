package io.headroom.load.trace;

import io.headroom.load.arrival.ArrivalStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The arrivals of an access log, second by second as the file is read (see {@link TraceReplay}).
 * Lines are gathered by logged second in a buffer that holds a second until a line more than
 * {@link TraceReplay#MAX_DISORDER_S} seconds later has been read (no line can then still belong
 * to it); the second's requests then arrive at sorted uniform times inside it, each with its
 * line's key ({@link PathKeys}), in the order of the lines.
 */
final class ClfArrivals implements ArrivalStream {
    private final TraceReplay replay;
    private final long offsetNs;
    private final RandomGenerator rng;
    private final double scale;
    private final SortedUniforms uniforms;
    private final PathKeys keys = new PathKeys();
    private final TreeMap<Long, Keys> seconds = new TreeMap<>();
    private ClfLines log;
    private long latest = Long.MIN_VALUE;

    /** The second being played: its lines' keys, how many copies of each ({@code scale}), where we are. */
    private Keys current;
    private int[] copies = new int[16];
    private int line;
    private int copiesLeft;
    private double uLo;
    private double uHi;
    private long secondNs;
    private long loNs;
    private long hiNs;
    private long key = NO_KEY;

    ClfArrivals(TraceReplay replay, long offsetNs, RandomGenerator rng) throws IOException {
        this.replay = replay;
        this.offsetNs = offsetNs;
        this.rng = rng;
        this.scale = replay.scale();
        this.uniforms = new SortedUniforms(rng);
        this.log = new ClfLines(replay.file());
    }

    @Override
    public long next() {
        while (true) {
            while (current != null && uniforms.hasNext()) {
                double u = uniforms.next();
                while (copiesLeft == 0) {
                    line++;
                    copiesLeft = copies[line];
                }
                copiesLeft--;
                if (u < uLo) {
                    continue;
                }
                if (u >= uHi) {
                    break;
                }
                key = current.at(line);
                long ns = secondNs + replay.lengthNs(u);
                return offsetNs + Math.max(loNs, Math.min(ns, hiNs - 1));
            }
            current = null;
            if (!nextSecond()) {
                key = NO_KEY;
                return END;
            }
        }
    }

    @Override
    public long key() {
        return key;
    }

    /** Moves to the next logged second with arrivals in the replay; false at the end. */
    private boolean nextSecond() {
        while (true) {
            fill();
            Map.Entry<Long, Keys> first = seconds.pollFirstEntry();
            if (first == null) {
                return false;
            }
            long s = first.getKey();
            Keys k = first.getValue();
            double lo = Math.max(s, replay.start());
            double hi = Math.min(s + 1.0, replay.end());
            if (!(hi > lo)) {
                continue;
            }
            if (copies.length < k.size()) {
                copies = new int[Math.max(k.size(), 2 * copies.length)];
            }
            long n = 0;
            for (int i = 0; i < k.size(); i++) {
                copies[i] = (int) SortedUniforms.stochasticRound(scale, rng);
                n += copies[i];
            }
            if (n == 0) {
                continue;
            }
            current = k;
            line = 0;
            copiesLeft = copies[0];
            uLo = lo - s;
            uHi = hi - s;
            secondNs = replay.toNs(s);
            loNs = replay.toNs(lo);
            hiNs = Math.max(loNs + 1, replay.toNs(hi));
            uniforms.reset(n);
            return true;
        }
    }

    /** Reads lines until the earliest buffered second can get no more lines (or the log ends). */
    private void fill() {
        try {
            while (log != null && (seconds.isEmpty() || latest <= seconds.firstKey() + TraceReplay.MAX_DISORDER_S)) {
                if (!log.next()) {
                    close();
                    return;
                }
                long s = log.second();
                if (latest != Long.MIN_VALUE && s < latest - TraceReplay.MAX_DISORDER_S) {
                    throw new TraceException(log.line(), "out of time order");
                }
                latest = Math.max(latest, s);
                if (s + 1.0 > replay.start() && s < replay.end()) {
                    long id = keys.id(log.path());
                    seconds.computeIfAbsent(s, x -> new Keys()).add(id);
                } else if (s >= replay.end() + TraceReplay.MAX_DISORDER_S + 1) {
                    close(); // no later line can fall inside the replay
                }
            }
        } catch (IOException | TraceException e) {
            close();
            throw TraceReading.failure(replay, e);
        }
    }

    private void close() {
        TraceReading.closeQuietly(log);
        log = null;
    }

    /** The keys of one second's lines, in file order. */
    private static final class Keys {
        private long[] keys = new long[4];
        private int size;

        void add(long k) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, 2 * size);
            }
            keys[size++] = k;
        }

        int size() {
            return size;
        }

        long at(int i) {
            return keys[i];
        }
    }
}
