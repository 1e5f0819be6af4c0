package io.headroom.load.arrival;

/**
 * How Gatling spreads a whole number of users over equal slots (the seconds of a step, the
 * milliseconds of a second): slot {@code i} of {@code n} ends where the running total reaches
 * {@code ceil(total / n * (i + 1))}, computed in {@code double} exactly as Gatling 3.15's
 * {@code io.gatling.core.util.Shard} does ({@code shard(total, index, count).length} and
 * {@code shards(total, count)} share that rule), with the last slot closing on {@code total}. So the
 * larger slots come first in each run of the pattern, and a profile without {@code randomized}
 * starts users at the very milliseconds Gatling would. Checked against Gatling's own code in
 * {@code GatlingParityTest}.
 */
public final class GatlingShard {
    private GatlingShard() {
    }

    /** The number of users in slot {@code index} of {@code count} slots sharing {@code total} users. */
    public static long at(long total, long index, long count) {
        return cumulative(total, index, count) - cumulative(total, index - 1, count);
    }

    /** Users in slots {@code 0..index}; the double arithmetic (and its rounding) is Gatling's. */
    private static long cumulative(long total, long index, long count) {
        if (index < 0) {
            return 0;
        }
        if (index == count - 1) {
            return total;
        }
        return (long) Math.ceil((double) total / (double) count * (double) (index + 1));
    }
}
