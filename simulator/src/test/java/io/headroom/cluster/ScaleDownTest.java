package io.headroom.cluster;

import static io.headroom.cluster.AutoscalerFixtures.GIB;
import static io.headroom.cluster.AutoscalerFixtures.LONG_AGO;
import static io.headroom.cluster.AutoscalerFixtures.MINUTE;
import static io.headroom.cluster.AutoscalerFixtures.SECOND;
import static io.headroom.cluster.AutoscalerFixtures.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scale-down loops every 10 s on one node group of 4 CPU / 16 GiB nodes. The usual cluster: node A at
 * 2000m (utilisation 0.5, not under the threshold), node B at 3000m, node C at 1000m (0.25): C's pod fits
 * on A (3000m), so C is unneeded from the first loop.
 */
class ScaleDownTest {
    private static final NodeShape SHAPE = new NodeShape(4000, 16 * GIB, 110);
    private static final long STEP = 10 * SECOND;

    private final AutoscalerFixtures f = new AutoscalerFixtures();
    private final ScaleDown scaleDown = new ScaleDown(AutoscalerSettings.DEFAULTS);
    private final List<Node> nodes = new ArrayList<>();
    private ScaleDownPlan lastPlan = ScaleDownPlan.NONE;

    private Node a;
    private Node b;
    private Node c;
    private Pod cPod;

    private void usualCluster() {
        a = f.readyNode(0, SHAPE, f.pods(1, 1, 2000, GIB, 0));
        b = f.readyNode(0, SHAPE, f.pods(1, 2, 3000, GIB, 0));
        cPod = f.pod(3, 1000, GIB, 0, 0);
        c = f.readyNode(0, SHAPE, List.of(cPod));
        nodes.addAll(List.of(a, b, c));
    }

    private List<NodeGroup> groups(int min) {
        return List.of(group(0, "general", SHAPE, nodes.size(), min, 20, 0.192, 0));
    }

    /** Runs loops from {@code from} to {@code until}; the time of the first plan removing nodes, or -1. */
    private long firstRemoval(long from, long until, Disruptions pdbs, long lastScaleUp, int min) {
        for (long t = from; t <= until; t += STEP) {
            ScaleDownPlan plan = scaleDown.plan(nodes, groups(min), pdbs, t, lastScaleUp, LONG_AGO, LONG_AGO, false);
            if (plan.deletes()) {
                lastPlan = plan;
                return t;
            }
        }
        return -1;
    }

    @Test
    void anUnderusedNodeIsRemovedOnlyAfterTenMinutesUnneeded() {
        usualCluster();
        // unneeded since 0; removable once unneeded for MORE than 10 m: the loop at 10 m 10 s
        assertEquals(10 * MINUTE + STEP, firstRemoval(0, 30 * MINUTE, Disruptions.NONE, LONG_AGO, 1));
        assertEquals(0, scaleDown.unneededSince(c.id()));
        assertEquals(-1, scaleDown.unneededSince(a.id()));
        assertEquals(-1, scaleDown.unneededSince(b.id()));
        assertEquals(List.of(), lastPlan.empty());
        assertEquals(1, lastPlan.drain().size());
        assertEquals(c, lastPlan.drain().get(0).node());
        assertEquals(List.of(cPod), lastPlan.drain().get(0).evict());
    }

    @Test
    void notWithinTenMinutesOfTheLastScaleUp() {
        usualCluster();
        // a scale-up at 5 m: cool-down while 5 m + 10 m > now, so the first removal is at 15 m
        assertEquals(15 * MINUTE, firstRemoval(0, 30 * MINUTE, Disruptions.NONE, 5 * MINUTE, 1));
        assertEquals(0, scaleDown.unneededSince(c.id()));
    }

    @Test
    void aNodeThatStopsQualifyingStartsItsTenMinutesAgain() {
        usualCluster();
        assertEquals(-1, firstRemoval(0, 5 * MINUTE, Disruptions.NONE, LONG_AGO, 1));
        Pod burst = f.pod(4, 2000, GIB, 0, 0);
        c.bind(burst, 5 * MINUTE);                         // C at 3000m: 0.75
        assertEquals(-1, firstRemoval(5 * MINUTE + STEP, 6 * MINUTE - STEP, Disruptions.NONE, LONG_AGO, 1));
        assertEquals(-1, scaleDown.unneededSince(c.id()));
        c.release(burst);
        assertEquals(16 * MINUTE + STEP, firstRemoval(6 * MINUTE, 30 * MINUTE, Disruptions.NONE, LONG_AGO, 1));
        assertEquals(6 * MINUTE, scaleDown.unneededSince(c.id()));
    }

    @Test
    void aBudgetAllowingNoDisruptionKeepsTheNode() {
        usualCluster();
        Disruptions none = owner -> owner == 3 ? 0 : Integer.MAX_VALUE;
        assertEquals(-1, firstRemoval(0, 30 * MINUTE, none, LONG_AGO, 1));
        assertEquals(-1, scaleDown.unneededSince(c.id()));
        Disruptions one = owner -> owner == 3 ? 1 : Integer.MAX_VALUE;
        // the budget now allows one, but the block found at 30 m is not rechecked before 35 m
        // (unremovable-node-recheck-timeout): unneeded since 35 m, removable at 45 m 10 s
        assertEquals(45 * MINUTE + STEP, firstRemoval(30 * MINUTE + STEP, 60 * MINUTE, one, LONG_AGO, 1));
        assertEquals(35 * MINUTE, scaleDown.unneededSince(c.id()));
    }

    @Test
    void aNodeWhosePodsFitNowhereElseStays() {
        a = f.readyNode(0, SHAPE, f.pods(1, 1, 3000, GIB, 0));
        b = f.readyNode(0, SHAPE, f.pods(1, 2, 3000, GIB, 0));
        c = f.readyNode(0, SHAPE, f.pods(1, 3, 1500, GIB, 0)); // 0.375, but 1500m fits neither A nor B (1000m free)
        nodes.addAll(List.of(a, b, c));
        assertEquals(-1, firstRemoval(0, 30 * MINUTE, Disruptions.NONE, LONG_AGO, 1));
        assertEquals(-1, scaleDown.unneededSince(c.id()));
    }

    @Test
    void emptyNodesGoInBulkUpToTheParallelism() {
        nodes.add(f.readyNode(0, SHAPE, f.pods(1, 1, 2000, GIB, 0)));
        for (int i = 0; i < 12; i++) {
            nodes.add(f.readyNode(0, SHAPE));
        }
        assertEquals(10 * MINUTE + STEP, firstRemoval(0, 30 * MINUTE, Disruptions.NONE, LONG_AGO, 0));
        assertEquals(nodes.subList(1, 11), lastPlan.empty());
        assertEquals(List.of(), lastPlan.drain());
        lastPlan.empty().forEach(Node::deleting);
        // ten deletions in progress use the whole parallelism
        assertFalse(scaleDown.plan(nodes, groups(0), Disruptions.NONE, 10 * MINUTE + 2 * STEP, LONG_AGO, LONG_AGO,
                LONG_AGO, false).deletes());
    }

    @Test
    void atMostOneDrainPerLoopBesideTheEmptyNodes() {
        nodes.add(f.readyNode(0, SHAPE, f.pods(1, 1, 2000, GIB, 0)));
        List<Node> light = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            light.add(f.readyNode(0, SHAPE, f.pods(1, 10 + i, 500, GIB, 0)));
        }
        List<Node> empty = List.of(f.readyNode(0, SHAPE), f.readyNode(0, SHAPE));
        nodes.addAll(light);
        nodes.addAll(empty);
        // the three light nodes' pods all fit on the first node (2000 + 3 x 500 = 3500m): all unneeded
        assertEquals(10 * MINUTE + STEP, firstRemoval(0, 30 * MINUTE, Disruptions.NONE, LONG_AGO, 0));
        assertEquals(empty, lastPlan.empty());
        assertEquals(1, lastPlan.drain().size());
        assertEquals(light.get(0), lastPlan.drain().get(0).node());
        lastPlan.empty().forEach(Node::deleting);
        lastPlan.drain().forEach(d -> d.node().deleting());
        ScaleDownPlan next = scaleDown.plan(nodes, groups(0), Disruptions.NONE, 10 * MINUTE + 2 * STEP, LONG_AGO,
                10 * MINUTE + STEP, LONG_AGO, false);
        assertFalse(next.deletes());                       // the drain in progress holds the only drain slot
        nodes.remove(light.get(0));
        nodes.removeAll(empty);
        next = scaleDown.plan(nodes, groups(0), Disruptions.NONE, 10 * MINUTE + 3 * STEP, LONG_AGO,
                10 * MINUTE + STEP, LONG_AGO, false);
        assertEquals(light.get(1), next.drain().get(0).node());
    }

    @Test
    void theGroupMinimumIsKept() {
        nodes.add(f.readyNode(0, SHAPE, f.pods(1, 1, 3000, GIB, 0)));
        nodes.add(f.readyNode(0, SHAPE));
        nodes.add(f.readyNode(0, SHAPE));
        assertEquals(10 * MINUTE + STEP, firstRemoval(0, 30 * MINUTE, Disruptions.NONE, LONG_AGO, 2));
        assertEquals(List.of(nodes.get(1)), lastPlan.empty());
    }

    @Test
    void expendablePodsNeitherCountNorNeedMoving() {
        usualCluster();
        Node placeholders = f.readyNode(0, SHAPE, List.of(f.pod(5, 3500, GIB, -20, 0)));
        nodes.add(placeholders);
        assertEquals(10 * MINUTE + STEP, firstRemoval(0, 30 * MINUTE, Disruptions.NONE, LONG_AGO, 1));
        assertEquals(List.of(placeholders), lastPlan.empty());
        assertEquals(c, lastPlan.drain().get(0).node());
    }

    @Test
    void aLoopWhosePendingPodsWereAllTooNewRemovesNothing() {
        usualCluster();
        for (long t = 0; t <= 10 * MINUTE; t += STEP) {
            scaleDown.plan(nodes, groups(1), Disruptions.NONE, t, LONG_AGO, LONG_AGO, LONG_AGO, false);
        }
        long t = 10 * MINUTE + STEP;
        assertFalse(scaleDown.plan(nodes, groups(1), Disruptions.NONE, t, LONG_AGO, LONG_AGO, LONG_AGO, true).deletes());
        assertTrue(scaleDown.plan(nodes, groups(1), Disruptions.NONE, t + STEP, LONG_AGO, LONG_AGO, LONG_AGO, false).deletes());
    }

    @Test
    void utilisationIsJudgedBeforeTheSimulationMovesAnyPod() {
        Node c1 = f.readyNode(0, SHAPE, f.pods(1, 1, 1000, GIB, 0));   // 0.25
        Node c2 = f.readyNode(0, SHAPE, f.pods(1, 2, 1000, GIB, 0));   // 0.25
        Node d = f.readyNode(0, SHAPE, f.pods(1, 3, 2000, GIB, 0));    // 0.5: not a candidate
        nodes.addAll(List.of(c1, c2, d));
        // c1's pod moves onto c2 (2000m in the simulation, 0.5), yet c2 is still unneeded: its two pods fit on d
        scaleDown.plan(nodes, groups(0), Disruptions.NONE, 0, LONG_AGO, LONG_AGO, LONG_AGO, false);
        assertEquals(0, scaleDown.unneededSince(c1.id()));
        assertEquals(0, scaleDown.unneededSince(c2.id()));
        assertEquals(-1, scaleDown.unneededSince(d.id()));
    }
}
