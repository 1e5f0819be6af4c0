package io.headroom.design.region;

import io.headroom.yaml.FieldError;
import java.time.Duration;

/**
 * A scheduled outage of a whole region: from {@code at} for {@code for}, every instance of every component running
 * there is down (what it holds fails with {@code instance_lost}, nothing starts), a global router sending a request
 * there fails it as {@code unavailable}, and its health checks fail; at the end the region's instances come back.
 */
public record RegionOutage(Duration at, @com.fasterxml.jackson.annotation.JsonProperty("for") Duration duration) {
    public RegionOutage {
        if (at == null || at.isNegative()) {
            throw new FieldError("at", "give when the outage starts, e.g. at: 10m");
        }
        if (duration == null) {
            throw new FieldError("for", "give how long the outage lasts, e.g. for: 15m");
        }
        FieldError.positive(duration, "for");
    }
}
