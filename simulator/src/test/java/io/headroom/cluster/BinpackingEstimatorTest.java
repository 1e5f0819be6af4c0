package io.headroom.cluster;

import static io.headroom.cluster.AutoscalerFixtures.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinpackingEstimatorTest {
    private final AutoscalerFixtures f = new AutoscalerFixtures();

    @Test
    void firstFitDecreasingOverEquivalenceGroups() {
        NodeShape template = new NodeShape(4000, 16 * GIB, 110);
        List<Pod> small = f.pods(4, 3, 1000, GIB, 0);      // score 0.25 + 0.0625 = 0.3125
        List<Pod> big = f.pods(2, 1, 2500, 2 * GIB, 0);    // 0.625 + 0.125 = 0.75
        List<Pod> fat = f.pods(3, 2, 500, 6 * GIB, 0);     // 0.125 + 0.375 = 0.5
        List<Pod> all = new ArrayList<>(small);
        all.addAll(big);
        all.addAll(fat);
        // big first: N1 = 2500m; the second does not fit N1 (5000m) -> N2 = 2500m.
        // fat: N1 3000m/8G, N1 3500m/14G, then N1 is full on memory (20G) -> N2 3000m/8G.
        // small: N2 4000m/9G; the next fits no node -> the rest go onto new nodes: N3 1000, 2000, 3000m.
        BinpackingEstimator.Estimate e = BinpackingEstimator.estimate(all, 0, template, 0);
        assertEquals(3, e.nodeCount());
        List<Pod> expected = new ArrayList<>(big);
        expected.addAll(fat);
        expected.addAll(small);
        assertEquals(expected, e.pods());
    }

    @Test
    void memoryCanBeTheBindingResource() {
        // 250m and 3 GiB each on 4 CPU / 8 GiB: CPU would hold 16, memory holds 2 -> 6 pods need 3 nodes
        NodeShape template = new NodeShape(4000, 8 * GIB, 110);
        BinpackingEstimator.Estimate e = BinpackingEstimator.estimate(f.pods(6, 1, 250, 3 * GIB, 0), 0, template, 0);
        assertEquals(3, e.nodeCount());
        assertEquals(6, e.pods().size());
    }

    @Test
    void thePodCountLimitBindsToo() {
        NodeShape template = new NodeShape(4000, 16 * GIB, 4);
        assertEquals(3, BinpackingEstimator.estimate(f.pods(9, 1, 100, GIB, 0), 0, template, 0).nodeCount());
    }

    @Test
    void theNodeLimitStopsThePackingAndKeepsWhatWasPlaced() {
        NodeShape template = new NodeShape(4000, 8 * GIB, 110);
        BinpackingEstimator.Estimate e = BinpackingEstimator.estimate(f.pods(6, 1, 250, 3 * GIB, 0), 0, template, 2);
        assertEquals(2, e.nodeCount());
        assertEquals(4, e.pods().size());
        assertEquals(0, BinpackingEstimator.estimate(f.pods(6, 1, 250, 3 * GIB, 0), 0, template, -1).nodeCount());
    }
}
