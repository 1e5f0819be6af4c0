package io.headroom.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.headroom.yaml.CountOrPercent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Argo Rollouts' canary replica counts against its {@code TestCalculateReplicaCountsForCanary}
 * ({@code utils/replicaset/canary_test.go}, the cases without a traffic router's setCanaryScale) and the examples in
 * {@code CalculateReplicaCountsForCanary}'s doc comment.
 */
class CanaryTest {
    /** {replicas, weight, surge, unavailable, stableSpec, stableAvailable, canarySpec, canaryAvailable, expStable, expCanary, olderSpec}. */
    private static void check(String name, int replicas, int weight, Object surge, Object unavailable, int stableSpec, int stableAvailable,
                              int canarySpec, int canaryAvailable, int expectedStable, int expectedCanary, int older) {
        Revision stable = new Revision("stable", 0, stableSpec).available(stableAvailable);
        Revision canary = new Revision("canary", 1, canarySpec).available(canaryAvailable);
        List<Revision> olders = older > 0 ? List.of(new Revision("older", -1, older).available(older)) : List.of();
        int[] got = Canary.replicaCounts(replicas, weight, CountOrPercent.of(surge), CountOrPercent.of(unavailable), false, canary, stable,
                olders);
        assertArrayEquals(new int[] {expectedCanary, expectedStable}, got, name);
    }

    @Test
    void upstreamCases() {
        check("Do not add extra RSs in scaleDownCount when .Spec.Replica < AvailableReplicas", 10, 100, 3, 0, 7, 8, 6, 3, 7, 6, 0);
        check("Use max surge int to scale up canary", 10, 20, 2, 0, 10, 10, 0, 0, 10, 2, 0);
        check("Use max surge percentage to scale up canary", 10, 20, "20%", 0, 10, 10, 0, 0, 10, 2, 0);
        check("Scale down extra stable replicas", 10, 20, "20%", 0, 10, 10, 2, 2, 8, 2, 0);
        check("Do not go past max surge", 10, 30, 2, 0, 10, 10, 0, 0, 10, 2, 0);
        check("Use max unavailable int to scale down stableRS", 10, 20, 0, 2, 10, 10, 0, 0, 8, 0, 0);
        check("Use max surge percentage to scale down stableRS", 10, 20, 0, "20%", 10, 10, 0, 0, 8, 0, 0);
        check("Do not go past max unavailable", 10, 30, 0, 2, 10, 10, 0, 0, 8, 0, 0);
        check("Use Max Surge and Max Unavailable", 10, 50, 2, 1, 10, 10, 0, 0, 9, 2, 0);
        check("Scale canaryRS to zero on setWeight of 0%", 10, 0, 1, 1, 10, 10, 1, 1, 10, 0, 0);
        check("Scale stable to zero on setWeight of 100%", 10, 100, 1, 1, 1, 1, 10, 10, 0, 10, 0);
        check("Do not scale canaryRS down to zero on non-zero weight", 1, 20, 1, 0, 1, 1, 0, 0, 1, 1, 0);
        check("Do not scale canaryRS down to zero on non-100 weight", 1, 90, 1, 0, 1, 1, 0, 0, 1, 1, 0);
        check("Scale canaryRS to zero on <50 weight without surge", 1, 49, 0, 1, 1, 1, 0, 0, 1, 0, 0);
        check("Scale stableRS down to zero on >=50 weight without surge", 1, 51, 0, 1, 1, 1, 0, 0, 0, 0, 0);
        check("Scale canaryRS to one on >=50 weight without surge and stable replicas", 1, 51, 0, 1, 0, 0, 0, 0, 0, 1, 0);
        check("Scale up Stable before canaryRS", 10, 30, 1, 0, 1, 1, 0, 0, 7, 1, 3);
        check("Scale down canaryRS and stable", 10, 30, 0, 3, 8, 5, 4, 4, 7, 3, 0);
        check("Scale down stable and canary available", 10, 100, 1, 0, 10, 2, 10, 8, 2, 9, 0);
        check("Do not scale down canaryRS or stable when older RS count >= scaleDownCount", 10, 30, 0, 1, 8, 6, 4, 2, 8, 4, 3);
        check("Do not round past maxSurge with uneven setWeight divisor", 10, 5, 0, 1, 10, 10, 0, 0, 9, 0, 0);
        check("Do not round past maxSurge with uneven setWeight divisor (part 2)", 10, 5, 0, 1, 9, 9, 0, 0, 9, 1, 0);
        check("Use maxUnavailable of 1 when percentage of maxUnavailable and maxSurge result in 0 replicas", 10, 10, "0%", "0%", 10, 10,
                0, 0, 9, 0, 0);
        check("honor maxSurge during scale up when stableRS unavailable", 4, 100, 1, 0, 4, 1, 0, 0, 4, 1, 0);
        check("scale down to maxunavailable without exceeding maxSurge", 3, 99, 0, 2, 3, 3, 0, 0, 1, 0, 0);
        check("scale down to maxunavailable without exceeding maxSurge (part 2)", 3, 99, 0, 2, 1, 1, 0, 0, 1, 2, 0);
    }

    /** The doc comment's examples (new, stable), as the current code computes them. */
    @Test
    void docExamples() {
        check("10 at 10, unavailable 1, surge 1", 10, 10, 1, 1, 10, 10, 0, 0, 9, 1, 0);
        check("10 at 30, unavailable 0, surge 3", 10, 30, 3, 0, 10, 10, 0, 0, 10, 3, 0);
        check("10 at 30, unavailable 5, surge 0", 10, 30, 0, 5, 10, 10, 0, 0, 7, 0, 0);
        // the comment's "10 at 5, unavailable 1, surge 1: new 1, stable 9" predates approximateWeightedCanaryStableReplicaCounts:
        // with surge the closest counts to 5 % are 1 of 11 (9.1 %), so the stable keeps 10
        check("10 at 5, unavailable 1, surge 1", 10, 5, 1, 1, 10, 10, 0, 0, 10, 1, 0);
        check("1 at 5, unavailable 0, surge 1", 1, 5, 1, 0, 1, 1, 0, 0, 1, 1, 0);
        check("1 at 95, unavailable 0, surge 1", 1, 95, 1, 0, 1, 1, 0, 0, 1, 1, 0);
    }
}
