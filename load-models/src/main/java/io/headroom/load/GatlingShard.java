package io.headroom.load;

/**
 * How Gatling spreads a whole number of users over equal slots (seconds of a step, milliseconds of
 * a second): as evenly as possible, with the larger and smaller buckets interleaved in a regular
 * pattern. A reimplementation of the semantics of Gatling's {@code io.gatling.core.util.Shard}
 * ({@code shard(total, index, count).length} and {@code shards(total, count)}), so that a profile
 * without {@code randomized} starts users at the very milliseconds Gatling would.
 */
final class GatlingShard {
    private GatlingShard() {
    }

    /** The number of users in slot {@code index} of {@code count} slots sharing {@code total} users. */
    static long at(long total, long index, long count) {
        if (count == 1) {
            return total;
        }
        long small = total / count;
        long large = small + 1;
        long largeCount = total % count;
        long smallCount = count - largeCount;
        if (largeCount == 0) {
            return small;
        }
        if (smallCount == 0) {
            return large;
        }
        return largeCount > smallCount
                ? pick(largeCount, large, smallCount, small, index)
                : pick(smallCount, small, largeCount, large, index);
    }

    /** Value of slot {@code index} in a pattern where A (the more numerous) and B alternate, A×ratio per B. */
    private static long pick(long countA, long valueA, long countB, long valueB, long index) {
        long ratio = countA / countB;
        long patternLength = ratio + 1;
        if (index / patternLength >= countB) {
            return valueA; // after countB full patterns only A values remain
        }
        long modulo = index % patternLength;
        if (valueA >= valueB) {
            return modulo == ratio ? valueB : valueA; // (A, ..., A, B)
        }
        return modulo == 0 ? valueB : valueA; // (B, A, ..., A)
    }
}
