package io.headroom.load.k6;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * One of k6's {@code stages}: reach {@code target} (VUs for {@code ramping-vus} and the top-level shorthand, iterations
 * per {@code timeUnit} for {@code ramping-arrival-rate}) linearly over {@code duration} (a k6 duration string).
 *
 * @param duration how long the stage lasts ({@code 5m}, {@code 1m30s}; {@code 0s} jumps at once)
 * @param target   the value at the stage's end
 */
public record K6Stage(String duration, @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Integer target) {
    public K6Stage {
        FieldError.require(duration, "duration");
        K6Durations.parse(duration, "duration");
        FieldError.require(target, "target");
        if (target < 0) {
            throw new FieldError("target", "can't be negative, got " + target);
        }
    }

    /** The stage's length in nanoseconds. */
    public long durationNs() {
        return K6Durations.parse(duration, "duration");
    }
}
