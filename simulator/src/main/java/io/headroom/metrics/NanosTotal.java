package io.headroom.metrics;

/**
 * An exact total of non-negative durations in nanoseconds — the time requests spent somewhere,
 * summed one request at a time — that a run of any length cannot overflow: a {@code long} that
 * carries into a count of 2^63 when it would pass {@code Long.MAX_VALUE} (292 years of
 * request-time). Adding is one integer add and a branch never taken in practice; no rounding ever,
 * so a sum of a billion sojourns is the sum to the nanosecond.
 */
public final class NanosTotal {
    private static final double TWO_TO_63 = 0x1p63;

    private long low;   // in [0, 2^63)
    private long carry; // multiples of 2^63

    /** Adds {@code ns} (≥ 0). */
    public void add(long ns) {
        long s = low + ns;
        if (s < 0) { // passed Long.MAX_VALUE: low and ns are both below 2^63, so s + 2^63 is the true sum less 2^63
            s += Long.MIN_VALUE;
            carry++;
        }
        low = s;
    }

    /** The total, in nanoseconds (exact up to 2^53, then to the double nearest). */
    public double nanos() {
        return carry * TWO_TO_63 + low;
    }
}
