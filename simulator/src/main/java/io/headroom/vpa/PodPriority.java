package io.headroom.vpa;

import java.util.Comparator;

/**
 * How urgently the VPA updater wants to change a pod's request: whether the request lies outside the
 * recommended bounds, whether the pod would grow, and the relative difference between the request and the
 * target. A pod that grows goes before one that shrinks; among equals, the larger difference goes first.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/updater/priority/update_priority_calculator.go}
 * ({@code PodPriority}, {@code Less}) and {@code priority_processor.go} ({@code GetUpdatePriority}) for a pod with one
 * container and the CPU resource.
 *
 * @param outsideRecommendedRange the request is below the lower bound or above the upper bound
 * @param scaleUp                 the target is above the request
 * @param resourceDiff            {@code |request - target| / max(request, 1)}, requests in millicores
 */
public record PodPriority(boolean outsideRecommendedRange, boolean scaleUp, double resourceDiff) {
    /** Highest priority first, as {@code GetSortedPods} orders them. */
    public static final Comparator<PodPriority> HIGHEST_FIRST = (a, b) -> {
        if (b.less(a)) {
            return -1;
        }
        if (a.less(b)) {
            return 1;
        }
        return 0;
    };

    /** {@code Less}: a pod that scales up takes precedence; then the larger {@code resourceDiff}. */
    public boolean less(PodPriority other) {
        if (scaleUp != other.scaleUp) {
            return other.scaleUp;
        }
        return resourceDiff < other.resourceDiff;
    }

    /**
     * {@code GetUpdatePriority} for a pod whose CPU request is {@code requestMilli} (0 or below: no request,
     * which upstream treats as a request of 0 that is outside the range and scales up).
     */
    public static PodPriority of(long requestMilli, Recommendation r) {
        return of(requestMilli, r.targetMilli(), r.lowerMilli(), r.upperMilli());
    }

    /**
     * {@code GetUpdatePriority} with explicit bounds; a missing lower bound is 0 and a missing upper bound
     * {@link Long#MAX_VALUE}, which no request crosses.
     */
    public static PodPriority of(long requestMilli, long targetMilli, long lowerMilli, long upperMilli) {
        boolean outside;
        boolean scaleUp;
        long totalRequest;
        if (requestMilli > 0) {
            totalRequest = requestMilli;
            scaleUp = targetMilli > requestMilli;
            outside = requestMilli < lowerMilli || requestMilli > upperMilli;
        } else {
            totalRequest = 0;
            scaleUp = true;
            outside = true;
        }
        double request = Math.max((double) totalRequest, 1.0);
        double diff = Math.abs(request - (double) targetMilli) / request;
        return new PodPriority(outside, scaleUp, diff);
    }
}
