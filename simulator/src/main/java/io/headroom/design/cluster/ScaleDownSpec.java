package io.headroom.design.cluster;

import io.headroom.yaml.FieldError;
import java.time.Duration;

/**
 * The Cluster Autoscaler's scale-down flags: a node whose requests are under {@code utilization-threshold}
 * (default 0.5) of allocatable for {@code unneeded-time} (10m), and not within {@code delay-after-add} (10m) of a
 * scale-up, is removed. {@code enabled: false} is {@code --scale-down-enabled=false}.
 */
public record ScaleDownSpec(Boolean enabled,
                            @io.headroom.yaml.AtMost(value = io.headroom.yaml.Limits.SHARE, why = io.headroom.yaml.Limits.SHARE_WHY, byRecord = true)
                            @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = io.headroom.yaml.Fraction.Deserializer.class) Double utilizationThreshold,
                            Duration unneededTime, Duration delayAfterAdd) {
    public static final ScaleDownSpec DEFAULT = new ScaleDownSpec(null, null, null, null);

    public ScaleDownSpec {
        enabled = enabled == null || enabled;
        utilizationThreshold = utilizationThreshold == null ? 0.5 : utilizationThreshold;
        if (utilizationThreshold < 0 || utilizationThreshold > 1) {
            throw new FieldError("utilization-threshold", "a fraction from 0 to 1, got " + utilizationThreshold
                    + io.headroom.yaml.Fraction.hint(utilizationThreshold));
        }
        unneededTime = unneededTime == null ? Duration.ofMinutes(10) : nonNegative(unneededTime, "unneeded-time");
        delayAfterAdd = delayAfterAdd == null ? Duration.ofMinutes(10) : nonNegative(delayAfterAdd, "delay-after-add");
    }

    private static Duration nonNegative(Duration d, String field) {
        if (d.isNegative()) {
            throw new FieldError(field, "must not be negative");
        }
        return d;
    }
}
