package io.headroom.cluster.karpenter;

import static io.headroom.cluster.karpenter.KarpenterFixtures.GIB;
import static io.headroom.cluster.karpenter.KarpenterFixtures.MIB;
import static io.headroom.cluster.karpenter.KarpenterFixtures.catalogue;
import static io.headroom.cluster.karpenter.KarpenterFixtures.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.cluster.Node;
import io.headroom.cluster.Pod;
import io.headroom.design.cluster.Requirements;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batches packed over the bundled us-east-1 on-demand prices (allocatable: vCPUs less 100m, memory less a
 * tenth). A NodeClaim's options are the offerings whose allocatable holds all its pods; it launches the
 * cheapest.
 */
class ProvisionerTest {
    private static final List<InstanceOption> ON_DEMAND = catalogue(InstanceOption.ON_DEMAND);

    private final KarpenterFixtures f = new KarpenterFixtures();
    private final Provisioner provisioner = new Provisioner();

    /**
     * Five pods of 500m / 1 GiB: 2500m and 5 GiB on one node. 2 vCPU types offer 1900m: too little; 4 vCPU
     * types offer 3900m, and need 8 GiB or more (7.2 GiB allocatable; 4 GiB would give 3.6). Among the
     * xlarge: t4g.xlarge 0.1344, c6g.xlarge 0.136, c7g.xlarge 0.145, t3a.xlarge 0.1504 USD/h... so t4g.xlarge.
     */
    @Test
    void aBatchLaunchesTheCheapestTypeThatFitsItAll() {
        Provisioner.Result r = provisioner.schedule(f.pods(5, 500, GIB), List.of(), ON_DEMAND, Limits.NONE);

        assertEquals(1, r.claims().size());
        NodeClaimPlan claim = r.claims().get(0);
        assertEquals(5, claim.pods().size());
        assertEquals("t4g.xlarge", claim.launch().type());
        assertEquals(0.1344, claim.launch().usdPerHour());
        assertEquals(List.of("t4g.xlarge", "c6g.xlarge", "c7g.xlarge", "t3a.xlarge"),
                claim.options().subList(0, 4).stream().map(InstanceOption::type).toList());
        assertTrue(r.unschedulable().isEmpty());
    }

    /** Without arm64 and burstable types (the usual NodePool), c5.xlarge and c6i.xlarge tie at 0.17: by name, c5. */
    @Test
    void requirementsNarrowTheCatalogueBeforePacking() {
        Requirements reqs = Requirements.of(List.of(
                new Requirements.Requirement(Requirements.ARCH, "In", List.of("amd64")),
                new Requirements.Requirement(Requirements.CATEGORY, "In", List.of("c", "m", "r"))));

        Provisioner.Result r = provisioner.schedule(f.pods(5, 500, GIB), List.of(), reqs.filter(ON_DEMAND), Limits.NONE);

        assertEquals("c5.xlarge", r.claims().get(0).launch().type());
        assertEquals(List.of("c5.xlarge", "c6i.xlarge", "c7i.xlarge", "m5.xlarge"),
                r.claims().get(0).options().subList(0, 4).stream().map(InstanceOption::type).toList());
    }

    /**
     * One pod of 1500m / 1 GiB fits 128 of the 139 types (all but the 1 vCPU mediums and those under 1.2 GiB),
     * the cheapest t4g.small (0.0168); a second such pod makes 3000m / 2 GiB, which only the 105 types of 4 vCPUs
     * or more hold: the claim's options narrow to them, and it launches t4g.xlarge (0.1344).
     */
    @Test
    void optionsNarrowAsPodsAreAdded() {
        Provisioner.Result one = provisioner.schedule(f.pods(1, 1500, GIB), List.of(), ON_DEMAND, Limits.NONE);
        assertEquals(128, one.claims().get(0).options().size());
        assertEquals("t4g.small", one.claims().get(0).launch().type());

        Provisioner.Result two = provisioner.schedule(f.pods(2, 1500, GIB), List.of(), ON_DEMAND, Limits.NONE);
        assertEquals(1, two.claims().size());
        NodeClaimPlan claim = two.claims().get(0);
        assertEquals(2, claim.pods().size());
        assertEquals(105, claim.options().size());
        assertTrue(claim.options().stream().allMatch(o -> o.vcpu() >= 4));
        assertEquals("t4g.xlarge", claim.launch().type());
    }

    /**
     * {@code limits: {cpu: 4}}: only types of at most 4 vCPUs may launch; the first claim takes the largest of its
     * options (4 vCPUs) off what remains, leaving 0. Two 1500m pods share it (3000m of 3900m); the third
     * (4500m in all) needs another claim, which the limit refuses: it stays pending. Without the limit the three
     * share one t4g.2xlarge (0.2688).
     */
    @Test
    void limitsStopANewClaim() {
        Provisioner.Result limited = provisioner.schedule(f.pods(3, 1500, GIB), List.of(), ON_DEMAND,
                new Limits(4000, Long.MAX_VALUE));
        assertEquals(1, limited.claims().size());
        assertEquals(2, limited.claims().get(0).pods().size());
        assertEquals("t4g.xlarge", limited.claims().get(0).launch().type());
        assertEquals(1, limited.unschedulable().size());

        Provisioner.Result free = provisioner.schedule(f.pods(3, 1500, GIB), List.of(), ON_DEMAND, Limits.NONE);
        assertEquals(1, free.claims().size());
        assertEquals("t4g.2xlarge", free.claims().get(0).launch().type());
        assertTrue(free.unschedulable().isEmpty());
    }

    @Test
    void limitsSubtractTheLargestOptionOfEachClaim() {
        Limits left = new Limits(10_000, 64 * GIB).lessMax(List.of(find(ON_DEMAND, "c5.large", "on-demand"),
                find(ON_DEMAND, "r5.xlarge", "on-demand")));
        assertEquals(new Limits(6000, 32 * GIB), left);
        assertEquals(Limits.NONE, Limits.NONE.lessMax(ON_DEMAND));
    }

    /** c5.large runs 29 pods (EKS's ENI limit): the 30th tiny pod narrows the claim to c5.xlarge (58 pods). */
    @Test
    void maxPodsNarrowsTheOptions() {
        List<InstanceOption> options = List.of(
                KarpenterFixtures.option("c5.large", "c5", 2, 4 * GIB, "on-demand", 0.085, 29),
                KarpenterFixtures.option("c5.xlarge", "c5", 4, 8 * GIB, "on-demand", 0.17, 58));

        assertEquals("c5.large", provisioner.schedule(f.pods(29, 10, 10 * MIB), List.of(), options, Limits.NONE)
                .claims().get(0).launch().type());
        Provisioner.Result r = provisioner.schedule(f.pods(30, 10, 10 * MIB), List.of(), options, Limits.NONE);
        assertEquals(1, r.claims().size());
        assertEquals("c5.xlarge", r.claims().get(0).launch().type());
    }

    /** Existing and in-flight nodes first (a node being deleted takes nothing); the rest opens a claim. */
    @Test
    void podsGoToExistingNodesFirst() {
        InstanceOption m5 = find(ON_DEMAND, "m5.xlarge", "on-demand");
        Node deleting = f.node(m5, List.of());
        deleting.deleting();
        Node ready = f.node(m5, f.pods(1, 2000, GIB));
        Node inflight = new Node(99, 0, 0, m5.allocatable(), 0);
        List<Pod> pending = f.pods(3, 1500, GIB);

        Provisioner.Result r = provisioner.schedule(pending, List.of(deleting, ready, inflight), ON_DEMAND, Limits.NONE);

        assertEquals(3, r.onExisting().size());
        assertSame(ready, r.onExisting().get(pending.get(0)));
        assertSame(inflight, r.onExisting().get(pending.get(1)));
        assertSame(inflight, r.onExisting().get(pending.get(2)));
        assertTrue(r.claims().isEmpty());
    }

    /**
     * Pods go biggest first (CPU, then memory): with an 1800m pod and a 3000m pod pending and a node with 3000m
     * free, the 3000m pod takes the node and the 1800m one gets a claim, a t4g.small (in arrival order the
     * 1800m pod would take the node and the 3000m one a claim of 4 vCPUs).
     */
    @Test
    void biggestPodsFirst() {
        InstanceOption m5 = find(ON_DEMAND, "m5.xlarge", "on-demand");
        Node node = f.node(m5, f.pods(1, 900, GIB));
        Pod small = f.pod(1800, GIB);
        Pod big = f.pod(3000, GIB);

        Provisioner.Result r = provisioner.schedule(new ArrayList<>(List.of(small, big)), List.of(node), ON_DEMAND,
                Limits.NONE);

        assertSame(node, r.onExisting().get(big));
        assertEquals(List.of(small), r.claims().get(0).pods());
        assertEquals("t4g.small", r.claims().get(0).launch().type());
    }

    @Test
    void aPodNoOptionHoldsStaysPending() {
        Provisioner.Result r = provisioner.schedule(f.pods(1, 500_000, GIB), List.of(), ON_DEMAND, Limits.NONE);
        assertTrue(r.claims().isEmpty());
        assertEquals(1, r.unschedulable().size());
    }
}
