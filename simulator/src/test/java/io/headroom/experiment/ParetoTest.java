package io.headroom.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Pareto frontier on hand-made points, each case worked out on paper. */
class ParetoTest {

    @Test
    void keepsExactlyTheNonDominatedPoints() {
        //            0    1    2    3    4    5    6
        double[] x = {1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 0.5};
        double[] y = {9.0, 5.0, 6.0, 5.0, 2.0, 2.0, 12.0};
        // 2 is dominated by 1 (same cost, slower); 3 by 1 (dearer, as slow); 5 by 4 (dearer, as slow);
        // 6 is the cheapest, so nothing beats it on cost: it stays, as do 0, 1 and 4.
        assertEquals(List.of(6, 0, 1, 4), Pareto.frontier(x, y));
    }

    @Test
    void identicalPointsBothStayAndMissingValuesNeverDo() {
        double[] x = {1.0, 1.0, Double.NaN, 0.1, 2.0};
        double[] y = {3.0, 3.0, 0.0, Double.NaN, 1.0};
        assertEquals(List.of(0, 1, 4), Pareto.frontier(x, y));
    }

    @Test
    void aPointBestOnBothIsTheWholeFrontier() {
        double[] x = {3, 1, 2, 4};
        double[] y = {3, 1, 2, 0.5};
        assertEquals(List.of(1, 3), Pareto.frontier(x, y));
        assertEquals(List.of(), Pareto.frontier(new double[0], new double[0]));
    }
}
