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

    /** Cases of upstream's {@code estimator/binpacking_estimator_test.go}: template memory in MiB, pod memory in bytes. */
    @Test
    void upstreamCases() {
        long mib = 1024 * 1024;
        // simple resource-based binpacking: 2 pods of 350m per 1000m node
        BinpackingEstimator.Estimate e = BinpackingEstimator.estimate(f.pods(10, 1, 350, 1000, 0), 0,
                new NodeShape(350 * 3 - 50, 2 * 1000 * mib, 10), 0);
        assertEquals(5, e.nodeCount());
        assertEquals(10, e.pods().size());
        // pods-per-node bound binpacking
        e = BinpackingEstimator.estimate(f.pods(20, 1, 10, 100, 0), 0, new NodeShape(10000, 20000 * mib, 10), 0);
        assertEquals(2, e.nodeCount());
        // limiter cuts binpacking
        e = BinpackingEstimator.estimate(f.pods(20, 1, 500, 1000, 0), 0, new NodeShape(1000, 5000 * mib, 10), 5);
        assertEquals(5, e.nodeCount());
        assertEquals(10, e.pods().size());
        // decreasing ordered pods are processed first
        List<Pod> low = f.pods(10, 1, 50, 1000, 0);
        List<Pod> high = f.pods(10, 1, 500, 1000, 0);
        List<Pod> both = new ArrayList<>(low);
        both.addAll(high);
        e = BinpackingEstimator.estimate(both, 0, new NodeShape(1000, 5000 * mib, 10), 5);
        assertEquals(5, e.nodeCount());
        assertEquals(high, e.pods());
        // BenchmarkBinpackingEstimate: 50 000 pods of 50m and 1 000 of 95m on 1000m nodes of 100 pods
        List<Pod> many = f.pods(50000, 1, 50, 100, 0);
        many.addAll(f.pods(1000, 1, 95, 190, 0));
        e = BinpackingEstimator.estimate(many, 0, new NodeShape(1000, 5000 * mib, 100), 3000);
        assertEquals(2595, e.nodeCount());
        assertEquals(51000, e.pods().size());
    }
}
