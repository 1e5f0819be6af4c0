package io.headroom.design.storage;

import io.headroom.yaml.FieldError;
import java.time.Duration;

/**
 * An S3 lifecycle transition: an object moves to {@code class} when it is {@code after} old (S3 counts
 * from the object's creation).
 */
public record LifecycleRule(Duration after, @com.fasterxml.jackson.annotation.JsonProperty("class") String storageClass) {
    public LifecycleRule {
        FieldError.require(after, "after");
        if (after.isNegative() || after.isZero()) {
            throw new FieldError("after", "an object's age at the transition must be positive, got "
                    + io.headroom.yaml.Durations.format(after));
        }
        FieldError.require(storageClass, "class");
    }
}
