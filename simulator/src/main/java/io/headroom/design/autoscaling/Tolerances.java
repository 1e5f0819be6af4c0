package io.headroom.design.autoscaling;

/**
 * The HPA's dead band around a usage ratio of 1: no change while
 * {@code 1 - scaleDown <= ratio <= 1 + scaleUp}. One cluster-wide 0.1 by default
 * ({@code --horizontal-pod-autoscaler-tolerance}); per direction since Kubernetes 1.33
 * ({@code behavior.scaleUp.tolerance}). Kubernetes' {@code Tolerances.isWithin} in replica_calculator.go.
 */
public record Tolerances(double scaleDown, double scaleUp) {
    public static final Tolerances DEFAULT = new Tolerances(0.1, 0.1);

    public boolean isWithin(double usageRatio) {
        return (1.0 - scaleDown) <= usageRatio && usageRatio <= (1.0 + scaleUp);
    }
}
