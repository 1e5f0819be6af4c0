package io.headroom.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.random.AbstractRandomGenerator;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * Where {@link Scheduler#place} puts a pod on hand-made clusters, with every plugin score computed by hand in
 * the comments, and the per-plugin arithmetic checked against cases of upstream's own test tables
 * ({@code least_allocated_test.go}, {@code most_allocated_test.go}, {@code balanced_allocation_test.go}).
 */
class SchedulerTest {
    static final long GI = 1024L * 1024 * 1024;
    static final long MI = 1024L * 1024;

    private int ids;

    Node node(int zone, long cpuMilli, long memoryBytes, int maxPods) {
        Node n = new Node(ids++, 0, zone, new NodeShape(cpuMilli, memoryBytes, maxPods), 0);
        n.ready(0);
        return n;
    }

    Pod pod(int owner, long cpuMilli, long memoryBytes) {
        return new Pod(ids++, owner, 0, cpuMilli, memoryBytes, 0, 0);
    }

    Pod bound(Node n, int owner, long cpuMilli, long memoryBytes) {
        Pod p = pod(owner, cpuMilli, memoryBytes);
        n.bind(p, 0);
        return p;
    }

    static Scheduler scheduler(Scheduler.Scoring scoring) {
        return new Scheduler(scoring, new MersenneTwister(1));
    }

    @Test
    void leastAllocatedSpreadsAndMostAllocatedPacks() {
        // Two 4-CPU 8 GiB nodes in one zone; A already holds 2000m / 4 GiB of another owner.
        Node a = node(0, 4000, 8 * GI, 110);
        Node b = node(0, 4000, 8 * GI, 110);
        bound(a, 9, 2000, 4 * GI);
        Pod p = pod(1, 1000, 2 * GI);
        // PodTopologySpread: no pod of owner 1 anywhere, raw 0*w+2 + 0*w+4 = 6 on both, normalized 100*(6+6-6)/6 = 100.
        // BalancedAllocation: A 0.5/0.5 -> 0.75/0.75, B 0/0 -> 0.25/0.25: balance 100 both times, 50+(50+100-100)/2 = 75.
        // LeastAllocated: A cpu (4000-3000)*100/4000 = 25, mem (8-6)*100/8 = 25 -> 25; B 75, 75 -> 75.
        //   totals A 2*100+25+75 = 300, B 2*100+75+75 = 350.
        Scheduler least = scheduler(Scheduler.Scoring.LEAST_ALLOCATED);
        assertArrayEquals(new long[] {300, 350}, least.totalScores(p, List.of(a, b), List.of(a, b)));
        assertSame(b, least.place(p, List.of(a, b)));
        // MostAllocated: A 3000*100/4000 = 75, 6*100/8 = 75 -> 75; B 25. Totals A 350, B 300.
        Scheduler most = scheduler(Scheduler.Scoring.MOST_ALLOCATED);
        assertArrayEquals(new long[] {350, 300}, most.totalScores(p, List.of(a, b), List.of(a, b)));
        assertSame(a, most.place(p, List.of(a, b)));
    }

    @Test
    void memoryIsTheBindingResourceInTheFilter() {
        // A has 3.5 of its 4 CPUs free but only 0.5 GiB of memory: a 500m / 1 GiB pod does not fit there.
        Node a = node(0, 4000, 4 * GI, 110);
        bound(a, 9, 500, 3 * GI + 512 * MI);
        Node b = node(0, 4000, 8 * GI, 110);
        bound(b, 9, 3000, 2 * GI);
        Pod p = pod(1, 500, GI);
        assertFalse(a.fits(p));
        assertEquals(List.of(b), Scheduler.feasible(p, List.of(a, b)));
        assertSame(b, scheduler(Scheduler.Scoring.LEAST_ALLOCATED).place(p, List.of(a, b)));
        // Nowhere with enough memory: Pending, though every node has CPU to spare.
        Pod big = pod(1, 100, 7 * GI);
        assertNull(scheduler(Scheduler.Scoring.LEAST_ALLOCATED).place(big, List.of(a, b)));
    }

    @Test
    void memoryIsTheBindingResourceInTheScore() {
        // B: 500m / 6 GiB used of 4000m / 8 GiB; C: 1500m / 2 GiB used of the same. Pod 500m / 1 GiB.
        Node b = node(0, 4000, 8 * GI, 110);
        bound(b, 9, 500, 6 * GI);
        Node c = node(0, 4000, 8 * GI, 110);
        bound(c, 9, 1500, 2 * GI);
        Pod p = pod(1, 500, GI);
        // By CPU alone B is emptier: (4000-1000)*100/4000 = 75 against (4000-2000)*100/4000 = 50.
        // Memory: B (8-7)*100/8 = 12, C (8-3)*100/8 = 62. LeastAllocated B (75+12)/2 = 43, C (50+62)/2 = 56.
        assertEquals(43, ResourceFitScore.score(Scheduler.Scoring.LEAST_ALLOCATED, p, b));
        assertEquals(56, ResourceFitScore.score(Scheduler.Scoring.LEAST_ALLOCATED, p, c));
        // Balance B: 0.125/0.75 -> std 0.3125 -> 68; with pod 0.25/0.875 -> 0.3125 -> 68: 50+(50+0)/2 = 75.
        // Balance C: 0.375/0.25 -> 0.0625 -> 93; with pod 0.5/0.375 -> 0.0625 -> 93: 75.
        assertEquals(75, BalancedAllocationScore.score(p, b));
        assertEquals(75, BalancedAllocationScore.score(p, c));
        // Spread 100 on both: totals B 200+43+75 = 318, C 200+56+75 = 331: memory decides, C.
        Scheduler least = scheduler(Scheduler.Scoring.LEAST_ALLOCATED);
        assertArrayEquals(new long[] {318, 331}, least.totalScores(p, List.of(b, c), List.of(b, c)));
        assertSame(c, least.place(p, List.of(b, c)));
    }

    @Test
    void aPodThatFitsNowhereStaysPending() {
        Node full = node(0, 2000, 4 * GI, 110);
        bound(full, 9, 1500, GI);
        Node provisioning = new Node(ids++, 0, 0, new NodeShape(8000, 32 * GI, 110), 0);
        Node deleting = node(0, 8000, 32 * GI, 110);
        deleting.deleting();
        Pod p = pod(1, 1000, GI);
        Scheduler s = scheduler(Scheduler.Scoring.LEAST_ALLOCATED);
        assertNull(s.place(p, List.of(full, provisioning, deleting)));
        assertNull(s.place(p, List.of()));
        provisioning.ready(5);
        assertSame(provisioning, s.place(p, List.of(full, provisioning, deleting)));
    }

    @Test
    void thePodCountLimitFilters() {
        // Room for CPU and memory, but the node already runs its 2 pods.
        Node a = node(0, 8000, 32 * GI, 2);
        bound(a, 9, 100, MI);
        bound(a, 9, 100, MI);
        Node b = node(0, 1000, 2 * GI, 110);
        Pod p = pod(1, 500, GI);
        assertFalse(a.fits(p));
        assertSame(b, scheduler(Scheduler.Scoring.LEAST_ALLOCATED).place(p, List.of(a, b)));
        assertNull(scheduler(Scheduler.Scoring.LEAST_ALLOCATED).place(p, List.of(a)));
    }

    @Test
    void topologySpreadSteersAnOwnersPodsToOtherZonesThenHosts() {
        // n0, n1 in zone 0, n2 in zone 1; 16 CPU / 16 GiB each; pods 1000m / 1 GiB (CPU and memory in step,
        // so BalancedAllocation is 75 everywhere). The owner's first pod runs on n0.
        Node n0 = node(0, 16000, 16 * GI, 110);
        Node n1 = node(0, 16000, 16 * GI, 110);
        Node n2 = node(1, 16000, 16 * GI, 110);
        List<Node> nodes = List.of(n0, n1, n2);
        bound(n0, 1, 1000, GI);
        Scheduler s = scheduler(Scheduler.Scoring.LEAST_ALLOCATED);

        // 2nd pod. Weights: hosts ln(3+2) = 1.6094, zones ln(2+2) = 1.3863; zone counts: zone 0 = 1, zone 1 = 0.
        // raw n0 = 1*1.6094+2 + 1*1.3863+4 = 8.9957 -> 9; n1 = 0+2 + 5.3863 -> 7; n2 = 2 + 4 = 6.
        // normalized 100*(9+6-s)/9: n0 600/9 = 66, n1 800/9 = 88, n2 900/9 = 100.
        // LeastAllocated: n0 (16000-2000)*100/16000 = 87 (both resources), n1, n2 (16000-1000)*100/16000 = 93.
        // totals: n0 2*66+87+75 = 294, n1 2*88+93+75 = 344, n2 2*100+93+75 = 368 -> n2, the other zone.
        Pod second = pod(1, 1000, GI);
        assertArrayEquals(new long[] {9, 7, 6}, TopologySpreadScore.rawScores(second, nodes, nodes));
        assertArrayEquals(new long[] {66, 88, 100}, TopologySpreadScore.scores(second, nodes, nodes));
        assertArrayEquals(new long[] {294, 344, 368}, s.totalScores(second, nodes, nodes));
        assertSame(n2, s.place(second, nodes));
        n2.bind(second, 1);

        // 3rd pod: zone 0 = 1, zone 1 = 1. raw n0 = 3.6094+5.3863 -> 9, n1 = 2+5.3863 -> 7, n2 -> 9.
        // normalized 100*(9+7-s)/9: n0 77, n1 100, n2 77. totals n0 154+87+75 = 316, n1 200+93+75 = 368, n2 316.
        Pod third = pod(1, 1000, GI);
        assertArrayEquals(new long[] {9, 7, 9}, TopologySpreadScore.rawScores(third, nodes, nodes));
        assertArrayEquals(new long[] {316, 368, 316}, s.totalScores(third, nodes, nodes));
        assertSame(n1, s.place(third, nodes));
    }

    @Test
    void topologySpreadCountsTheOwnersRunningPodsOnly() {
        Node n = node(0, 16000, 16 * GI, 110);
        bound(n, 1, 100, MI);
        bound(n, 2, 100, MI);
        bound(n, 1, 100, MI).phase(Pod.Phase.TERMINATING);
        assertEquals(1, TopologySpreadScore.matching(pod(1, 100, MI), n));
        // A zone with no feasible node is not counted: only n's zone is.
        Node elsewhere = node(3, 16000, 16 * GI, 110);
        bound(elsewhere, 1, 100, MI);
        // hosts ln(1+2), zones ln(1+2): 1*1.0986+2 + 1*1.0986+4 = 8.197 -> 8
        assertArrayEquals(new long[] {8}, TopologySpreadScore.rawScores(pod(1, 100, MI), List.of(n), List.of(n, elsewhere)));
        long[] equal = {6, 6};
        TopologySpreadScore.normalize(equal);
        assertArrayEquals(new long[] {100, 100}, equal);
    }

    @Test
    void tiesGoToASeededDrawOverAllTiedNodes() {
        List<Node> nodes = List.of(node(0, 4000, 8 * GI, 110), node(0, 4000, 8 * GI, 110),
                node(0, 4000, 8 * GI, 110), node(0, 4000, 8 * GI, 110));
        Pod p = pod(1, 1000, 2 * GI);
        Set<Node> picked = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            Node first = new Scheduler(Scheduler.Scoring.LEAST_ALLOCATED, new MersenneTwister(seed)).place(p, nodes);
            Node again = new Scheduler(Scheduler.Scoring.LEAST_ALLOCATED, new MersenneTwister(seed)).place(p, nodes);
            assertSame(first, again);
            picked.add(first);
        }
        assertEquals(new HashSet<>(nodes), picked);
    }

    @Test
    void selectHostIsReservoirSamplingInOrder() {
        // scores 5, 7, 7, 3, 7: index 1 leads; the tie at 2 draws nextInt(2) = 0 and takes it; the tie at 4
        // draws nextInt(3) = 1 and keeps 2.
        Scripted draws = new Scripted(0, 1);
        assertEquals(2, new Scheduler(Scheduler.Scoring.LEAST_ALLOCATED, draws).selectHost(new long[] {5, 7, 7, 3, 7}));
        assertEquals(List.of(2, 3), draws.bounds);
    }

    @Test
    void oneFeasibleNodeIsChosenWithoutScoringOrDrawing() {
        Node a = node(0, 4000, 8 * GI, 110);
        Node full = node(0, 1000, 8 * GI, 110);
        bound(full, 9, 1000, GI);
        Scripted draws = new Scripted();
        assertSame(a, new Scheduler(Scheduler.Scoring.LEAST_ALLOCATED, draws).place(pod(1, 500, GI), List.of(full, a)));
        assertTrue(draws.bounds.isEmpty());
    }

    // --- upstream test tables (least_allocated_test.go, most_allocated_test.go): CPU in millicores scaled as
    // upstream's ratios, memory in bytes ---

    @Test
    void leastAllocatedUpstreamCases() {
        // "nothing scheduled, resources requested, differently sized nodes": 37, 50.
        Pod p = pod(1, 3000, 5000);
        assertEquals(37, ResourceFitScore.score(Scheduler.Scoring.LEAST_ALLOCATED, p, node(0, 4000, 10000, 110)));
        assertEquals(50, ResourceFitScore.score(Scheduler.Scoring.LEAST_ALLOCATED, p, node(0, 6000, 10000, 110)));
        // "resources requested, pods scheduled with resources": 57, 45 (memory 0 of an existing pod is a real 0
        // upstream, which this model cannot hold, so the sums are given directly).
        assertEquals(57, ResourceFitScore.leastAllocated(6000, 10000, 5000, 20000));
        assertEquals(45, ResourceFitScore.leastAllocated(6000, 10000, 10000, 20000));
        // "... differently sized nodes": 57, 60.
        assertEquals(60, ResourceFitScore.leastAllocated(6000, 10000, 10000, 50000));
        // "requested resources exceed node capacity": 50, 25.
        assertEquals(50, ResourceFitScore.leastAllocated(6000, 4000, 0, 10000));
        assertEquals(25, ResourceFitScore.leastAllocated(6000, 4000, 5000, 10000));
    }

    @Test
    void mostAllocatedUpstreamCases() {
        // "nothing scheduled, resources requested, differently sized nodes": 62, 50.
        Pod p = pod(1, 3000, 5000);
        assertEquals(62, ResourceFitScore.score(Scheduler.Scoring.MOST_ALLOCATED, p, node(0, 4000, 10000, 110)));
        assertEquals(50, ResourceFitScore.score(Scheduler.Scoring.MOST_ALLOCATED, p, node(0, 6000, 10000, 110)));
        // "resources requested equal node capacity": 95, 75.
        Pod q = pod(1, 5000, 9000);
        assertEquals(95, ResourceFitScore.score(Scheduler.Scoring.MOST_ALLOCATED, q, node(0, 5000, 10000, 110)));
        assertEquals(75, ResourceFitScore.score(Scheduler.Scoring.MOST_ALLOCATED, q, node(0, 10000, 9000, 110)));
        // "no resources requested, pods scheduled, nonzero request for resource": every pod counts 100m / 200Mi;
        // node1 holds two: cpu 300m of 250m capped -> 100, memory 600Mi/1000Mi -> 60: 80; node2 40, 20: 30.
        Node n1 = node(0, 250, 1000 * MI, 110);
        Node n2 = node(0, 250, 1000 * MI, 110);
        bound(n1, 9, 0, 0);
        bound(n1, 9, 0, 0);
        Pod none = pod(1, 0, 0);
        assertEquals(80, ResourceFitScore.score(Scheduler.Scoring.MOST_ALLOCATED, none, n1));
        assertEquals(30, ResourceFitScore.score(Scheduler.Scoring.MOST_ALLOCATED, none, n2));
        // "resources requested, pods scheduled with resources": 42, 55.
        assertEquals(42, ResourceFitScore.mostAllocated(6000, 10000, 5000, 20000));
        assertEquals(55, ResourceFitScore.mostAllocated(6000, 10000, 10000, 20000));
    }

    @Test
    void balancedAllocationUpstreamCases() {
        // The with-pod balance, as balanced_allocation_test.go tabulated it before PR #135573:
        // 3000/4000, 5000/10000: std 0.125 -> 87; 3000/6000, 5000/10000 -> 100.
        assertEquals(87, BalancedAllocationScore.balance(3000, 4000, 5000, 10000));
        assertEquals(100, BalancedAllocationScore.balance(3000, 6000, 5000, 10000));
        // 6000/10000 with 5000/20000 -> 82, 10000/20000 -> 95, 10000/50000 -> 80.
        assertEquals(82, BalancedAllocationScore.balance(6000, 10000, 5000, 20000));
        assertEquals(95, BalancedAllocationScore.balance(6000, 10000, 10000, 20000));
        assertEquals(80, BalancedAllocationScore.balance(6000, 10000, 10000, 50000));
        // "requested resources at node capacity": 6000/6000 with 0/10000 -> 50, 5000/10000 -> 75.
        assertEquals(50, BalancedAllocationScore.balance(6000, 6000, 0, 10000));
        assertEquals(75, BalancedAllocationScore.balance(6000, 6000, 5000, 10000));
    }

    @Test
    void balancedAllocationScoresTheChangeOfBalance() {
        // Empty 4000m/10000 node, pod 3000m/5000: without 0/0 -> 100, with 87: 50 + (50+87-100)/2 = 50+18 = 68.
        Pod p = pod(1, 3000, 5000);
        assertEquals(68, BalancedAllocationScore.score(p, node(0, 4000, 10000, 110)));
        // Empty 6000m/10000 node: 100 both: 75.
        assertEquals(75, BalancedAllocationScore.score(p, node(0, 6000, 10000, 110)));
        // A CPU-heavy node (3000m/4000m, 0.5 GiB/8 GiB) taking a memory-heavy pod (500m, 5.5 GiB):
        // without 0.75/0.0625 -> std 0.34375 -> 65; with 0.875/0.75 -> 0.0625 -> 93: 50 + (50+93-65)/2 = 89.
        Node cpuHeavy = node(0, 4000, 8 * GI, 110);
        bound(cpuHeavy, 9, 3000, 512 * MI);
        assertEquals(89, BalancedAllocationScore.score(pod(1, 500, 5 * GI + 512 * MI), cpuHeavy));
        // Upstream's change bounds: balanced to imbalanced 50, imbalanced to balanced 100.
        assertEquals(50, BalancedAllocationScore.change(50, 100));
        assertEquals(100, BalancedAllocationScore.change(100, 50));
        // A best-effort pod skips the plugin.
        assertTrue(BalancedAllocationScore.skips(pod(1, 0, 0)));
        assertEquals(0, BalancedAllocationScore.score(pod(1, 0, 0), node(0, 4000, 10000, 110)));
    }

    /** A random stream that answers {@code nextInt} from a script and records the bounds asked for. */
    static final class Scripted extends AbstractRandomGenerator {
        final Deque<Integer> answers = new ArrayDeque<>();
        final List<Integer> bounds = new ArrayList<>();

        Scripted(int... answers) {
            for (int a : answers) {
                this.answers.add(a);
            }
        }

        @Override
        public int nextInt(int n) {
            bounds.add(n);
            return answers.removeFirst();
        }

        @Override
        public double nextDouble() {
            throw new AssertionError("no draw expected");
        }

        @Override
        public void setSeed(long seed) {
        }
    }
}
