package io.headroom.cluster.karpenter;

import static io.headroom.cluster.karpenter.KarpenterFixtures.GIB;
import static io.headroom.cluster.karpenter.KarpenterFixtures.SECOND;
import static io.headroom.cluster.karpenter.KarpenterFixtures.both;
import static io.headroom.cluster.karpenter.KarpenterFixtures.catalogue;
import static io.headroom.cluster.karpenter.KarpenterFixtures.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.cluster.Disruptions;
import io.headroom.cluster.Node;
import io.headroom.cluster.Pod;
import io.headroom.cluster.karpenter.Consolidation.Action;
import io.headroom.cluster.karpenter.Consolidation.Kind;
import io.headroom.cluster.karpenter.Consolidation.Policy;
import io.headroom.design.cluster.Requirements;
import io.headroom.design.cluster.Requirements.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool of amd64 c/m/r types (on-demand, bundled us-east-1 prices) that scaled up to three m5.xlarge
 * (0.192 USD/h each, 3900m and 14.4 GiB allocatable) and now runs one 1000m / 2 GiB pod on each: 0.576 USD/h
 * for 3000m of requests. consolidateAfter 30 s, the pods unchanged since 0, the pass at 60 s.
 */
class ConsolidationTest {
    private static final List<InstanceOption> ON_DEMAND = catalogue(InstanceOption.ON_DEMAND);
    private static final List<InstanceOption> POOL = Requirements.of(List.of(
            new Requirement(Requirements.ARCH, "In", List.of("amd64")),
            new Requirement(Requirements.CATEGORY, "In", List.of("c", "m", "r")))).filter(ON_DEMAND);
    private static final InstanceOption M5 = find(ON_DEMAND, "m5.xlarge", "on-demand");
    private static final long AFTER = 30 * SECOND;
    private static final long NOW = 60 * SECOND;

    private final KarpenterFixtures f = new KarpenterFixtures();
    private final Consolidation consolidation = new Consolidation();
    private final Map<Node, InstanceOption> types = new HashMap<>();
    private final Map<Node, Long> since = new HashMap<>();

    private Node node(InstanceOption type, List<Pod> pods) {
        Node n = f.node(type, pods);
        types.put(n, type);
        return n;
    }

    private List<Node> threeUnderused() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(node(M5, f.pods(1, 1000, 2 * GIB)));
        }
        return nodes;
    }

    private List<Action> plan(List<Node> nodes, List<InstanceOption> options, Policy policy, Budget budget,
                              Disruptions pdbs) {
        return consolidation.plan(nodes, types::get, options, policy, AFTER, since, budget, pdbs, NOW);
    }

    private List<Action> plan(List<Node> nodes, Budget budget) {
        return plan(nodes, POOL, Policy.WHEN_EMPTY_OR_UNDERUTILIZED, budget, Disruptions.NONE);
    }

    /**
     * With {@code nodes: 100%} multi-node consolidation searches the prefixes: two nodes' pods fit on the third
     * (a delete), all three need one new node of 3000m / 6 GiB: c5.xlarge and c6i.xlarge (0.17), c7i.xlarge
     * (0.1785) — under 0.576 and under m5.xlarge's own 0.192 (filterOutSameType). The largest prefix wins: the
     * three m5.xlarge are replaced by one c5.xlarge, 0.576 to 0.17 USD/h.
     */
    @Test
    void hundredPercentReplacesThreeUnderusedNodesByOneCheaper() {
        List<Node> nodes = threeUnderused();

        List<Action> actions = plan(nodes, new Budget("100%"));

        assertEquals(1, actions.size());
        Action a = actions.get(0);
        assertEquals(Kind.REPLACE, a.kind());
        assertEquals(nodes, a.nodes());
        assertEquals("c5.xlarge", a.replacement().type());
        assertEquals(0.17, a.replacement().usdPerHour());
        assertEquals(List.of("c5.xlarge", "c6i.xlarge", "c7i.xlarge"), a.options().stream().map(InstanceOption::type).toList());
        assertEquals(Consolidation.UNDERUTILIZED, a.reason());
    }

    /**
     * Under the default 10 % (1 of 3 nodes, rounded up) multi-node consolidation has one candidate, too few;
     * single-node consolidation deletes the first node (its pod fits on the second). Next pass (its pod now on
     * the second node): 1 of 2, the third node (one pod, the lower disruption cost) goes. Last pass: the one
     * node left holds 3000m / 6 GiB and is replaced by a strictly cheaper c5.xlarge (0.17 &lt; 0.192).
     */
    @Test
    void tenPercentActsOnOneNodePerPass() {
        List<Node> nodes = threeUnderused();
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        Node c = nodes.get(2);

        List<Action> first = plan(nodes, Budget.DEFAULT);
        assertEquals(List.of(new Action(Kind.DELETE, List.of(a), null, Consolidation.UNDERUTILIZED)), first);

        Pod moved = a.pods().get(0);
        a.release(moved);
        a.gone();
        b.bind(moved, NOW);
        List<Action> second = plan(List.of(b, c), Budget.DEFAULT);
        assertEquals(List.of(c), second.get(0).nodes());
        assertEquals(Kind.DELETE, second.get(0).kind());

        Pod movedAgain = c.pods().get(0);
        c.release(movedAgain);
        c.gone();
        b.bind(movedAgain, NOW);
        List<Action> third = plan(List.of(b), Budget.DEFAULT);
        assertEquals(Kind.REPLACE, third.get(0).kind());
        assertEquals(List.of(b), third.get(0).nodes());
        assertEquals("c5.xlarge", third.get(0).replacement().type());
    }

    /**
     * Pending pods are simulated with the candidates' (upstream's SimulateScheduling): three m5.xlarge at 1000m each
     * are replaced by a c5.xlarge alone (above); with a pending 3000m pod the replacement must hold it too — 6000m:
     * a c5.2xlarge (0.34 USD/h, under the three's 0.576).
     */
    @Test
    void pendingPodsAreScheduledWithTheCandidates() {
        List<Node> three = threeUnderused();
        List<Action> actions = consolidation.plan(three, types::get, POOL, Policy.WHEN_EMPTY_OR_UNDERUTILIZED, AFTER, since,
                List.of(new Budget("100%")), Disruptions.NONE, NOW, Consolidation.NEVER, List.of(f.pod(3000, 2 * GIB)), Limits.NONE);
        assertEquals(1, actions.size());
        assertEquals(Kind.REPLACE, actions.get(0).kind());
        assertEquals(three, actions.get(0).nodes());
        assertEquals("c5.2xlarge", actions.get(0).replacement().type());
    }

    /**
     * A candidate's pods may not count on a node still launching: an m5.xlarge with a 1000m pod beside an empty
     * m5.xlarge that is not Ready yet is left alone (its pod would go there, and no cheaper node is needed).
     */
    @Test
    void aLaunchingNodeTakesNoCandidatesPods() {
        Node a = node(M5, f.pods(1, 1000, 2 * GIB));
        Node launching = new Node(99, 0, 0, M5.allocatable(), 0);
        List<Action> actions = consolidation.plan(List.of(a, launching), types::get, POOL, Policy.WHEN_EMPTY_OR_UNDERUTILIZED,
                AFTER, since, List.of(new Budget("100%")), Disruptions.NONE, NOW, Consolidation.NEVER, List.of(), Limits.NONE);
        assertEquals(List.of(), actions);
    }

    /** A NodePool whose limits leave no room for a replacement beside the nodes it would replace does nothing. */
    @Test
    void aReplacementMustFitTheLimits() {
        List<Node> three = threeUnderused();
        List<Action> actions = consolidation.plan(three, types::get, POOL, Policy.WHEN_EMPTY_OR_UNDERUTILIZED, AFTER, since,
                List.of(new Budget("100%")), Disruptions.NONE, NOW, Consolidation.NEVER, List.of(), new Limits(0, Long.MAX_VALUE));
        assertEquals(Kind.DELETE, actions.get(0).kind()); // two nodes' pods fit on the third: no new node needed
        assertEquals(2, actions.get(0).nodes().size());
    }

    /** A node being deleted uses the budget: 10 % of 3 is 1, taken. */
    @Test
    void aNodeBeingDeletedUsesTheBudget() {
        List<Node> nodes = threeUnderused();
        nodes.get(2).deleting();
        assertTrue(plan(nodes, Budget.DEFAULT).isEmpty());
    }

    @Test
    void whenEmptyOnlyDeletesEmptyNodes() {
        Node empty = node(M5, List.of());
        List<Node> nodes = new ArrayList<>(List.of(empty));
        nodes.addAll(threeUnderused());

        List<Action> actions = plan(nodes, POOL, Policy.WHEN_EMPTY, new Budget("100%"), Disruptions.NONE);
        assertEquals(List.of(new Action(Kind.DELETE, List.of(empty), null, Consolidation.EMPTY)), actions);

        assertTrue(plan(nodes.subList(1, 4), POOL, Policy.WHEN_EMPTY, new Budget("100%"), Disruptions.NONE).isEmpty());
    }

    /** An empty node waits consolidateAfter from its last pod change: emptied at 40 s, not before 70 s. */
    @Test
    void consolidateAfterMustElapse() {
        Node empty = node(M5, List.of());
        since.put(empty, 40 * SECOND);
        assertTrue(plan(List.of(empty), POOL, Policy.WHEN_EMPTY, new Budget("100%"), Disruptions.NONE).isEmpty());
        assertEquals(1, consolidation.plan(List.of(empty), types::get, POOL, Policy.WHEN_EMPTY, AFTER, since,
                new Budget("100%"), Disruptions.NONE, 70 * SECOND).size());
    }

    /** Empty nodes under 10 % of 25: three per pass. */
    @Test
    void emptinessHonoursTheBudget() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            nodes.add(node(M5, List.of()));
        }
        List<Action> actions = plan(nodes, Budget.DEFAULT);
        assertEquals(nodes.subList(0, 3), actions.get(0).nodes());
        assertEquals(Consolidation.EMPTY, actions.get(0).reason());
    }

    /**
     * The first node's pod belongs to a Deployment whose PodDisruptionBudget allows no disruption now: that node is
     * no candidate. The other two are (their pods fit on it): deleted together.
     */
    @Test
    void aPdbBlocksItsNode() {
        Node guarded = node(M5, List.of(f.pod(7, 1000, 2 * GIB)));
        Node b = node(M5, f.pods(1, 1000, 2 * GIB));
        Node c = node(M5, f.pods(1, 1000, 2 * GIB));
        Disruptions pdbs = owner -> owner == 7 ? 0 : Integer.MAX_VALUE;

        List<Action> actions = plan(List.of(guarded, b, c), POOL, Policy.WHEN_EMPTY_OR_UNDERUTILIZED,
                new Budget("100%"), pdbs);

        assertEquals(List.of(new Action(Kind.DELETE, List.of(b, c), null, Consolidation.UNDERUTILIZED)), actions);
    }

    /**
     * One spot m5.xlarge (0.0768 USD/h) running a 1000m / 2 GiB pod, in a pool that may launch spot and
     * on-demand: a t4g.medium spot (0.01344) would do, but spot-to-spot replacement is off (upstream's feature gate
     * default). The same node on-demand (0.192) is replaced, by spot only: t4g.medium spot.
     */
    @Test
    void spotToSpotReplacementRefused() {
        List<InstanceOption> all = both();
        Node spot = node(find(all, "m5.xlarge", "spot"), f.pods(1, 1000, 2 * GIB));
        assertTrue(plan(List.of(spot), all, Policy.WHEN_EMPTY_OR_UNDERUTILIZED, new Budget("100%"), Disruptions.NONE)
                .isEmpty());

        Node onDemand = node(find(all, "m5.xlarge", "on-demand"), f.pods(1, 1000, 2 * GIB));
        List<Action> actions = plan(List.of(onDemand), all, Policy.WHEN_EMPTY_OR_UNDERUTILIZED, new Budget("100%"),
                Disruptions.NONE);
        assertEquals(Kind.REPLACE, actions.get(0).kind());
        assertEquals("t4g.medium", actions.get(0).replacement().type());
        assertEquals(InstanceOption.SPOT, actions.get(0).replacement().capacityType());
        assertTrue(actions.get(0).options().stream().allMatch(InstanceOption::spot));
    }

    /** A spot node in a pool that may only launch on-demand is replaced by a cheaper on-demand type, as upstream. */
    @Test
    void spotToOnDemandAllowed() {
        Node spot = node(find(both(), "m5.xlarge", "spot"), f.pods(1, 1000, 2 * GIB));
        List<Action> actions = plan(List.of(spot), ON_DEMAND, Policy.WHEN_EMPTY_OR_UNDERUTILIZED, new Budget("100%"),
                Disruptions.NONE);
        assertEquals("t4g.medium", actions.get(0).replacement().type());
        assertEquals(InstanceOption.ON_DEMAND, actions.get(0).replacement().capacityType());
    }

    /** A single node is kept when nothing strictly cheaper holds its pods: c5.xlarge full to 3900m. */
    @Test
    void noCheaperNodeNoAction() {
        InstanceOption c5 = find(ON_DEMAND, "c5.xlarge", "on-demand");
        Node full = node(c5, f.pods(3, 1300, GIB));
        assertTrue(plan(List.of(full), Budget.DEFAULT).isEmpty());
    }

    /**
     * Upstream's {@code filterOutSameType} examples: NodeClaims [t3a.2xlarge, t3a.2xlarge, t3a.small] replaced by
     * one of [t3a.small, t3a.xlarge, t3a.2xlarge] is no consolidation (deleting the two 2xlarge is better); with
     * t3a.nano among the options, only t3a.nano (0.0047, under t3a.small's 0.0188) is left.
     */
    @Test
    void replacementOfARemovedTypeMustBeCheaperThanIt() {
        InstanceOption nano = find(ON_DEMAND, "t3a.nano", "on-demand");
        InstanceOption small = find(ON_DEMAND, "t3a.small", "on-demand");
        InstanceOption xlarge = find(ON_DEMAND, "t3a.xlarge", "on-demand");
        InstanceOption xxlarge = find(ON_DEMAND, "t3a.2xlarge", "on-demand");
        List<InstanceOption> removed = List.of(xxlarge, xxlarge, small);

        assertEquals(List.of(), Consolidation.withoutSameType(List.of(small, xlarge, xxlarge), removed));
        assertEquals(List.of(nano), Consolidation.withoutSameType(List.of(nano, small, xlarge, xxlarge), removed));
        assertEquals(List.of(small, xlarge), Consolidation.withoutSameType(List.of(small, xlarge), List.of(xxlarge)));
    }

    /** Each pod costs 1 + priority / 2^25; expireAfter scales by the lifetime left. */
    @Test
    void disruptionCost() {
        Node n = node(M5, f.pods(2, 100, GIB));
        assertEquals(2.0, Consolidation.disruptionCost(n, NOW, Consolidation.NEVER));
        assertEquals(0.5, Consolidation.disruptionCost(n, 75 * SECOND, 100 * SECOND));
        assertEquals(0.0, Consolidation.disruptionCost(n, 200 * SECOND, 100 * SECOND));
        Node high = node(M5, List.of(new Pod(90, 0, 0, 100, GIB, 1 << 25, 0)));
        assertEquals(2.0, Consolidation.disruptionCost(high, NOW, Consolidation.NEVER));
    }
}
