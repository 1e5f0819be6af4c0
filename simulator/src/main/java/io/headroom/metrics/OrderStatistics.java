package io.headroom.metrics;

/**
 * The k-th smallest of a few dozen values without sorting them all: Hoare's selection
 * (quickselect), the pivot the median of the range's first, middle and last values, short ranges
 * finished by insertion sort. A window's p50, p95 and p99 need three ranks of about 32 latencies;
 * selecting them costs about half of sorting the window. The value selected does not depend on
 * the method, so the percentiles are the same to the bit as after a sort.
 */
public final class OrderStatistics {
    /** Ranges this short are insertion-sorted. */
    private static final int SHORT = 12;

    private OrderStatistics() {
    }

    /**
     * The {@code k}-th smallest (0-based) of {@code a[from..to)}, which it leaves partitioned: every
     * value before index {@code k} is at most {@code a[k]}, every value after it at least {@code a[k]}.
     */
    public static long select(long[] a, int from, int to, int k) {
        if (k < from || k >= to) {
            throw new IndexOutOfBoundsException("rank " + k + " outside [" + from + ", " + to + ")");
        }
        int lo = from;
        int hi = to - 1;
        while (hi - lo >= SHORT) {
            int mid = (lo + hi) >>> 1;
            // median of three into a[mid], with a[lo] <= a[mid] <= a[hi] as sentinels
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            long pivot = a[mid];
            int i = lo;
            int j = hi;
            while (true) {
                do {
                    i++;
                } while (a[i] < pivot);
                do {
                    j--;
                } while (a[j] > pivot);
                if (i >= j) {
                    break;
                }
                swap(a, i, j);
            }
            // a[lo..j] <= pivot <= a[j+1..hi]
            if (k <= j) {
                hi = j;
            } else {
                lo = j + 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
        return a[k];
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
