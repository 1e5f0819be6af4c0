package io.headroom.pricing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Commitment coverage at an instant on a table of cases. Types are written {@code running/reserved@usdPerHour}
 * separated by spaces; plans {@code capacity×factor} (capacity in on-demand USD per hour, factor = 1 - discount).
 */
class CommitmentCoverageTest {

    @ParameterizedTest(name = "{0} | plans {1}")
    @CsvSource(delimiter = '|', value = {
        // types                 | plans            | covered fractions | uncovered | plan used | paid
        // nothing runs, nothing committed
        "0/0@1                   | -                | 0                 | 0         | 0         | 0",
        // no commitments: everything is paid on demand
        "4/0@0.5                 | -                | 0                 | 2         | 0         | 2",
        // a reservation covers part of the fleet
        "4/3@0.5                 | -                | 0.75              | 0.5       | 0         | 0.5",
        // a reservation larger than the fleet covers all of it (the rest goes unused)
        "2/5@0.5                 | -                | 1                 | 0         | 0         | 0",
        // reservations are per type
        "2/2@0.5 3/0@1           | -                | 1 0               | 3         | 0         | 3",
        // a savings plan covers up to its capacity, valued at its rate
        "4/0@0.5                 | 1.5×0.7          | 0                 | 2         | 1.05      | 0.5",
        // a plan larger than the spend covers all of it
        "4/0@0.5                 | 5×0.7            | 0                 | 2         | 1.4       | 0",
        // reservations first, the plan takes what they leave
        "4/3@0.5 2/0@1           | 1×0.6            | 0.75 0            | 2.5       | 0.6       | 1.5",
        // plans in the order listed
        "10/0@1                  | 4×0.5 4×0.8      | 0                 | 10        | 5.2       | 2",
        // the first plan may leave nothing for the second
        "3/0@1                   | 4×0.5 4×0.8      | 0                 | 3         | 1.5       | 0",
    })
    void coversReservationsFirstThenPlansInOrder(String types, String plans, String fractions, double uncovered, double planUsed,
                                                 double paid) {
        String[] t = types.trim().split("\\s+");
        int[] running = new int[t.length];
        int[] reserved = new int[t.length];
        double[] price = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            String[] countsAndPrice = t[i].split("@");
            String[] counts = countsAndPrice[0].split("/");
            running[i] = Integer.parseInt(counts[0]);
            reserved[i] = Integer.parseInt(counts[1]);
            price[i] = Double.parseDouble(countsAndPrice[1]);
        }
        String[] p = plans.trim().equals("-") ? new String[0] : plans.trim().split("\\s+");
        double[] capacity = new double[p.length];
        double[] factor = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            String[] cf = p[i].split("×");
            capacity[i] = Double.parseDouble(cf[0]);
            factor[i] = Double.parseDouble(cf[1]);
        }
        double[] expected = Arrays.stream(fractions.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();

        CommitmentCoverage c = CommitmentCoverage.of(running, reserved, price, capacity, factor);
        assertArrayEquals(expected, c.coveredFraction(), 1e-12);
        assertEquals(uncovered, c.uncoveredUsdPerHour(), 1e-12);
        assertEquals(planUsed, c.planUsedUsdPerHour(), 1e-12);
        assertEquals(paid, c.paidUsdPerHour(), 1e-12);
        assertEquals(uncovered > 0 ? paid / uncovered : 1, c.paidFraction(), 1e-12);
    }
}
