package io.headroom.rollout;

import io.headroom.yaml.CountOrPercent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes Deployment controller's arithmetic: one sync of a Deployment over its ReplicaSets
 * ({@link Revision}s), which sets their replica counts. A replica-count change while several revisions hold pods is
 * a scaling event and is spread over them proportionally; otherwise a rolling update scales the new revision up
 * within {@code maxSurge} and the old ones down within {@code maxUnavailable}, and a recreate scales the old ones to
 * zero, waits for their pods to be gone, then scales the new one up.
 *
 * <p>Ported from kubernetes/kubernetes {@code pkg/controller/deployment}: {@code sync.go} ({@code isScalingEvent},
 * {@code scale}, {@code scaleReplicaSet}), {@code rolling.go} ({@code rolloutRolling},
 * {@code reconcileNewReplicaSet}, {@code reconcileOldReplicaSets}, {@code cleanupUnhealthyReplicas},
 * {@code scaleDownOldReplicaSetsForRollingUpdate}), {@code recreate.go} ({@code rolloutRecreate}) and
 * {@code util/deployment_util.go} ({@code ResolveFenceposts}, {@code MaxSurge}, {@code MaxUnavailable},
 * {@code NewRSNewReplicas}, {@code IsSaturated}, {@code FindActiveOrLatest}, {@code GetProportion},
 * {@code getReplicaSetFraction}); the sort orders of {@code pkg/controller/controller_utils.go}
 * ({@code ReplicaSetsByCreationTimestamp}, {@code ReplicaSetsBySizeOlder}, {@code ReplicaSetsBySizeNewer}).
 *
 * <p>Simplifications: a sync never fails half way (upstream returns on an API error and retries); revision history
 * cleanup and the Deployment's status conditions are the caller's; the new revision exists before the sync that
 * starts a rollout (upstream creates it in that sync with {@link #newRSNewReplicas} replicas: {@link #newRevision}
 * does the same).
 */
public final class DeploymentController {
    /** ReplicaSetsByCreationTimestamp: older first, then by name. */
    static final Comparator<Revision> BY_CREATION = Comparator.comparingLong(Revision::createdAt).thenComparing(Revision::name);
    /** ReplicaSetsBySizeOlder: larger first; at one size, older first. */
    static final Comparator<Revision> BY_SIZE_OLDER = Comparator.comparingInt((Revision r) -> -r.replicas()).thenComparing(BY_CREATION);
    /** ReplicaSetsBySizeNewer: larger first; at one size, newer first. */
    static final Comparator<Revision> BY_SIZE_NEWER = Comparator.comparingInt((Revision r) -> -r.replicas())
            .thenComparing(BY_CREATION.reversed());

    private DeploymentController() {
    }

    // ---- util/deployment_util.go

    /**
     * {@code ResolveFenceposts}: maxSurge rounded up and maxUnavailable rounded down against {@code desired}; when both
     * come to 0, unavailable is 1 ("surge might not work due to quota").
     */
    public static int[] resolveFenceposts(CountOrPercent maxSurge, CountOrPercent maxUnavailable, int desired) {
        int surge = maxSurge == null ? 0 : maxSurge.scaled(desired, true);
        int unavailable = maxUnavailable == null ? 0 : maxUnavailable.scaled(desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[] {surge, unavailable};
    }

    /** {@code MaxSurge}: 0 unless a rolling update. */
    public static int maxSurge(Deployment d) {
        return d.rolling() ? resolveFenceposts(d.maxSurge(), d.maxUnavailable(), d.replicas())[0] : 0;
    }

    /** {@code MaxUnavailable}: 0 unless a rolling update of more than 0 replicas, at most the replicas. */
    public static int maxUnavailable(Deployment d) {
        if (!d.rolling() || d.replicas() == 0) {
            return 0;
        }
        return Math.min(d.replicas(), resolveFenceposts(d.maxSurge(), d.maxUnavailable(), d.replicas())[1]);
    }

    /** {@code NewRSNewReplicas}: the new revision's replicas for this step of the rollout. */
    public static int newRSNewReplicas(Deployment d, List<Revision> all, Revision newRS) {
        if (!d.rolling()) {
            return d.replicas();
        }
        int surge = d.maxSurge() == null ? 0 : d.maxSurge().scaled(d.replicas(), true);
        int current = replicas(all);
        int maxTotal = d.replicas() + surge;
        if (current >= maxTotal) {
            return newRS.replicas();
        }
        int up = Math.min(maxTotal - current, d.replicas() - newRS.replicas());
        return newRS.replicas() + up;
    }

    /** {@code IsSaturated}: the new revision holds, and is meant to hold, every replica, all available. */
    public static boolean isSaturated(Deployment d, Revision rs) {
        return rs != null && rs.desiredAnnotation() >= 0 && rs.replicas() == d.replicas() && rs.desiredAnnotation() == d.replicas()
                && rs.available() == d.replicas();
    }

    /**
     * {@code FindActiveOrLatest}: the only revision with replicas, or (with none) the new one, else the newest old
     * one; null when several have replicas.
     */
    static Revision findActiveOrLatest(Revision newRS, List<Revision> oldRSs) {
        if (newRS == null && oldRSs.isEmpty()) {
            return null;
        }
        List<Revision> olds = new ArrayList<>(oldRSs);
        olds.sort(BY_CREATION.reversed());
        List<Revision> all = new ArrayList<>(olds);
        if (newRS != null) {
            all.add(newRS);
        }
        List<Revision> active = active(all);
        return switch (active.size()) {
            case 0 -> newRS != null ? newRS : olds.get(0);
            case 1 -> active.get(0);
            default -> null;
        };
    }

    /** {@code GetProportion}: what {@code rs} takes of the replicas being added (or removed). */
    static int getProportion(Revision rs, Deployment d, int toAdd, int added) {
        if (rs == null || rs.replicas() == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = replicaSetFraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** {@code getReplicaSetFraction}: its size scaled from the max-replicas it was sized for to the new allowed size. */
    static int replicaSetFraction(Revision rs, Deployment d) {
        if (d.replicas() == 0) {
            return -rs.replicas();
        }
        int deploymentReplicas = d.replicas() + maxSurge(d);
        int annotated = rs.maxAnnotation();
        if (annotated < 0) {
            annotated = d.replicas(); // upstream falls back to status.replicas, the pods present; here the spec's count
        }
        double newSize = (double) rs.replicas() * deploymentReplicas / annotated;
        return roundToInt32(newSize) - rs.replicas();
    }

    /** {@code integer.RoundToInt32}: half away from zero. */
    static int roundToInt32(double a) {
        return a < 0 ? (int) (a - 0.5) : (int) (a + 0.5);
    }

    // ---- sync.go

    /** {@code isScalingEvent}: some revision with replicas was sized for a different replica count. */
    public static boolean isScalingEvent(Deployment d, Revision newRS, List<Revision> oldRSs) {
        for (Revision rs : active(all(oldRSs, newRS))) {
            if (rs.desiredAnnotation() >= 0 && rs.desiredAnnotation() != d.replicas()) {
                return true;
            }
        }
        return false;
    }

    /** {@code scale}: a scaling event spread over the revisions. */
    public static void scale(Deployment d, Revision newRS, List<Revision> oldRSs) {
        Revision only = findActiveOrLatest(newRS, oldRSs);
        if (only != null) {
            if (only.replicas() != d.replicas()) {
                scaleReplicaSet(only, d.replicas(), d);
            }
            return;
        }
        if (isSaturated(d, newRS)) {
            for (Revision old : active(oldRSs)) {
                scaleReplicaSet(old, 0, d);
            }
            return;
        }
        if (!d.rolling()) {
            return;
        }
        List<Revision> all = active(all(oldRSs, newRS));
        int allReplicas = replicas(all);
        int allowedSize = d.replicas() > 0 ? d.replicas() + maxSurge(d) : 0;
        int toAdd = allowedSize - allReplicas;
        if (toAdd > 0) {
            all.sort(BY_SIZE_NEWER);
        } else if (toAdd < 0) {
            all.sort(BY_SIZE_OLDER);
        }
        int added = 0;
        Map<Revision, Integer> size = new IdentityHashMap<>();
        for (Revision rs : all) {
            if (toAdd != 0) {
                int proportion = getProportion(rs, d, toAdd, added);
                size.put(rs, rs.replicas() + proportion);
                added += proportion;
            } else {
                size.put(rs, rs.replicas());
            }
        }
        for (int i = 0; i < all.size(); i++) {
            Revision rs = all.get(i);
            if (i == 0 && toAdd != 0) {
                int leftover = toAdd - added;
                size.put(rs, Math.max(0, size.get(rs) + leftover));
            }
            scaleReplicaSet(rs, size.get(rs), d);
        }
    }

    /** {@code scaleReplicaSet}: sets its replicas and its annotations to what the Deployment says now. */
    static void scaleReplicaSet(Revision rs, int newScale, Deployment d) {
        rs.replicas(newScale);
        rs.annotations(d.replicas(), d.replicas() + maxSurge(d));
    }

    /** {@code scaleReplicaSetAndRecordEvent}: scales it if its size changes; says whether it did. */
    static boolean scaleIfNeeded(Revision rs, int newScale, Deployment d) {
        if (rs.replicas() == newScale) {
            return false;
        }
        scaleReplicaSet(rs, newScale, d);
        return true;
    }

    /**
     * A new revision created for the Deployment's current template ({@code getNewReplicaSet}): sized by
     * {@link #newRSNewReplicas} against the old ones, with the Deployment's annotations.
     */
    public static Revision newRevision(String name, long createdAt, Deployment d, List<Revision> oldRSs) {
        Revision rs = new Revision(name, createdAt, 0);
        rs.replicas(newRSNewReplicas(d, all(oldRSs, rs), rs));
        rs.annotations(d.replicas(), d.replicas() + maxSurge(d));
        return rs;
    }

    // ---- the sync

    /**
     * One sync ({@code syncDeployment}): a scaling event is spread proportionally; otherwise the strategy's step.
     * {@code oldPodsRunning}: whether pods of the old revisions still exist (recreate waits for them to be gone).
     * Returns whether a revision was scaled.
     */
    public static boolean sync(Deployment d, Revision newRS, List<Revision> oldRSs, boolean oldPodsRunning) {
        if (isScalingEvent(d, newRS, oldRSs)) {
            int[] before = sizes(all(oldRSs, newRS));
            scale(d, newRS, oldRSs);
            return !java.util.Arrays.equals(before, sizes(all(oldRSs, newRS)));
        }
        return d.rolling() ? rolloutRolling(d, newRS, oldRSs) : rolloutRecreate(d, newRS, oldRSs, oldPodsRunning);
    }

    // ---- rolling.go

    /** {@code rolloutRolling}: scale up if it can, else scale down if it can. Returns whether it scaled. */
    public static boolean rolloutRolling(Deployment d, Revision newRS, List<Revision> oldRSs) {
        List<Revision> all = all(oldRSs, newRS);
        if (reconcileNewReplicaSet(all, newRS, d)) {
            return true;
        }
        return reconcileOldReplicaSets(all, active(oldRSs), newRS, d);
    }

    static boolean reconcileNewReplicaSet(List<Revision> all, Revision newRS, Deployment d) {
        if (newRS.replicas() == d.replicas()) {
            return false;
        }
        if (newRS.replicas() > d.replicas()) {
            return scaleIfNeeded(newRS, d.replicas(), d);
        }
        return scaleIfNeeded(newRS, newRSNewReplicas(d, all, newRS), d);
    }

    static boolean reconcileOldReplicaSets(List<Revision> all, List<Revision> oldRSs, Revision newRS, Deployment d) {
        if (replicas(oldRSs) == 0) {
            return false;
        }
        int allPods = replicas(all);
        int minAvailable = d.replicas() - maxUnavailable(d);
        int newUnavailable = newRS.replicas() - newRS.available();
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleaned = cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown);
        int scaledDown = scaleDownOldReplicaSetsForRollingUpdate(all(oldRSs, newRS), oldRSs, d);
        return cleaned + scaledDown > 0;
    }

    /** {@code cleanupUnhealthyReplicas}: old revisions lose their unavailable pods first, oldest first. */
    static int cleanupUnhealthyReplicas(List<Revision> oldRSs, Deployment d, int maxCleanup) {
        List<Revision> olds = new ArrayList<>(oldRSs);
        olds.sort(BY_CREATION);
        int total = 0;
        for (Revision rs : olds) {
            if (total >= maxCleanup) {
                break;
            }
            if (rs.replicas() == 0 || rs.replicas() == rs.available()) {
                continue;
            }
            int down = Math.min(maxCleanup - total, rs.replicas() - rs.available());
            scaleIfNeeded(rs, rs.replicas() - down, d);
            total += down;
        }
        return total;
    }

    /** {@code scaleDownOldReplicaSetsForRollingUpdate}: old revisions shrink, oldest first, as far as availability allows. */
    static int scaleDownOldReplicaSetsForRollingUpdate(List<Revision> all, List<Revision> oldRSs, Deployment d) {
        int minAvailable = d.replicas() - maxUnavailable(d);
        int available = 0;
        for (Revision rs : all) {
            available += rs.available();
        }
        if (available <= minAvailable) {
            return 0;
        }
        List<Revision> olds = new ArrayList<>(oldRSs);
        olds.sort(BY_CREATION);
        int total = 0;
        int target = available - minAvailable;
        for (Revision rs : olds) {
            if (total >= target) {
                break;
            }
            if (rs.replicas() == 0) {
                continue;
            }
            int down = Math.min(rs.replicas(), target - total);
            scaleIfNeeded(rs, rs.replicas() - down, d);
            total += down;
        }
        return total;
    }

    // ---- recreate.go

    /**
     * {@code rolloutRecreate}: the old revisions go to zero; once their pods are gone, the new one is scaled to the
     * Deployment's replicas.
     */
    public static boolean rolloutRecreate(Deployment d, Revision newRS, List<Revision> oldRSs, boolean oldPodsRunning) {
        boolean scaledDown = false;
        for (Revision rs : active(oldRSs)) {
            scaledDown |= scaleIfNeeded(rs, 0, d);
        }
        if (scaledDown || oldPodsRunning) {
            return scaledDown;
        }
        return scaleIfNeeded(newRS, d.replicas(), d);
    }

    // ---- helpers

    static List<Revision> all(List<Revision> oldRSs, Revision newRS) {
        List<Revision> all = new ArrayList<>(oldRSs);
        if (newRS != null) {
            all.add(newRS);
        }
        return all;
    }

    /** {@code FilterActiveReplicaSets}: those with replicas. */
    static List<Revision> active(List<Revision> rss) {
        List<Revision> out = new ArrayList<>();
        for (Revision rs : rss) {
            if (rs != null && rs.replicas() > 0) {
                out.add(rs);
            }
        }
        return out;
    }

    static int replicas(List<Revision> rss) {
        int n = 0;
        for (Revision rs : rss) {
            n += rs.replicas();
        }
        return n;
    }

    private static int[] sizes(List<Revision> rss) {
        return rss.stream().mapToInt(Revision::replicas).toArray();
    }
}
