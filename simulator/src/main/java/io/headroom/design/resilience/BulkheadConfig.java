package io.headroom.design.resilience;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Bounds;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * A bulkhead's settings: how many calls to one dependency may be in flight at once. A call beyond the limit is not
 * queued: it fails at once as {@code bulkhead}, as Resilience4j's semaphore bulkhead does with its default
 * {@code maxWaitDuration} of 0 ({@code io.github.resilience4j.bulkhead.BulkheadConfig};
 * https://resilience4j.readme.io/docs/bulkhead).
 *
 * <p>YAML: {@code bulkhead: 10}, or {@code bulkhead: {max-concurrent: 10}}.
 *
 * @param maxConcurrent calls in flight at most; default 25 (Resilience4j's {@code maxConcurrentCalls}); at least 1
 */
public record BulkheadConfig(@AtMost(value = Limits.BULKHEAD, why = Limits.BULKHEAD_WHY) Integer maxConcurrent) {

    /** Resilience4j's default bulkhead: 25 concurrent calls. */
    public static final BulkheadConfig DEFAULTS = new BulkheadConfig(null);

    public BulkheadConfig {
        maxConcurrent = maxConcurrent == null ? 25 : maxConcurrent;
        if (maxConcurrent < 1) {
            throw new FieldError("max-concurrent", "must be at least 1, got " + maxConcurrent);
        }
    }

    /** {@code bulkhead: 10}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static BulkheadConfig of(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new FieldError("", "must be at least 1 concurrent call, got " + maxConcurrent);
        }
        Bounds.check(BulkheadConfig.class, "maxConcurrent", maxConcurrent);
        return new BulkheadConfig(maxConcurrent);
    }

    /** {@code bulkhead: 2.5} (or a count beyond int): refused with its own message rather than "expected a mapping". */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static BulkheadConfig fractional(double maxConcurrent) {
        throw new FieldError("", maxConcurrent == Math.rint(maxConcurrent)
                ? "'" + FieldError.number(maxConcurrent) + "' is out of range (at most " + Integer.MAX_VALUE + ")"
                : "a count of concurrent calls is a whole number, got " + FieldError.number(maxConcurrent));
    }
}
