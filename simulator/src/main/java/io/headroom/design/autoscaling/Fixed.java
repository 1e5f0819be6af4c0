package io.headroom.design.autoscaling;

/** {@code policy: fixed}: no autoscaling; the component keeps its {@code replicas.initial}. */
public record Fixed() implements AutoscalingSpec {
    /** A fixed count reads no metric. */
    @Override
    public boolean reads(Metric m) {
        return false;
    }
}
