package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.cluster.Disruptions;
import org.junit.jupiter.api.Test;

/**
 * Upstream's cases from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/updater/restriction/pods_eviction_restriction_test.go}
 * and {@code pods_restriction_factory_test.go} ({@code TestDisruptReplicatedByController}, the eviction rows;
 * commit 55c37cd5eb550756c5ccc5a89e9068d77797e575): {@code CanEvict} is asked for every pod first, then each pod
 * is evicted in order. Each row lists the pods as running (false) or pending (true).
 */
class EvictionRestrictionTest {
    static final UpdaterConfig C = UpdaterConfig.DEFAULT;

    /** TestEvictTooFewReplicas: 5 of 5 pods with minReplicas 10: none can go. */
    @Test
    void evictTooFewReplicas() {
        check(5, C.withMinReplicas(10), Disruptions.NONE, pods(5), expect(5, 0), expect(5, 0));
    }

    /** TestEvictionTolerance: 5 replicas, tolerance 0.8: floor(4.0) = 4 go, the fifth does not. */
    @Test
    void evictionTolerance() {
        check(5, C.withEvictionTolerance(0.8), Disruptions.NONE, pods(5), expect(5, 5), expect(5, 4));
    }

    /** TestEvictAtLeastOne: 5 replicas, tolerance 0.1 (floor 0): one goes. */
    @Test
    void evictAtLeastOne() {
        check(5, C.withEvictionTolerance(0.1), Disruptions.NONE, pods(5), expect(5, 5), expect(5, 1));
    }

    /** TestDisruptReplicatedByController: "Evict only first pod (half of 3)." */
    @Test
    void halfOfThree() {
        check(3, C, Disruptions.NONE, pods(3), new boolean[] {true, true, true}, new boolean[] {true, false, false});
    }

    /** "Evict two pods (half of 4)." */
    @Test
    void halfOfFour() {
        check(4, C, Disruptions.NONE, pods(4), expect(4, 4), new boolean[] {true, true, false, false});
    }

    /** "Half of the population can be evicted. One pod is missing already." */
    @Test
    void oneMissingAlready() {
        check(4, C, Disruptions.NONE, pods(3), expect(3, 3), new boolean[] {true, false, false});
    }

    /** "For small eviction tolerance at least one pod is evicted." */
    @Test
    void smallTolerance() {
        check(3, C.withEvictionTolerance(0.1), Disruptions.NONE, pods(3), expect(3, 3),
                new boolean[] {true, false, false});
    }

    /** "Only 2 pods in replica of 3 and tolerance is 0. None of pods can be evicted." */
    @Test
    void twoOfThreeZeroTolerance() {
        check(3, C.withEvictionTolerance(0.1), Disruptions.NONE, pods(2), expect(2, 0), expect(2, 0));
    }

    /** "Only pending pod can be evicted without violation of tolerance." */
    @Test
    void onlyPendingPod() {
        check(3, C, Disruptions.NONE, new boolean[] {false, true, false}, new boolean[] {false, true, false},
                new boolean[] {false, true, false});
    }

    /** "Pending pods are always evictable." */
    @Test
    void pendingAlwaysEvictable() {
        boolean[] pods = {false, true, true, true};
        check(4, C, Disruptions.NONE, pods, pods, pods);
    }

    /** "Cannot evict a single Pod under default settings." */
    @Test
    void singlePodDefault() {
        check(1, C, Disruptions.NONE, pods(1), expect(1, 0), expect(1, 0));
    }

    /** "Can evict even a single Pod using PodUpdatePolicy.MinReplicas." */
    @Test
    void singlePodMinReplicasOne() {
        check(1, C.withMinReplicas(1), Disruptions.NONE, pods(1), expect(1, 1), expect(1, 1));
    }

    /**
     * Recreate within a PodDisruptionBudget: 6 replicas may lose 3 by the VPA's tolerance, but a budget allowing 1
     * disruption lets the eviction API take only the first; a pending pod ignores the budget.
     */
    @Test
    void budgetLimitsEvictions() {
        Disruptions oneAllowed = owner -> owner == 7 ? 1 : Integer.MAX_VALUE;
        EvictionRestriction r = new EvictionRestriction(7, 6, 6, 1, C, oneAllowed);
        assertTrue(r.evict(false));
        assertFalse(r.evict(false));
        assertTrue(r.evict(true));
        assertEquals(1, r.evicted());
        EvictionRestriction none = new EvictionRestriction(7, 6, 6, 0, C, owner -> 0);
        assertTrue(none.canEvict(false)); // the updater's own check passes ...
        assertFalse(none.evict(false)); // ... the eviction API refuses
    }

    private static boolean[] pods(int n) {
        return new boolean[n];
    }

    /** {@code n} expectations, the first {@code yes} true. */
    private static boolean[] expect(int n, int yes) {
        boolean[] e = new boolean[n];
        for (int i = 0; i < yes; i++) {
            e[i] = true;
        }
        return e;
    }

    private static void check(int configured, UpdaterConfig config, Disruptions pdbs, boolean[] pending,
                              boolean[] canEvict, boolean[] evicted) {
        int nPending = 0;
        for (boolean p : pending) {
            nPending += p ? 1 : 0;
        }
        EvictionRestriction r = new EvictionRestriction(0, configured, pending.length, nPending, config, pdbs);
        for (int i = 0; i < pending.length; i++) {
            assertEquals(canEvict[i], r.canEvict(pending[i]), "CanEvict of pod " + i);
        }
        for (int i = 0; i < pending.length; i++) {
            assertEquals(evicted[i], r.evict(pending[i]), "Evict of pod " + i);
        }
    }
}
