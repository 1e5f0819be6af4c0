package io.headroom.rollout;

import io.headroom.yaml.CountOrPercent;
import java.util.List;

/**
 * A canary's replica counts as Argo Rollouts computes them at each step: the canary (new) and stable counts closest
 * to the step's traffic weight (neither empty at a weight from 1 to 99 when there is room), scaled up within
 * {@code maxSurge} (the stable first) and down within {@code maxUnavailable} (older revisions first, then whichever of
 * canary and stable is shrinking). Without a traffic router the weight is realised by pod
 * counts: 5 % of 10 pods is one canary pod, 10 % of the traffic. With one ({@code exact}) the stable keeps every
 * replica until the end and the canary gets its share of pods.
 *
 * <p>Ported from argoproj/argo-rollouts {@code utils/replicaset/canary.go}
 * ({@code CalculateReplicaCountsForBasicCanary}, {@code approximateWeightedCanaryStableReplicaCounts},
 * {@code calculateScaleDownReplicaCount}, {@code adjustReplicaWithinLimits}, {@code GetReplicasForScaleDown},
 * {@code CheckStableRSExists}, {@code CalculateReplicaCountsForTrafficRoutedCanary}); {@code MaxSurge} and {@code MaxUnavailable} resolve as the Deployment's
 * ({@link DeploymentController#resolveFenceposts}). Not ported: {@code setCanaryScale}, abort scale-down delay,
 * {@code minPodsPerReplicaSet}.
 */
public final class Canary {
    private Canary() {
    }

    /**
     * {@code {canary, stable}} replicas for a Rollout of {@code replicas} at {@code weight} percent; {@code canary} and
     * {@code stable} may be null (no such revision), {@code older} are other revisions still holding pods.
     */
    public static int[] replicaCounts(int replicas, int weight, CountOrPercent maxSurge, CountOrPercent maxUnavailable,
                                      boolean exact, Revision canary, Revision stable, List<Revision> older) {
        if (exact) { // CalculateReplicaCountsForTrafficRoutedCanary without dynamic stable scaling
            return new int[] {(int) Math.ceil(weight * replicas / 100.0), replicas};
        }
        int[] fence = DeploymentController.resolveFenceposts(maxSurge, maxUnavailable, replicas);
        int surge = fence[0];
        int[] desired = approximate(replicas, weight, surge);
        int desiredCanary = desired[0];
        int desiredStable = desired[1];
        int stableCount = 0;
        int canaryCount = canary == null ? 0 : canary.replicas();
        boolean scaleStable = stable != null && stable != canary;
        if (scaleStable) {
            stableCount = stable.replicas();
        } else {
            desiredCanary = replicas;
            desiredStable = 0;
        }
        int maxAllowed = replicas + surge;
        int total = DeploymentController.replicas(older) + (canary == null ? 0 : canary.replicas()) + (scaleStable ? stable.replicas() : 0);
        int scaleUp = maxAllowed - total;
        if (scaleStable && stable.replicas() < desiredStable && scaleUp > 0) {
            if (stable.replicas() + scaleUp < desiredStable) {
                stableCount = stable.replicas() + scaleUp;
                scaleUp = 0;
            } else {
                stableCount = desiredStable;
                scaleUp -= desiredStable - stable.replicas();
            }
        }
        if (canary != null && canary.replicas() < desiredCanary && scaleUp > 0) {
            canaryCount = canary.replicas() + scaleUp < desiredCanary ? canary.replicas() + scaleUp : desiredCanary;
        }
        if (DeploymentController.replicas(older) > 0) {
            return new int[] {canaryCount, stableCount};
        }
        int unavailable = replicas == 0 ? 0 : Math.min(replicas, fence[1]);
        int minAvailable = replicas - unavailable;
        boolean increasing = canary == null || desiredCanary >= canary.replicas();
        int toScaleDown = forScaleDown(canary, !increasing) + forScaleDown(stable, increasing);
        if (toScaleDown <= minAvailable) {
            return new int[] {canaryCount, stableCount};
        }
        int scaleDown = toScaleDown - minAvailable;
        if (!increasing) {
            canaryCount = scaleDownCount(canary, desiredCanary, scaleDown, canaryCount);
            int[] adj = adjustWithinLimits(canary, stable, canaryCount, stableCount, maxAllowed, minAvailable);
            canaryCount = adj[0];
            stableCount = adj[1];
        } else if (scaleStable) {
            stableCount = scaleDownCount(stable, desiredStable, scaleDown, stableCount);
            int[] adj = adjustWithinLimits(stable, canary, stableCount, canaryCount, maxAllowed, minAvailable);
            stableCount = adj[0];
            canaryCount = adj[1];
        }
        return new int[] {canaryCount, stableCount};
    }

    /**
     * {@code approximateWeightedCanaryStableReplicaCounts}: of the canary counts rounded up and down, over the replicas
     * and (with surge) one more, the {@code {canary, stable}} closest to the weight; neither 0 at a weight from 1 to 99
     * unless a single replica cannot surge; the larger canary when floor and ceiling are equally close.
     */
    static int[] approximate(int replicas, int weight, int maxSurge) {
        if (replicas == 0) {
            return new int[] {0, 0};
        }
        int ceil = (int) Math.ceil(replicas * weight / 100.0);
        int floor = (int) Math.floor(replicas * weight / 100.0);
        boolean tied = tied(weight, replicas);
        boolean zeroAllowed = weight == 100 || weight == 0 || (replicas == 1 && maxSurge == 0);
        java.util.List<int[]> options = new java.util.ArrayList<>();
        if (ceil < replicas || zeroAllowed) {
            options.add(new int[] {ceil, replicas});
        }
        if (!tied && (floor != 0 || zeroAllowed)) {
            options.add(new int[] {floor, replicas});
        }
        if (maxSurge > 0) {
            options.add(new int[] {ceil, replicas + 1});
            if (!tied(weight, replicas + 1) && (floor != 0 || zeroAllowed)) {
                options.add(new int[] {floor, replicas + 1});
            }
        }
        if (options.isEmpty()) {
            return new int[] {0, replicas};
        }
        int[] best = options.get(0);
        double bestDelta = delta(weight, best[0], best[1]);
        for (int i = 1; i < options.size(); i++) {
            double d = delta(weight, options.get(i)[0], options.get(i)[1]);
            if (d < bestDelta) {
                best = options.get(i);
                bestDelta = d;
            }
        }
        return new int[] {best[0], best[1] - best[0]};
    }

    /** {@code floorCeilingTied}: the weighted count is exactly half way between two counts. */
    private static boolean tied(int weight, int total) {
        double v = total * (weight / 100.0);
        return v - Math.floor(v) == 0.5;
    }

    private static double delta(int weight, int canary, int total) {
        return Math.abs(canary * 100.0 / total - weight);
    }

    /** {@code calculateScaleDownReplicaCount}: down towards its desired count by at most {@code scaleDown}. */
    private static int scaleDownCount(Revision drain, int desired, int scaleDown, int count) {
        if (drain != null && drain.replicas() > desired) {
            return Math.max(desired, drain.replicas() - scaleDown);
        }
        return count;
    }

    /** {@code adjustReplicaWithinLimits}: {@code {drain, adjust}} counts brought within maxSurge and maxUnavailable. */
    private static int[] adjustWithinLimits(Revision drain, Revision adjust, int drainCount, int adjustCount, int maxAllowed,
                                            int minAvailable) {
        int over = Math.max(0, adjustCount + drainCount - maxAllowed);
        int available = drain == null ? 0 : Math.min(drain.available(), drainCount);
        if (adjust != null) {
            adjustCount -= over;
            available += Math.min(adjust.available(), adjustCount);
            int extra = Math.max(0, adjust.available() - adjustCount);
            int more = Math.max(0, minAvailable - available);
            adjustCount += Math.min(extra, more);
            over = Math.max(0, adjustCount + drainCount - maxAllowed);
            drainCount -= over;
        }
        return new int[] {drainCount, adjustCount};
    }

    /** {@code GetReplicasForScaleDown}: the replicas a scale-down may count on. */
    static int forScaleDown(Revision rs, boolean ignoreAvailability) {
        if (rs == null) {
            return 0;
        }
        if (rs.replicas() < rs.available() || ignoreAvailability) {
            return rs.replicas();
        }
        return rs.available();
    }

}
