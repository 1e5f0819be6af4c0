package io.headroom.design.cluster;

/** The kube-scheduler's settings: the NodeResourcesFit scoring strategy (default {@code least-allocated}). */
public record SchedulerSpec(Scoring scoring) {
    public static final SchedulerSpec DEFAULT = new SchedulerSpec(null);

    public SchedulerSpec {
        scoring = scoring == null ? Scoring.LEAST_ALLOCATED : scoring;
    }
}
