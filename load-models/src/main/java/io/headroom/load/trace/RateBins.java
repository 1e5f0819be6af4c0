package io.headroom.load.trace;

import java.util.Arrays;

/**
 * A trace's expected arrivals in equal bins of trace time from {@code origin}: what a preview shows
 * and what a load estimate reads, without the trace in memory. At most {@link #MAX_BINS} bins: when a
 * longer trace would need more, neighbouring bins are merged and the width doubles, so memory stays
 * bounded whatever the trace's length.
 */
final class RateBins {
    static final int MAX_BINS = 1 << 16;

    private final double origin;
    private double width;
    private double[] mass = new double[64];
    private int used;

    RateBins(double origin, double width) {
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("bin width " + width);
        }
        this.origin = origin;
        this.width = width;
    }

    /** Adds {@code amount} expected arrivals spread evenly over {@code [from, to)} (trace seconds, from at or after the origin). */
    void add(double from, double to, double amount) {
        if (!(to > from) || amount == 0) {
            return;
        }
        double density = amount / (to - from);
        long last = (long) Math.floor((to - origin) / width);
        while (last >= MAX_BINS) {
            merge();
            last = (long) Math.floor((to - origin) / width);
        }
        long firstBin = Math.max(0, (long) Math.floor((from - origin) / width));
        if (last >= mass.length) {
            mass = Arrays.copyOf(mass, (int) Math.min(MAX_BINS, Math.max(last + 1, 2L * mass.length)));
        }
        for (long k = firstBin; k <= last; k++) {
            double lo = Math.max(from, origin + k * width);
            double hi = Math.min(to, origin + (k + 1) * width);
            if (hi > lo) {
                mass[(int) k] += density * (hi - lo);
                used = (int) Math.max(used, k + 1);
            }
        }
    }

    private void merge() {
        int n = (used + 1) / 2;
        for (int i = 0; i < n; i++) {
            mass[i] = mass[2 * i] + (2 * i + 1 < used ? mass[2 * i + 1] : 0);
        }
        Arrays.fill(mass, n, mass.length, 0);
        used = n;
        width *= 2;
    }

    /** The mean rate (per trace second) in the bin holding {@code t}; its last bin is cut at {@code end}. */
    double rateAt(double t, double end) {
        if (t < origin || t >= end) {
            return 0;
        }
        long k = (long) Math.floor((t - origin) / width);
        if (k >= used) {
            return 0;
        }
        return mass[(int) k] / binWidth(k, end);
    }

    /** The highest bin rate (per trace second). */
    double maxRate(double end) {
        double max = 0;
        for (int k = 0; k < used; k++) {
            max = Math.max(max, mass[k] / binWidth(k, end));
        }
        return max;
    }

    /** All the expected arrivals. */
    double total() {
        double sum = 0;
        for (int k = 0; k < used; k++) {
            sum += mass[k];
        }
        return sum;
    }

    /** The bin width now, in trace seconds. */
    double width() {
        return width;
    }

    private double binWidth(long k, double end) {
        return Math.max(Math.min(width, end - (origin + k * width)), Math.ulp(end));
    }
}
