package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upstream's cases from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/updater/priority/priority_processor_test.go}
 * ({@code TestGetUpdatePriority}, the single-container CPU rows) and {@code update_priority_calculator_test.go}
 * (commit 55c37cd5eb550756c5ccc5a89e9068d77797e575), with their numbers. Requests in millicores.
 */
class UpdatePriorityTest {
    static final long HOUR = 3_600_000_000_000L;
    static final long NO_LOWER = 0;
    static final long NO_UPPER = Long.MAX_VALUE;

    /** TestGetUpdatePriority: "simple scale up", request 2, target 10. */
    @Test
    void simpleScaleUp() {
        assertEquals(new PodPriority(false, true, 4.0), PodPriority.of(2000, 10_000, NO_LOWER, NO_UPPER));
    }

    /** TestGetUpdatePriority: "simple scale down", request 4, target 2. */
    @Test
    void simpleScaleDown() {
        assertEquals(new PodPriority(false, false, 0.5), PodPriority.of(4000, 2000, NO_LOWER, NO_UPPER));
    }

    /** TestGetUpdatePriority: "no resource diff". */
    @Test
    void noResourceDiff() {
        assertEquals(new PodPriority(false, false, 0.0), PodPriority.of(2000, 2000, NO_LOWER, NO_UPPER));
    }

    /** TestGetUpdatePriority: "scale up on milliquanitites", request 10m, target 900m. */
    @Test
    void scaleUpOnMilliquantities() {
        assertEquals(new PodPriority(false, true, 89.0), PodPriority.of(10, 900, NO_LOWER, NO_UPPER));
    }

    /** TestGetUpdatePriority: "scale up outside recommended range", request 4 below [6, 14], target 10. */
    @Test
    void scaleUpOutsideRecommendedRange() {
        assertEquals(new PodPriority(true, true, 1.5), PodPriority.of(4000, 10_000, 6000, 14_000));
    }

    /** TestGetUpdatePriority: "scale down outside recommended range", request 8 above [1, 3], target 2. */
    @Test
    void scaleDownOutsideRecommendedRange() {
        assertEquals(new PodPriority(true, false, 0.75), PodPriority.of(8000, 2000, 1000, 3000));
    }

    /** The bounds of a {@link Recommendation} are read as upstream's lowerBound and upperBound. */
    @Test
    void fromRecommendation() {
        assertEquals(new PodPriority(true, false, 0.75), PodPriority.of(8000, new Recommendation(2000, 1000, 3000, 1)));
    }

    /** TestSortPriority: resource diffs 4.0, 1.5, 9.0, 2.33 give POD3, POD1, POD4, POD2. */
    @Test
    void sortPriority() {
        Map<String, PodPriority> prio = Map.of(
                "POD1", new PodPriority(false, false, 4.0),
                "POD2", new PodPriority(false, false, 1.5),
                "POD3", new PodPriority(false, false, 9.0),
                "POD4", new PodPriority(false, false, 2.33));
        assertEquals(List.of("POD3", "POD1", "POD4", "POD2"), sorted(prio, 24 * HOUR, UpdaterConfig.DEFAULT));
    }

    /** TestSortPriorityResourcesDecrease: a pod that scales up goes first, then by diff. */
    @Test
    void sortPriorityResourcesDecrease() {
        Map<String, PodPriority> prio = Map.of(
                "POD1", new PodPriority(false, true, 0.25),
                "POD2", new PodPriority(false, false, 0.25),
                "POD3", new PodPriority(false, false, 0.5));
        assertEquals(List.of("POD1", "POD3", "POD2"), sorted(prio, 24 * HOUR, UpdaterConfig.DEFAULT));
    }

    /** TestUpdateNotRequired: no diff, no update. */
    @Test
    void updateNotRequired() {
        Map<String, PodPriority> prio = Map.of("POD1", new PodPriority(false, false, 0.0));
        assertEquals(List.of(), sorted(prio, 24 * HOUR, UpdaterConfig.DEFAULT));
    }

    /**
     * TestUpdateLonglivedPods: after 13 h with MinChangePriority 0.5, POD2 (diff 4.0) and POD3 (outside the range)
     * are updated, not POD1 (diff 0.25).
     */
    @Test
    void updateLonglivedPods() {
        Map<String, PodPriority> prio = Map.of(
                "POD1", new PodPriority(false, true, 0.25),
                "POD2", new PodPriority(false, true, 4.0),
                "POD3", new PodPriority(true, false, 0.25));
        assertEquals(List.of("POD2", "POD3"), sorted(prio, 13 * HOUR, UpdaterConfig.DEFAULT.withMinChangePriority(0.5)));
    }

    /** TestUpdateShortlivedPods: after 11 h only the pod outside the range (POD3) is updated. */
    @Test
    void updateShortlivedPods() {
        Map<String, PodPriority> prio = Map.of(
                "POD1", new PodPriority(false, true, 0.25),
                "POD2", new PodPriority(false, true, 0.0),
                "POD3", new PodPriority(true, false, 0.9));
        assertEquals(List.of("POD3"), sorted(prio, 11 * HOUR, UpdaterConfig.DEFAULT.withMinChangePriority(0.5)));
    }

    /** The 10 % and 12 h thresholds of the defaults, and a pod without a start time. */
    @Test
    void defaultThresholds() {
        UpdaterConfig c = UpdaterConfig.DEFAULT;
        PodPriority tenPercent = PodPriority.of(1000, 1100, 500, 2000);
        PodPriority under = PodPriority.of(1000, 1099, 500, 2000);
        assertEquals(0.1, tenPercent.resourceDiff(), 1e-15);
        assertTrue(UpdatePriority.shouldUpdate(tenPercent, 0, 12 * HOUR, c));
        assertFalse(UpdatePriority.shouldUpdate(tenPercent, 0, 12 * HOUR - 1, c));
        assertFalse(UpdatePriority.shouldUpdate(under, 0, 48 * HOUR, c));
        assertFalse(UpdatePriority.shouldUpdate(tenPercent, -1, 48 * HOUR, c));
        assertTrue(UpdatePriority.shouldUpdate(PodPriority.of(1000, 4000, 3000, 5000), -1, 0, c));
    }

    /** Upstream's calculator adds the pods in name order; all started at 0. */
    private static List<String> sorted(Map<String, PodPriority> prio, long now, UpdaterConfig c) {
        List<String> pods = prio.keySet().stream().sorted().toList();
        return UpdatePriority.sortedForUpdate(pods, prio::get, p -> 0L, now, c);
    }
}
