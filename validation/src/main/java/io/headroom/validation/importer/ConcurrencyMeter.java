package io.headroom.validation.importer;

import java.util.PriorityQueue;

/**
 * The most requests one instance served at once, from the intervals of its server spans: a sweep over the intervals
 * in start order, with the ends of those in progress in a heap. Spans reach it trace by trace, not in start order,
 * so they wait in a reorder buffer until the export's clock has moved on by more than any trace can be late
 * ({@link #release}); only those waiting are held.
 */
final class ConcurrencyMeter {
    private final PriorityQueue<long[]> pending = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final PriorityQueue<Long> inProgress = new PriorityQueue<>();
    private long lastStartNs = Long.MIN_VALUE;
    private int max;
    private long outOfOrder;
    private long spans;
    private long firstStartNs = Long.MAX_VALUE;
    private long lastEndNs = Long.MIN_VALUE;

    void add(long startNs, long endNs) {
        pending.add(new long[] {startNs, endNs});
        spans++;
        firstStartNs = Math.min(firstStartNs, startNs);
        lastEndNs = Math.max(lastEndNs, endNs);
    }

    /** When the instance was first seen serving, and last: the interval it was up for, as far as the export shows. */
    long firstStartNs() {
        return firstStartNs;
    }

    long lastEndNs() {
        return lastEndNs;
    }

    /** Sweeps every waiting interval that starts before {@code beforeNs}. */
    void release(long beforeNs) {
        while (!pending.isEmpty() && pending.peek()[0] < beforeNs) {
            sweep(pending.poll());
        }
    }

    private void sweep(long[] interval) {
        if (interval[0] < lastStartNs) {
            outOfOrder++; // arrived after later starts were swept: counted at the sweep's current point
        }
        lastStartNs = Math.max(lastStartNs, interval[0]);
        while (!inProgress.isEmpty() && inProgress.peek() <= interval[0]) {
            inProgress.poll();
        }
        inProgress.add(interval[1]);
        max = Math.max(max, inProgress.size());
    }

    /** Sweeps everything still waiting: the export has ended. */
    int finish() {
        release(Long.MAX_VALUE);
        return max;
    }

    int max() {
        return max;
    }

    long spans() {
        return spans;
    }

    /** Intervals that arrived too late to be swept in their place (a trace longer than the reorder window). */
    long outOfOrder() {
        return outOfOrder;
    }
}
