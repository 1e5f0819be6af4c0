package io.headroom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {
    /** Every rank of arrays of 1..100 values (distinct, few distinct, sorted, reversed) is the sorted array's. */
    @Test
    void everyRankIsTheSortedArraysAndTheRangeIsPartitioned() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 1; n <= 100; n++) {
            for (int shape = 0; shape < 4; shape++) {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = switch (shape) {
                        case 0 -> random.nextLong(1_000_000_000L);
                        case 1 -> random.nextLong(3);
                        case 2 -> i;
                        default -> n - i;
                    };
                }
                long[] sorted = values.clone();
                Arrays.sort(sorted);
                for (int k = 0; k < n; k++) {
                    long[] a = values.clone();
                    assertEquals(sorted[k], OrderStatistics.select(a, 0, n, k), "n " + n + " shape " + shape + " k " + k);
                    for (int i = 0; i < n; i++) {
                        assertTrue(i < k ? a[i] <= a[k] : a[i] >= a[k], "not partitioned at " + i);
                    }
                    long[] after = a.clone();
                    Arrays.sort(after);
                    assertTrue(Arrays.equals(sorted, after), "values lost or invented");
                }
            }
        }
    }

    /** Within a sub-range only that range is looked at; a rank outside it is refused. */
    @Test
    void subRange() {
        long[] a = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        assertEquals(5, OrderStatistics.select(a, 2, 6, 3)); // {7, 6, 5, 4}: second smallest 5 at index 3
        assertEquals(9, a[0]);
        assertEquals(1, a[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> OrderStatistics.select(a, 2, 6, 6));
    }
}
