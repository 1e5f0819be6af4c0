package io.headroom.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.yaml.CountOrPercent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Deployment controller's arithmetic against upstream's unit tests: {@code util/deployment_util_test.go}
 * (TestResolveFenceposts, TestMaxUnavailable), {@code rolling_test.go} (reconcileNewReplicaSet,
 * reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate) and
 * {@code sync_test.go} (TestScale), with their fixtures' defaults: {@code newDeployment} is a rolling update of
 * maxSurge 0 and maxUnavailable 0 unless given, {@code rs()} has no available pods.
 */
class DeploymentControllerTest {
    private static CountOrPercent c(Object v) {
        return CountOrPercent.of(v);
    }

    private static Deployment deployment(int replicas, Object maxSurge, Object maxUnavailable) {
        return new Deployment(replicas, Deployment.Strategy.ROLLING_UPDATE, c(maxSurge), c(maxUnavailable));
    }

    @Test
    void resolveFenceposts() {
        assertArrayEquals(new int[] {0, 1}, DeploymentController.resolveFenceposts(c("0%"), c("0%"), 0));
        assertArrayEquals(new int[] {4, 3}, DeploymentController.resolveFenceposts(c("39%"), c("39%"), 10));
        assertArrayEquals(new int[] {1, 1}, DeploymentController.resolveFenceposts(c(1), c(1), 2));
        assertArrayEquals(new int[] {2, 2}, DeploymentController.resolveFenceposts(c("25%"), c("25%"), 8)); // up, down
        assertArrayEquals(new int[] {0, 1}, DeploymentController.resolveFenceposts(null, null, 10));
        assertArrayEquals(new int[] {3, 2}, DeploymentController.resolveFenceposts(c(3), c(2), 10));
        // the doc comment's cases: 2 desired, unavailable 1 %, surge 0 % resolve to surge 0, unavailable 1 (old first)
        assertArrayEquals(new int[] {0, 1}, DeploymentController.resolveFenceposts(c("0%"), c("1%"), 2));
        assertArrayEquals(new int[] {1, 0}, DeploymentController.resolveFenceposts(c("1%"), c("25%"), 2));
    }

    @Test
    void maxUnavailable() {
        assertEquals(3, DeploymentController.maxUnavailable(deployment(3, 0, 10))); // at most the replicas
        assertEquals(3, DeploymentController.maxUnavailable(deployment(10, "0%", "30%")));
        assertEquals(0, DeploymentController.maxUnavailable(deployment(0, 0, 1)));
        assertEquals(0, DeploymentController.maxUnavailable(new Deployment(10, Deployment.Strategy.RECREATE, null, null)));
    }

    /** TestDeploymentController_reconcileNewReplicaSet: {deployment, maxSurge, old, new} -> the new revision's replicas or none. */
    @Test
    void reconcileNewReplicaSet() {
        int[][] cases = {{10, 0, 10, 0, -1}, {10, 2, 10, 0, 2}, {10, 2, 5, 0, 7}, {10, 2, 10, 2, -1}, {10, 2, 2, 11, 10}};
        for (int[] t : cases) {
            Revision newRS = new Revision("foo-v2", 1, t[3]);
            Revision oldRS = new Revision("foo-v2", 0, t[2]);
            boolean scaled = DeploymentController.reconcileNewReplicaSet(List.of(newRS, oldRS), newRS, deployment(t[0], t[1], 0));
            assertEquals(t[4] >= 0, scaled, java.util.Arrays.toString(t));
            if (t[4] >= 0) {
                assertEquals(t[4], newRS.replicas(), java.util.Arrays.toString(t));
            }
        }
    }

    /** TestDeploymentController_reconcileOldReplicaSets: {deployment, maxUnavailable, old, new, readyOld, readyNew, expected old or -1}. */
    @Test
    void reconcileOldReplicaSets() {
        int[][] cases = {{10, 0, 10, 0, 10, 0, 9}, {10, 2, 10, 0, 10, 0, 8}, {10, 2, 10, 0, 8, 0, 8}, {10, 2, 10, 0, 9, 0, 8},
                {10, 2, 8, 2, 8, 0, -1}};
        for (int[] t : cases) {
            Revision newRS = new Revision("foo-new", 1, t[3]).available(t[5]);
            Revision oldRS = new Revision("foo-old", 0, t[2]).available(t[4]);
            boolean scaled = DeploymentController.reconcileOldReplicaSets(List.of(oldRS, newRS), List.of(oldRS), newRS,
                    deployment(t[0], 0, t[1]));
            assertEquals(t[6] >= 0, scaled, java.util.Arrays.toString(t));
            if (t[6] >= 0) {
                assertEquals(t[6], oldRS.replicas(), java.util.Arrays.toString(t));
            }
        }
    }

    /** TestDeploymentController_cleanupUnhealthyReplicas: {old, ready, maxCleanup, expected cleaned}. */
    @Test
    void cleanupUnhealthyReplicas() {
        int[][] cases = {{10, 8, 1, 1}, {10, 8, 3, 2}, {10, 8, 0, 0}, {10, 10, 3, 0}};
        for (int[] t : cases) {
            Revision oldRS = new Revision("foo-v2", 0, t[0]).available(t[1]);
            assertEquals(t[3], DeploymentController.cleanupUnhealthyReplicas(List.of(oldRS), deployment(10, 2, 2), t[2]),
                    java.util.Arrays.toString(t));
            assertEquals(t[0] - t[3], oldRS.replicas());
        }
    }

    /** TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate: {deployment, maxUnavailable, ready, old, expected old or -1}. */
    @Test
    void scaleDownOldReplicaSetsForRollingUpdate() {
        int[][] cases = {{10, 0, 10, 10, 9}, {10, 2, 10, 10, 8}, {10, 2, 8, 10, -1}, {10, 2, 10, 0, -1}, {10, 2, 1, 10, -1}};
        for (int[] t : cases) {
            Revision oldRS = new Revision("foo-v2", 0, t[3]).available(t[2]);
            int scaled = DeploymentController.scaleDownOldReplicaSetsForRollingUpdate(List.of(oldRS), List.of(oldRS),
                    deployment(t[0], 0, t[1]));
            assertEquals(t[4] >= 0, scaled > 0, java.util.Arrays.toString(t));
            assertEquals(t[4] >= 0 ? t[4] : t[3], oldRS.replicas(), java.util.Arrays.toString(t));
        }
    }

    /** One TestScale case: the old Deployment's replicas and surge set the annotations; then {@code scale}. */
    private static void scaleCase(String name, Deployment now, Deployment before, int[] newRS, int[][] oldRSs, int[] expectedNew,
                                  int[] expectedOld) {
        Revision n = newRS == null ? null : new Revision("new", 2, newRS[0]).available(newRS.length > 1 ? newRS[1] : 0);
        List<Revision> olds = new ArrayList<>();
        for (int i = 0; i < oldRSs.length; i++) {
            olds.add(new Revision("old" + i, -i, oldRSs[i][0]));
        }
        int max = before.replicas() + DeploymentController.maxSurge(before);
        if (n != null) {
            n.annotations(before.replicas(), max);
        }
        olds.forEach(r -> r.annotations(before.replicas(), max));
        DeploymentController.scale(now, n, olds);
        if (n != null) {
            assertEquals(expectedNew[0], n.replicas(), name + ": new");
        }
        for (int i = 0; i < olds.size(); i++) {
            assertEquals(expectedOld[i], olds.get(i).replicas(), name + ": old " + i);
        }
    }

    /** TestScale (sync_test.go): new revision first, then old ones newest first. */
    @Test
    void proportionalScaling() {
        scaleCase("normal scaling event: 10 -> 12", deployment(12, 0, 0), deployment(10, 0, 0), new int[] {10}, new int[0][],
                new int[] {12}, new int[0]);
        scaleCase("normal scaling event: 10 -> 5", deployment(5, 0, 0), deployment(10, 0, 0), new int[] {10}, new int[0][],
                new int[] {5}, new int[0]);
        scaleCase("proportional scaling: 5 -> 10", deployment(10, 0, 0), deployment(5, 0, 0), new int[] {2}, new int[][] {{3}},
                new int[] {4}, new int[] {6});
        scaleCase("proportional scaling: 5 -> 3", deployment(3, 0, 0), deployment(5, 0, 0), new int[] {2}, new int[][] {{3}},
                new int[] {1}, new int[] {2});
        scaleCase("proportional scaling: 9 -> 4", deployment(4, 0, 0), deployment(9, 0, 0), new int[] {8}, new int[][] {{1}},
                new int[] {4}, new int[] {0});
        scaleCase("proportional scaling: 7 -> 10", deployment(10, 0, 0), deployment(7, 0, 0), new int[] {2}, new int[][] {{3}, {2}},
                new int[] {3}, new int[] {4, 3});
        scaleCase("proportional scaling: 13 -> 8", deployment(8, 0, 0), deployment(13, 0, 0), new int[] {2}, new int[][] {{8}, {3}},
                new int[] {1}, new int[] {5, 2});
        scaleCase("leftover distribution: 3 -> 4", deployment(4, 0, 0), deployment(3, 0, 0), new int[] {1}, new int[][] {{1}, {1}},
                new int[] {2}, new int[] {1, 1});
        scaleCase("leftover distribution: 3 -> 2", deployment(2, 0, 0), deployment(3, 0, 0), new int[] {1}, new int[][] {{1}, {1}},
                new int[] {1}, new int[] {1, 0});
        scaleCase("proportional scaling (no new rs): 4 -> 5", deployment(5, 0, 0), deployment(4, 0, 0), null, new int[][] {{2}, {2}},
                null, new int[] {3, 2});
        scaleCase("proportional scaling: 6 -> 0", deployment(0, 0, 0), deployment(6, 0, 0), new int[] {3}, new int[][] {{2}, {1}},
                new int[] {0}, new int[] {0, 0});
        scaleCase("proportional scaling: 0 -> 6", deployment(6, 0, 0), deployment(6, 0, 0), new int[] {0}, new int[][] {{0}, {0}},
                new int[] {6}, new int[] {0, 0});
        scaleCase("deployment with surge pods", deployment(20, 2, 0), deployment(10, 2, 0), new int[] {6}, new int[][] {{6}},
                new int[] {11}, new int[] {11});
        scaleCase("change both surge and size", deployment(50, 6, 0), deployment(10, 3, 0), new int[] {5}, new int[][] {{8}},
                new int[] {22}, new int[] {34});
        scaleCase("saturated but broken new replica set does not affect old pods", deployment(2, 1, 1), deployment(2, 1, 1),
                new int[] {2, 0}, new int[][] {{1}}, new int[] {2}, new int[] {1});
    }

    @Test
    void aScalingEventIsAnnotatedDesiredReplicasOtherThanTheDeployments() {
        Revision n = new Revision("new", 1, 2).annotations(5, 5);
        Revision o = new Revision("old", 0, 3).annotations(5, 5);
        assertFalse(DeploymentController.isScalingEvent(deployment(5, 0, 0), n, List.of(o)));
        assertTrue(DeploymentController.isScalingEvent(deployment(10, 0, 0), n, List.of(o)));
    }

    /**
     * A rolling update of 8 pods, maxSurge 25 % (2) and maxUnavailable 0, each sync after every new pod has become
     * available: new 2 (10 pods), old 6, new 4, old 4, new 6, old 2, new 8, old 0 — never under 8 available, never
     * over 10 pods. With maxUnavailable 25 % (2) the old revision first drops to 6 available at once.
     */
    @Test
    void aRollingUpdateStepByStep() {
        Deployment d = deployment(8, "25%", 0);
        Revision old = new Revision("v1", 0, 8).available(8).annotations(8, 10);
        Revision next = DeploymentController.newRevision("v2", 1, d, List.of(old));
        assertEquals(2, next.replicas());
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 20 && !(next.replicas() == 8 && old.replicas() == 0); i++) {
            next.available(next.replicas()); // the new pods become available
            old.available(old.replicas());
            assertTrue(old.available() + next.available() >= 8);
            assertTrue(old.replicas() + next.replicas() <= 10);
            DeploymentController.sync(d, next, List.of(old), old.replicas() > 0);
            steps.add(next.replicas() + "/" + old.replicas());
        }
        assertEquals(List.of("2/6", "4/6", "4/4", "6/4", "6/2", "8/2", "8/0"), steps);

        Deployment dip = deployment(8, "25%", "25%");
        Revision old2 = new Revision("v1", 0, 8).available(8).annotations(8, 10);
        Revision next2 = DeploymentController.newRevision("v2", 1, dip, List.of(old2));
        assertEquals(2, next2.replicas());
        DeploymentController.sync(dip, next2, List.of(old2), true); // the new pods not available yet: old goes to 6
        assertEquals(6, old2.replicas());
    }

    /** Recreate: the old revision to zero; the new one scaled up only once the old pods are gone. */
    @Test
    void recreate() {
        Deployment d = new Deployment(4, Deployment.Strategy.RECREATE, null, null);
        Revision old = new Revision("v1", 0, 4).available(4).annotations(4, 4);
        Revision next = new Revision("v2", 1, 0).annotations(4, 4);
        assertTrue(DeploymentController.sync(d, next, List.of(old), true));
        assertEquals(0, old.replicas());
        assertEquals(0, next.replicas());
        assertFalse(DeploymentController.sync(d, next, List.of(old), true)); // old pods still terminating
        assertTrue(DeploymentController.sync(d, next, List.of(old), false));
        assertEquals(4, next.replicas());
    }
}
