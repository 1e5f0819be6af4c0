package io.headroom.design.faults;

import io.headroom.yaml.FieldError;
import java.time.Duration;

/**
 * A scheduled zone outage: from {@code at} for {@code for}, every instance in {@code zone} is down
 * (what it holds fails with {@code instance_lost}) and nothing new starts there; at the end the
 * zone's instances come back.
 */
public record OutageSpec(String zone, Duration at, @com.fasterxml.jackson.annotation.JsonProperty("for") Duration duration) {
    public OutageSpec {
        if (zone == null) {
            throw new FieldError("zone", "name the zone that goes down");
        }
        if (at == null || at.isNegative()) {
            throw new FieldError("at", "give when the outage starts, e.g. at: 10m");
        }
        if (duration == null) {
            throw new FieldError("for", "give how long the outage lasts, e.g. for: 15m");
        }
        FieldError.positive(duration, "for");
    }
}
