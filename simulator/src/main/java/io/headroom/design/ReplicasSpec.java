package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.FieldError;

/**
 * How many instances a component runs: {@code replicas: 4}, or {@code replicas: {initial: 4,
 * min: 2, max: 40}} where min and max bound an autoscaler. Without autoscaling the count stays at
 * {@code initial}.
 */
public record ReplicasSpec(Integer initial, Integer min, Integer max) {
    public ReplicasSpec {
        FieldError.positive(initial, "initial");
        min = min == null ? initial : min;
        max = max == null ? Math.max(initial, min) : max;
        if (min < 1) {
            throw new FieldError("min", "must be at least 1, got " + min);
        }
        if (min > initial) {
            throw new FieldError("min", "min (" + min + ") is above initial (" + initial + ")");
        }
        if (max < initial) {
            throw new FieldError("max", "max (" + max + ") is below initial (" + initial + ")");
        }
    }

    /** {@code replicas: 4}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ReplicasSpec fixed(int count) {
        if (count <= 0) {
            throw new FieldError("", "must be positive, got " + count);
        }
        return new ReplicasSpec(count, count, count);
    }
}
