package io.headroom.vpa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which pods the VPA updater recreates (or resizes in place) in a pass, and in which order. A pod whose request
 * lies outside the recommended bounds is always a candidate; a pod within the bounds only once it has run for
 * 12 hours and its request differs from the target by at least 10 %, so a recommendation drifting within its
 * bounds does not churn young pods. Candidates are taken highest priority first ({@link PodPriority}).
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/updater/priority/update_priority_calculator.go}
 * ({@code AddPod}, {@code GetSortedPods}). Not ported: the quick-OOM rule (a container OOM-killed within 10 minutes
 * of its start), as the simulator has no memory usage; the in-place infeasible-attempt cache; the recommendation
 * processor's capping to {@code minAllowed}/{@code maxAllowed}; observed-containers annotations. The sort is
 * stable (upstream's {@code slices.SortFunc} leaves equal priorities in an unspecified order).
 */
public final class UpdatePriority {
    private UpdatePriority() {
    }

    /**
     * Whether a pod with priority {@code p}, running since {@code startedNs} (negative: no start time yet), is
     * accepted for update at {@code nowNs}.
     */
    public static boolean shouldUpdate(PodPriority p, long startedNs, long nowNs, UpdaterConfig config) {
        if (!p.outsideRecommendedRange()) {
            if (startedNs < 0) {
                return false; // pod.Status.StartTime == nil
            }
            if (nowNs < startedNs + config.podLifetimeUpdateThresholdNs()) {
                return false; // a short-lived pod within the recommended range
            }
            if (p.resourceDiff() < config.minChangePriority()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pods of {@code pods} accepted for update at {@code nowNs}, highest priority first.
     *
     * @param priority  a pod's priority
     * @param startedNs a pod's start time (negative: none)
     */
    public static <T> List<T> sortedForUpdate(List<T> pods, Function<T, PodPriority> priority,
                                              Function<T, Long> startedNs, long nowNs, UpdaterConfig config) {
        List<Candidate<T>> accepted = new ArrayList<>();
        for (T pod : pods) {
            PodPriority p = priority.apply(pod);
            if (shouldUpdate(p, startedNs.apply(pod), nowNs, config)) {
                accepted.add(new Candidate<>(pod, p));
            }
        }
        accepted.sort((a, b) -> PodPriority.HIGHEST_FIRST.compare(a.priority(), b.priority()));
        List<T> out = new ArrayList<>(accepted.size());
        for (Candidate<T> c : accepted) {
            out.add(c.pod());
        }
        return out;
    }

    private record Candidate<T>(T pod, PodPriority priority) {
    }
}
