package io.headroom.rollout;

import io.headroom.yaml.CountOrPercent;

/**
 * A Deployment as its controller reads it: the replicas it is asked for, its strategy ({@code RollingUpdate} or
 * {@code Recreate}) and, for a rolling update, {@code maxSurge} and {@code maxUnavailable} (counts or percentages of
 * the replicas; null is 0, as upstream's {@code ValueOrDefault}).
 */
public record Deployment(int replicas, Strategy strategy, CountOrPercent maxSurge, CountOrPercent maxUnavailable) {
    /** {@code spec.strategy.type}. */
    public enum Strategy { ROLLING_UPDATE, RECREATE }

    /** This Deployment asked for {@code n} replicas (a scaling event, e.g. the HPA's). */
    public Deployment withReplicas(int n) {
        return new Deployment(n, strategy, maxSurge, maxUnavailable);
    }

    public boolean rolling() {
        return strategy == Strategy.ROLLING_UPDATE;
    }
}
