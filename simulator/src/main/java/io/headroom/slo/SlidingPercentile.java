package io.headroom.slo;

import io.headroom.metrics.PercentileScan;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of each step's latencies and of the last {@code k} steps together, sliding one step at a time, exactly
 * as an HdrHistogram of 3 significant digits ({@code new Histogram(3)}) holding those latencies would answer them.
 *
 * <p>Merging {@code k} step histograms into a window's by {@code add} and {@code subtract} walks every bucket of both
 * (about 21,000 for latencies up to a second) several times a step, whatever the step held. Here each latency is
 * counted in its bucket — the histogram's own: 2,048 sub-buckets, then 1,024 per power of two, numbered as the
 * library numbers them — in its step's counts and in the window's, which also keeps a sum per block of 1,024
 * buckets. A step leaves the window over the buckets it used only; a percentile walks the blocks, then one block's
 * buckets, to the bucket where the count reaches the library's target ({@link PercentileScan#targetCount}), and
 * answers that bucket's highest equivalent value (its lowest for p0), as {@code getValueAtPercentile} does.
 */
final class SlidingPercentile {
    /** Histogram(3): 2,048 sub-buckets, so 1,024 buckets per power of two above the first 2,048 values. */
    private static final int HALF_MAGNITUDE = 10;
    private static final int HALF = 1 << HALF_MAGNITUDE;
    private static final long SUB_MASK = (2L << HALF_MAGNITUDE) - 1;
    private static final int LEADING_ZERO_BASE = 64 - (HALF_MAGNITUDE + 1);
    private static final int BLOCK_MAGNITUDE = 10;

    /** Used only for its equivalent-value arithmetic, the same for every histogram of 3 digits and unit 1. */
    private final Histogram shape = new Histogram(3);
    private final long[][] step;
    private final int[] stepLow;
    private final int[] stepHigh;
    private final long[] stepCount;
    private long[] window = new long[1];
    private long[] block = new long[1];
    private long windowCount;

    /** @param slots the steps held at once: the window's {@code k} and the one being tallied */
    SlidingPercentile(int slots) {
        step = new long[slots][1];
        stepLow = new int[slots];
        stepHigh = new int[slots];
        stepCount = new long[slots];
        Arrays.fill(stepLow, Integer.MAX_VALUE);
        Arrays.fill(stepHigh, -1);
    }

    /** The bucket of {@code value} (ns, at least 0), numbered as HdrHistogram numbers its counts. */
    static int index(long value) {
        int bucket = LEADING_ZERO_BASE - Long.numberOfLeadingZeros(value | SUB_MASK);
        int sub = (int) (value >>> bucket);
        return ((bucket + 1) << HALF_MAGNITUDE) + (sub - HALF);
    }

    /** The lowest value in bucket {@code index}. */
    static long valueAt(int index) {
        int bucket = (index >> HALF_MAGNITUDE) - 1;
        int sub = (index & (HALF - 1)) + HALF;
        if (bucket < 0) {
            sub -= HALF;
            bucket = 0;
        }
        return (long) sub << bucket;
    }

    /** Counts {@code latencyNs} in slot {@code slot} (the step being tallied). */
    void record(int slot, long latencyNs) {
        if (latencyNs < 0) {
            throw new IllegalArgumentException("negative latency " + latencyNs + " ns");
        }
        int i = index(latencyNs);
        long[] counts = step[slot];
        if (i >= counts.length) {
            counts = step[slot] = Arrays.copyOf(counts, grown(counts.length, i));
        }
        counts[i]++;
        stepCount[slot]++;
        if (i < stepLow[slot]) {
            stepLow[slot] = i;
        }
        if (i > stepHigh[slot]) {
            stepHigh[slot] = i;
        }
    }

    private static int grown(int length, int index) {
        int n = Math.max(length, 1024);
        while (n <= index) {
            n *= 2;
        }
        return n;
    }

    /** Adds slot {@code slot}'s latencies to the window (a step that closed). */
    void enter(int slot) {
        int hi = stepHigh[slot];
        if (hi >= window.length) {
            window = Arrays.copyOf(window, grown(window.length, hi));
            block = Arrays.copyOf(block, (window.length >> BLOCK_MAGNITUDE) + 1);
        }
        long[] counts = step[slot];
        for (int i = stepLow[slot]; i <= hi; i++) {
            long c = counts[i];
            if (c != 0) {
                window[i] += c;
                block[i >> BLOCK_MAGNITUDE] += c;
            }
        }
        windowCount += stepCount[slot];
    }

    /** Takes slot {@code slot}'s latencies out of the window (a step that left it, having entered) and empties the slot. */
    void leave(int slot) {
        long[] counts = step[slot];
        for (int i = stepLow[slot], hi = stepHigh[slot]; i <= hi; i++) {
            long c = counts[i];
            if (c != 0) {
                window[i] -= c;
                block[i >> BLOCK_MAGNITUDE] -= c;
            }
        }
        windowCount -= stepCount[slot];
        empty(slot);
    }

    /** Empties slot {@code slot} without touching the window (a step that never entered it, or has left it). */
    void empty(int slot) {
        long[] counts = step[slot];
        int lo = stepLow[slot];
        int hi = stepHigh[slot];
        if (lo <= hi) {
            Arrays.fill(counts, lo, hi + 1, 0L);
        }
        stepCount[slot] = 0;
        stepLow[slot] = Integer.MAX_VALUE;
        stepHigh[slot] = -1;
    }

    /** The percentile of slot {@code slot}'s latencies, ns; the slot holds at least one. */
    long stepPercentile(int slot, double percent) {
        long target = PercentileScan.targetCount(percent, stepCount[slot]);
        long[] counts = step[slot];
        long running = 0;
        for (int i = stepLow[slot], hi = stepHigh[slot]; i <= hi; i++) {
            running += counts[i];
            if (running >= target) {
                return answer(i, percent);
            }
        }
        throw new IllegalStateException("a step of " + stepCount[slot] + " latencies never reached " + target);
    }

    /** The percentile of the window's latencies, ns; the window holds at least one. */
    long windowPercentile(double percent) {
        long target = PercentileScan.targetCount(percent, windowCount);
        long running = 0;
        for (int b = 0; b < block.length; b++) {
            if (running + block[b] < target) {
                running += block[b];
                continue;
            }
            for (int i = b << BLOCK_MAGNITUDE; ; i++) {
                running += window[i];
                if (running >= target) {
                    return answer(i, percent);
                }
            }
        }
        throw new IllegalStateException("a window of " + windowCount + " latencies never reached " + target);
    }

    private long answer(int index, double percent) {
        long value = valueAt(index);
        return percent == 0.0 ? shape.lowestEquivalentValue(value) : shape.highestEquivalentValue(value);
    }
}
