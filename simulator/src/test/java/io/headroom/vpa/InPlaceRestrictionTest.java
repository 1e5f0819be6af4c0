package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.cluster.Cluster;
import io.headroom.cluster.Disruptions;
import io.headroom.vpa.InPlaceRestriction.Decision;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upstream's in-place rows of kubernetes/autoscaler {@code pods_restriction_factory_test.go}
 * ({@code TestDisruptReplicatedByController}, commit 55c37cd5eb550756c5ccc5a89e9068d77797e575; {@code CanInPlaceUpdate}
 * is asked for every pod first), the Deferred timeout of {@code pods_inplace_restriction.go}, and the count a resize
 * leaves in the pass.
 */
class InPlaceRestrictionTest {
    private static final long MINUTE = 60_000_000_000L;

    private static InPlaceRestriction restriction(int replicas, UpdaterConfig config, Map<Integer, Long> last) {
        return new InPlaceRestriction(new EvictionRestriction(0, replicas, replicas, 0, config, Disruptions.NONE), last);
    }

    /** "In-place update only first pod (half of 3)." and "For small eviction tolerance at least one pod is in-place resized." */
    @Test
    void everyPodIsApprovedBeforeAnyResizeThenOneGoes() {
        for (double tolerance : new double[] {0.5, 0.1}) {
            InPlaceRestriction r = restriction(3, UpdaterConfig.DEFAULT.withEvictionTolerance(tolerance), new HashMap<>());
            for (int pod = 0; pod < 3; pod++) {
                assertEquals(Decision.APPROVED, r.canInPlaceUpdate(pod, false, null, 0));
            }
            r.inPlaceUpdated();
            // floor(3 x 0.5) = 1 or floor(0.3) = 0 with the at-least-one rule: after one resize, no other pod this pass
            assertEquals(Decision.DEFERRED, r.canInPlaceUpdate(1, false, null, 0));
        }
    }

    /** "Ongoing in-placing pods will not get resized again, but may be considered for eviction or deferred." */
    @Test
    void aPodWhoseResizeIsInfeasibleIsEvictedAndAWaitingOneIsNotResizedAgain() {
        InPlaceRestriction r = restriction(3, UpdaterConfig.DEFAULT.withEvictionTolerance(0.1), new HashMap<>());
        assertEquals(Decision.EVICT, r.canInPlaceUpdate(0, false, Cluster.Resize.INFEASIBLE, 0));
        assertEquals(Decision.DEFERRED, r.canInPlaceUpdate(1, false, Cluster.Resize.DEFERRED, 0));
        assertEquals(Decision.APPROVED, r.canInPlaceUpdate(2, false, null, 0));
    }

    /** "Cannot in-place a single Pod under default settings." and "Can in-place even a single Pod using MinReplicas." */
    @Test
    void aSinglePodOnlyWithMinReplicasOne() {
        assertEquals(Decision.DEFERRED, restriction(1, UpdaterConfig.DEFAULT, new HashMap<>()).canInPlaceUpdate(0, false, null, 0));
        assertEquals(Decision.APPROVED, restriction(1, UpdaterConfig.DEFAULT.withMinReplicas(1), new HashMap<>())
                .canInPlaceUpdate(0, false, null, 0));
    }

    @Test
    void aPendingPodIsDeferred() {
        assertEquals(Decision.DEFERRED, restriction(3, UpdaterConfig.DEFAULT, new HashMap<>()).canInPlaceUpdate(0, true, null, 0));
    }

    /** Deferred for more than 5 minutes since the updater first saw it waiting: exactly 5 minutes is not enough. */
    @Test
    void aDeferredResizeFallsBackToEvictionAfterMoreThanFiveMinutes() {
        Map<Integer, Long> last = new HashMap<>();
        assertEquals(Decision.DEFERRED, restriction(2, UpdaterConfig.DEFAULT, last).canInPlaceUpdate(7, false, Cluster.Resize.DEFERRED, 3 * MINUTE));
        assertEquals(3 * MINUTE, last.get(7));
        assertEquals(Decision.DEFERRED, restriction(2, UpdaterConfig.DEFAULT, last).canInPlaceUpdate(7, false, Cluster.Resize.DEFERRED, 8 * MINUTE));
        assertEquals(Decision.EVICT, restriction(2, UpdaterConfig.DEFAULT, last).canInPlaceUpdate(7, false, Cluster.Resize.DEFERRED, 8 * MINUTE + 1));
    }

    /** A resize counts against the tolerance as an eviction would: the eviction that follows in the pass is refused. */
    @Test
    void aResizeTakesTheToleranceAnEvictionWouldUse() {
        EvictionRestriction group = new EvictionRestriction(0, 2, 2, 0, UpdaterConfig.DEFAULT, Disruptions.NONE);
        InPlaceRestriction r = new InPlaceRestriction(group, new HashMap<>());
        assertTrue(r.canEvictInPlacingPod(0, Cluster.Resize.INFEASIBLE, 0));
        r.inPlaceUpdated();
        assertFalse(r.canEvictInPlacingPod(0, Cluster.Resize.INFEASIBLE, 0));
        assertFalse(group.evictResizing());
    }
}
