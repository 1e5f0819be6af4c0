package io.headroom.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * Which pods {@link Scheduler#preempt} evicts, and from which node, for a pod that fits nowhere: the victims
 * upstream's {@code SelectVictimsOnNode} keeps and reprieves, and the node {@code pickOneNodeForPreemption}
 * prefers. Nodes have room for CPU only where it matters; memory is plentiful throughout.
 */
class PreemptionTest {
    static final long GI = 1024L * 1024 * 1024;
    static final int PLACEHOLDER = -10;

    private int ids;
    private final Scheduler scheduler = new Scheduler(Scheduler.Scoring.LEAST_ALLOCATED, new MersenneTwister(7));

    Node node(long cpuMilli) {
        Node n = new Node(ids++, 0, 0, new NodeShape(cpuMilli, 64 * GI, 110), 0);
        n.ready(0);
        return n;
    }

    Pod pod(int owner, long cpuMilli, int priority) {
        return new Pod(ids++, owner, 0, cpuMilli, GI, priority, 0);
    }

    /** A pod of {@code owner} bound to {@code n} at time {@code boundAt}. */
    Pod on(Node n, int owner, long cpuMilli, int priority, long boundAt) {
        Pod p = pod(owner, cpuMilli, priority);
        n.bind(p, boundAt);
        p.phase(Pod.Phase.RUNNING);
        return p;
    }

    static Disruptions budgets(Map<Integer, Integer> allowed) {
        return owner -> allowed.getOrDefault(owner, Integer.MAX_VALUE);
    }

    @Test
    void evictingTheHigherPriorityPodAloneLetsTheLowestBeReprieved() {
        // 4000m node: a (priority 5, 2000m), b (priority -10, 500m), c (priority 100, 1000m); 500m free.
        // The pending pod (priority 10) needs 2000m. Without a and b: 1000+2000 <= 4000, a candidate.
        // Reprieve most important first: a back -> 1000+2000+2000 > 4000, a is a victim;
        // b back -> 1000+500+2000 = 3500 fits, b stays. c outranks the pod and is never touched.
        Node n = node(4000);
        Pod a = on(n, 1, 2000, 5, 1);
        on(n, 2, 500, -10, 2);
        on(n, 3, 1000, 100, 3);
        Preemption p = scheduler.preempt(pod(4, 2000, 10), List.of(n), Disruptions.NONE);
        assertSame(n, p.node());
        assertEquals(List.of(a), p.victims());
    }

    @Test
    void amongEqualPrioritiesTheLaterStartedIsEvicted() {
        // 4000m node: a (0, 2500m, bound at 1), b (0, 500m, at 2), c (0, 500m, at 3); pending priority 10, 1000m.
        // Order a, b, c: a back 3500, b back 4000 fit; c back 4500 does not: victim c.
        Node n = node(4000);
        on(n, 1, 2500, 0, 1);
        on(n, 1, 500, 0, 2);
        Pod c = on(n, 1, 500, 0, 3);
        assertEquals(List.of(c), scheduler.preempt(pod(2, 1000, 10), List.of(n), Disruptions.NONE).victims());
    }

    @Test
    void placeholdersAreEvictedForARealPod() {
        // A 4000m node: an app pod (priority 0, 2000m) and two placeholders (-10, 1000m, bound at 1 then 2).
        // A new app pod (priority 0, 1000m) fits nowhere; without the placeholders 2000+1000 fits.
        // Reprieve: first placeholder back 4000 fits; second back 5000 does not: the later placeholder goes.
        Node n = node(4000);
        on(n, 1, 2000, 0, 0);
        on(n, 99, 1000, PLACEHOLDER, 1);
        Pod second = on(n, 99, 1000, PLACEHOLDER, 2);
        Pod app = pod(1, 1000, 0);
        assertNull(scheduler.place(app, List.of(n)));
        Preemption p = scheduler.preempt(app, List.of(n), Disruptions.NONE);
        assertSame(n, p.node());
        assertEquals(List.of(second), p.victims());
        // A pod needing 1500m takes both placeholders, most important first.
        assertEquals(2, scheduler.preempt(pod(1, 1500, 0), List.of(n), Disruptions.NONE).victims().size());
    }

    @Test
    void equalOrHigherPriorityIsNeverPreempted() {
        Node n = node(2000);
        on(n, 1, 1000, 0, 0);
        on(n, 99, 1000, PLACEHOLDER, 1);
        // An app pod needing 2000m would need the other app pod gone too: no candidate.
        assertNull(scheduler.preempt(pod(2, 2000, 0), List.of(n), Disruptions.NONE));
        // A placeholder cannot evict a placeholder.
        assertNull(scheduler.preempt(pod(99, 1000, PLACEHOLDER), List.of(n), Disruptions.NONE));
    }

    @Test
    void onlySchedulableNodesAreCandidates() {
        Node deleting = node(2000);
        on(deleting, 99, 2000, PLACEHOLDER, 0);
        deleting.deleting();
        Node ready = node(2000);
        Pod victim = on(ready, 99, 2000, PLACEHOLDER, 5);
        Preemption p = scheduler.preempt(pod(1, 1000, 0), List.of(deleting, ready), Disruptions.NONE);
        assertSame(ready, p.node());
        assertEquals(List.of(victim), p.victims());
        ready.deleting();
        assertNull(scheduler.preempt(pod(1, 1000, 0), List.of(deleting, ready), Disruptions.NONE));
    }

    @Test
    void aNodeWhoseVictimsBreakNoBudgetIsPreferred() {
        // A and B are full with one priority-0 pod each (owners 1 and 2). Owner 1's budget allows no disruption.
        Node a = node(2000);
        Pod pa = on(a, 1, 2000, 0, 0);
        Node b = node(2000);
        Pod pb = on(b, 2, 2000, 0, 0);
        Pod pending = pod(3, 1000, 100);
        Preemption p = scheduler.preempt(pending, List.of(a, b), budgets(Map.of(1, 0, 2, 1)));
        assertSame(b, p.node());
        assertEquals(List.of(pb), p.victims());
        // With the budgets the other way round, A.
        assertEquals(List.of(pa), scheduler.preempt(pending, List.of(a, b), budgets(Map.of(1, 1, 2, 0))).victims());
        // When every choice breaks a budget, preemption still goes ahead on the fewest violations.
        Preemption forced = scheduler.preempt(pending, List.of(a), budgets(Map.of(1, 0)));
        assertEquals(List.of(pa), forced.victims());
        assertEquals(List.of(pa), PdbViolations.of(forced.victims(), budgets(Map.of(1, 0))));
    }

    @Test
    void podsWhoseEvictionBreaksABudgetAreReprievedFirst() {
        // 3000m node: y (owner 2, no budget, bound at 0), x1 and x2 (owner 1, bound at 1 and 2), 1000m each,
        // priority 0. Pending priority 10, 1000m.
        Node n = node(3000);
        Pod y = on(n, 2, 1000, 0, 0);
        on(n, 1, 1000, 0, 1);
        Pod x2 = on(n, 1, 1000, 0, 2);
        Pod pending = pod(3, 1000, 10);
        // No budget: reprieve y, x1, x2 in that order; x2 back makes 4000 > 3000: victim x2.
        assertEquals(List.of(x2), scheduler.preempt(pending, List.of(n), Disruptions.NONE).victims());
        // Owner 1 allows no disruption: x1 and x2 would break it and are reprieved first (2000, 3000 fit),
        // then y back makes 4000: y is the victim, though the most important by start time.
        Preemption p = scheduler.preempt(pending, List.of(n), budgets(Map.of(1, 0)));
        assertEquals(List.of(y), p.victims());
        Preemptor.Victims v = Preemptor.selectVictimsOnNode(pending, n, budgets(Map.of(1, 0)));
        assertEquals(0, v.pdbViolations());
    }

    @Test
    void theNodeWithTheLowestPriorityVictimsWins() {
        // A: one priority-0 pod to evict; B: two placeholders. Highest victim priority 0 against -10: B.
        Node a = node(2000);
        on(a, 1, 2000, 0, 0);
        Node b = node(2000);
        Pod b1 = on(b, 99, 1000, PLACEHOLDER, 0);
        Pod b2 = on(b, 99, 1000, PLACEHOLDER, 0);
        Preemption p = scheduler.preempt(pod(2, 2000, 100), List.of(a, b), Disruptions.NONE);
        assertSame(b, p.node());
        assertEquals(List.of(b1, b2), p.victims());
    }

    @Test
    void theSmallestSumOfPrioritiesThenTheLatestStartWins() {
        // A: two placeholders to evict; B: one. Highest -10 both; sums 2*(2^31-10) against 2^31-10: B.
        Node a = node(2000);
        on(a, 99, 1000, PLACEHOLDER, 0);
        on(a, 99, 1000, PLACEHOLDER, 0);
        Node b = node(2000);
        on(b, 99, 2000, PLACEHOLDER, 0);
        assertSame(b, scheduler.preempt(pod(1, 2000, 0), List.of(a, b), Disruptions.NONE).node());
        // C and D alike but for when their placeholder started: the later (D, bound at 9) is preferred.
        Node c = node(2000);
        on(c, 99, 2000, PLACEHOLDER, 5);
        Node d = node(2000);
        on(d, 99, 2000, PLACEHOLDER, 9);
        assertSame(d, scheduler.preempt(pod(1, 2000, 0), List.of(c, d), Disruptions.NONE).node());
        // Everything equal: the first in order.
        Node e = node(2000);
        on(e, 99, 2000, PLACEHOLDER, 9);
        assertSame(d, scheduler.preempt(pod(1, 2000, 0), List.of(d, e), Disruptions.NONE).node());
    }

    @Test
    void aPodTooLargeForAnyNodeHasNoPreemption() {
        Node n = node(2000);
        on(n, 99, 2000, PLACEHOLDER, 0);
        assertNull(scheduler.preempt(pod(1, 3000, 0), List.of(n), Disruptions.NONE));
        assertNull(scheduler.preempt(pod(1, 1000, 0), List.of(), Disruptions.NONE));
    }

    @Test
    void victimsAlreadyTerminatingAreChosenAgainRatherThanNewOnes() {
        // After a first preemption the victim terminates but still holds its CPU; asking again gives the same
        // victim, not another.
        Node n = node(2000);
        on(n, 99, 1000, PLACEHOLDER, 0);
        Pod later = on(n, 99, 1000, PLACEHOLDER, 1);
        Pod pending = pod(1, 1000, 0);
        assertEquals(List.of(later), scheduler.preempt(pending, List.of(n), Disruptions.NONE).victims());
        later.phase(Pod.Phase.TERMINATING);
        assertEquals(List.of(later), scheduler.preempt(pending, List.of(n), budgets(Map.of(99, 0))).victims());
    }

    @Test
    void pdbViolationsWalkThePlanInOrder() {
        Node n = node(8000);
        Pod a1 = on(n, 1, 100, 0, 0);
        Pod a2 = on(n, 1, 100, 0, 0);
        Pod a3 = on(n, 1, 100, 0, 0);
        Pod b1 = on(n, 2, 100, 0, 0);
        Disruptions one = budgets(Map.of(1, 1));
        assertEquals(List.of(a2, a3), PdbViolations.of(List.of(a1, a2, a3, b1), one));
        assertTrue(PdbViolations.allowed(List.of(a1, b1), one));
        // A pod already terminating was disrupted before and uses none of the budget.
        a1.phase(Pod.Phase.TERMINATING);
        assertEquals(List.of(a3), PdbViolations.of(List.of(a1, a2, a3), one));
        assertEquals(List.of(), PdbViolations.of(List.of(a1, a2, b1), Disruptions.NONE));
    }
}
