package io.headroom.cluster;

import static io.headroom.cluster.AutoscalerFixtures.GIB;
import static io.headroom.cluster.AutoscalerFixtures.MINUTE;
import static io.headroom.cluster.AutoscalerFixtures.SECOND;
import static io.headroom.cluster.AutoscalerFixtures.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScaleUpTest {
    private static final long NOW = 10 * MINUTE;
    private static final NodeShape SMALL = new NodeShape(2000, 4 * GIB, 110);
    private static final NodeShape LARGE = new NodeShape(4000, 16 * GIB, 110);

    private final AutoscalerFixtures f = new AutoscalerFixtures();
    private final Backoff backoff = new Backoff(AutoscalerSettings.DEFAULTS);
    /** The groups of {@link ExpanderTest}; ten Ready nodes registered. */
    private final NodeGroup small = group(0, "small", SMALL, 3, 0, 10, 0.085, 10);
    private final NodeGroup large = group(1, "large", LARGE, 7, 0, 10, 0.192, 5);
    private final List<NodeGroup> groups = List.of(small, large);
    private final List<Node> nodes = new ArrayList<>();

    ScaleUpTest() {
        for (int i = 0; i < 3; i++) {
            nodes.add(f.readyNode(0, SMALL, f.pods(1, 9, 2000, GIB, 0)));
        }
        for (int i = 0; i < 7; i++) {
            nodes.add(f.readyNode(1, LARGE, f.pods(1, 9, 4000, GIB, 0)));
        }
    }

    private ScaleUpPlan plan(Expander e, List<Pod> pending) {
        return new ScaleUp(AutoscalerSettings.DEFAULTS.withExpander(e)).plan(pending, nodes, groups, NOW, backoff,
                new SplittableRandom(7));
    }

    @Test
    void leastWasteAndPriceGrowDifferentGroupsForTheSamePods() {
        List<Pod> pending = f.pods(3, 1, 1500, GIB, 0);
        ScaleUpPlan waste = plan(Expander.LEAST_WASTE, pending);
        assertTrue(waste.scaledUp());
        assertSame(small, waste.group());
        assertEquals(3, waste.nodeCount());
        assertEquals(pending, waste.pods());
        ScaleUpPlan price = plan(Expander.PRICE, pending);
        assertSame(large, price.group());
        assertEquals(2, price.nodeCount());
        assertSame(small, plan(Expander.PRIORITY, pending).group());
    }

    @Test
    void mostPodsGrowsTheGroupThatTakesTheBigPodToo() {
        List<Pod> pending = f.pods(3, 1, 1500, GIB, 0);
        pending.add(f.pod(2, 3000, GIB, 0, 0));
        // small cannot hold the 3000m pod: 3 nodes, 3 pods. large: N1 3000m; N2 1500 + 1500; N3 1500: 3 nodes, 4 pods
        ScaleUpPlan plan = plan(Expander.MOST_PODS, pending);
        assertSame(large, plan.group());
        assertEquals(3, plan.nodeCount());
        assertEquals(4, plan.pods().size());
    }

    @Test
    void expendablePodsTriggerNothing() {
        List<Pod> pending = List.of(f.pod(1, 1500, GIB, -11, 0), f.pod(1, 1500, GIB, -100, 0));
        ScaleUpPlan plan = plan(Expander.LEAST_WASTE, pending);
        assertEquals(ScaleUpPlan.Outcome.NOT_NEEDED, plan.outcome());
        assertEquals(0, plan.nodeCount());
        // at the cutoff a pod is not expendable
        assertTrue(plan(Expander.LEAST_WASTE, List.of(f.pod(1, 1500, GIB, -10, 0))).scaledUp());
    }

    @Test
    void upcomingNodesAbsorbPendingPods() {
        nodes.add(f.provisioningNode(1, LARGE));
        List<Pod> pending = f.pods(2, 1, 1500, GIB, 0);
        assertEquals(ScaleUpPlan.Outcome.NOT_NEEDED, plan(Expander.LEAST_WASTE, pending).outcome());
        pending.add(f.pod(1, 1500, GIB, 0, 0));
        ScaleUpPlan plan = plan(Expander.LEAST_WASTE, pending);
        assertEquals(1, plan.nodeCount());
        assertEquals(List.of(pending.get(2)), plan.pods());
    }

    @Test
    void theHigherPriorityPodsTakeTheUpcomingRoomFirst() {
        nodes.add(f.provisioningNode(1, LARGE));
        Pod low = f.pod(1, 3000, GIB, 0, 0);
        Pod high = f.pod(2, 3000, GIB, 100, 0);
        ScaleUpPlan plan = plan(Expander.LEAST_WASTE, List.of(low, high));
        assertEquals(List.of(low), plan.pods());
    }

    @Test
    void podsLessThanTwoSecondsOldWaitALoopAndHoldScaleDown() {
        List<Pod> young = f.pods(3, 1, 1500, GIB, NOW - SECOND);
        ScaleUpPlan plan = plan(Expander.LEAST_WASTE, young);
        assertEquals(ScaleUpPlan.Outcome.PODS_TOO_NEW, plan.outcome());
        assertTrue(plan.scaleDownForbidden());
        ScaleUpPlan twoSeconds = plan(Expander.LEAST_WASTE, f.pods(3, 1, 1500, GIB, NOW - 2 * SECOND));
        assertTrue(twoSeconds.scaledUp());
        assertFalse(twoSeconds.scaleDownForbidden());
    }

    @Test
    void backedOffAndFullGroupsAreNotGrown() {
        List<Pod> pending = f.pods(3, 1, 1500, GIB, 0);
        backoff.backoff(0, NOW - MINUTE);
        assertSame(large, plan(Expander.LEAST_WASTE, pending).group());
        NodeGroup fullLarge = group(1, "large", LARGE, 10, 0, 10, 0.192, 5);
        ScaleUpPlan plan = new ScaleUp(AutoscalerSettings.DEFAULTS).plan(pending, nodes, List.of(small, fullLarge), NOW,
                backoff, new SplittableRandom(7));
        assertEquals(ScaleUpPlan.Outcome.NO_OPTIONS, plan.outcome());
    }

    @Test
    void aPodLargerThanEveryTemplateGetsNoOption() {
        ScaleUpPlan plan = plan(Expander.LEAST_WASTE, List.of(f.pod(1, 8000, GIB, 0, 0)));
        assertEquals(ScaleUpPlan.Outcome.NO_OPTIONS, plan.outcome());
    }

    @Test
    void theEstimateStopsAtTheGroupMaximum() {
        NodeGroup almostFull = group(0, "small", SMALL, 8, 0, 10, 0.085, 10);
        ScaleUpPlan plan = new ScaleUp(AutoscalerSettings.DEFAULTS).plan(f.pods(5, 1, 1500, GIB, 0), nodes,
                List.of(almostFull), NOW, backoff, new SplittableRandom(7));
        assertEquals(2, plan.nodeCount());
        assertEquals(2, plan.pods().size());
    }

    @Test
    void maxNodesTotalCapsTheScaleUp() {
        AutoscalerSettings capped = new AutoscalerSettings(10 * SECOND, Expander.LEAST_WASTE, 15 * MINUTE, 5 * MINUTE,
                30 * MINUTE, 180 * MINUTE, -10, 0, 12, 1000, 0.5, 10 * MINUTE, 10 * MINUTE, 0, 3 * MINUTE, 10, 1,
                5 * MINUTE, 2 * MINUTE, 5 * SECOND);
        ScaleUpPlan plan = new ScaleUp(capped).plan(f.pods(5, 1, 1500, GIB, 0), nodes, groups, NOW, backoff,
                new SplittableRandom(7));
        // 10 nodes, room for 2 more: both estimates stop at 2 nodes (small: 2 pods; large: 4 pods)
        assertEquals(2, plan.nodeCount());
        nodes.add(f.readyNode(0, SMALL));
        nodes.add(f.readyNode(0, SMALL));
        assertEquals(ScaleUpPlan.Outcome.MAX_NODES_TOTAL, new ScaleUp(capped).plan(f.pods(5, 1, 1500, GIB, 0), nodes,
                groups, NOW, backoff, new SplittableRandom(7)).outcome());
    }
}
