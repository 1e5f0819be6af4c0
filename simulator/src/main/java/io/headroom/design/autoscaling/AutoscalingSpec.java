package io.headroom.design.autoscaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One autoscaling policy of a component, told apart by its YAML {@code policy:} (the names of docs/autoscaling.md,
 * listed here and nowhere else). Each record is what the user wrote, checked and with its defaults
 * filled in; the runtime ({@code io.headroom.autoscale.Policies}) builds the stateful policy that
 * decides from it, and {@code io.headroom.autoscale.Autoscaler} combines them.
 *
 * <p>{@code policy: aws} ({@link AwsPolicy}) is read by {@link Autoscaling}'s reader, not by name here: it becomes the
 * target-tracking, step or simple policies its AWS JSON says.
 *
 * <p>Adding a policy: a record here (and its line below), its runtime class, and one line in the
 * runtime's registry.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "policy")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Hpa.class, name = "hpa"),
    @JsonSubTypes.Type(value = TargetTracking.class, name = "target-tracking"),
    @JsonSubTypes.Type(value = Step.class, name = "step"),
    @JsonSubTypes.Type(value = Simple.class, name = "simple"),
    @JsonSubTypes.Type(value = Scheduled.class, name = "scheduled"),
    @JsonSubTypes.Type(value = Predictive.class, name = "predictive"),
    @JsonSubTypes.Type(value = Fixed.class, name = "fixed")
})
public sealed interface AutoscalingSpec permits Hpa, TargetTracking, Step, Simple, Scheduled, Predictive, Fixed, AwsPolicy {

    /** Whether this policy reads {@code metric} (the simulator keeps latency histograms only when one does). */
    boolean reads(Metric metric);
}
