package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Bounds;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * How many instances a component runs: {@code replicas: 4}, or {@code replicas: {initial: 4,
 * min: 2, max: 40}} where min and max bound an autoscaler. Without autoscaling the count stays at
 * {@code initial}. {@code min} ≤ {@code max} always; whether {@code initial} may lie outside them is the
 * autoscaler's to say ({@link #initialOutside}): the Kubernetes HPA accepts it and moves the count to the
 * bound at its first sync, EC2 Auto Scaling refuses a desired capacity outside [min, max].
 *
 * @param initial instances at the start
 * @param min the fewest an autoscaler may leave (default: initial)
 * @param max the most an autoscaler may run (default: the larger of initial and min)
 */
public record ReplicasSpec(@AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer initial, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer min, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer max) {
    public ReplicasSpec {
        FieldError.positive(initial, "initial");
        min = min == null ? initial : min;
        max = max == null ? Math.max(initial, min) : max;
        if (min < 1) {
            throw new FieldError("min", "must be at least 1, got " + min);
        }
        if (max < min) {
            throw new FieldError("max", "max (" + max + ") is below min (" + min + ")");
        }
    }

    /**
     * The refusal of an {@code initial} outside [min, max], at {@code prefix} + "min" or "max", saying {@code why}
     * (who refuses it and what to write instead); null when {@code initial} is inside.
     */
    public FieldError initialOutside(String prefix, String why) {
        if (min > initial) {
            return new FieldError(prefix + "min", "min (" + min + ") is above initial (" + initial + "): " + why);
        }
        if (max < initial) {
            return new FieldError(prefix + "max", "max (" + max + ") is below initial (" + initial + "): " + why);
        }
        return null;
    }

    /** {@code replicas: 4}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ReplicasSpec fixed(int count) {
        if (count <= 0) {
            throw new FieldError("", "must be positive, got " + count);
        }
        Bounds.check(ReplicasSpec.class, "initial", count);
        return new ReplicasSpec(count, count, count);
    }
}
