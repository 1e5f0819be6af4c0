package io.headroom.design.cluster;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.Bounds;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * How many nodes a pool runs: {@code nodes: 3}, or {@code nodes: {initial: 3, min: 2, max: 20}} where min and max
 * bound the Cluster Autoscaler (a node group's min and max size; min may be 0). {@code initial} lies in [min, max].
 */
public record NodeCountSpec(@AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer initial,
                            @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer min,
                            @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer max) {
    public NodeCountSpec {
        if (initial == null) {
            throw new FieldError("initial", "give the nodes a pool starts with, e.g. nodes: {initial: 3, min: 2, max: 20}");
        }
        if (initial < 0) {
            throw new FieldError("initial", "must be zero or more, got " + initial);
        }
        if (min != null && min < 0) {
            throw new FieldError("min", "must be zero or more, got " + min);
        }
        if (min == null && max != null && max < initial) {
            throw new FieldError("max", "max (" + max + ") is below initial (" + initial + ")");
        }
        min = min == null ? initial : min;
        max = max == null ? Math.max(initial, min) : max;
        if (max < min) {
            throw new FieldError("max", "max (" + max + ") is below min (" + min + ")");
        }
        if (max < 1) {
            throw new FieldError("max", "a pool needs room for at least one node");
        }
        if (initial < min || initial > max) {
            throw new FieldError("initial", "initial (" + initial + ") lies outside [" + min + ", " + max + "]");
        }
    }

    /** A fixed number of nodes, {@code nodes: 3}. */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    public static NodeCountSpec fixed(int n) {
        if (n < 0) {
            throw new FieldError("", "must be zero or more, got " + n);
        }
        Bounds.check(NodeCountSpec.class, "initial", n);
        return new NodeCountSpec(n, n, n);
    }
}
