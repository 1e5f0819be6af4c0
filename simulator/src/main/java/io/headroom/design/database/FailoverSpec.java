package io.headroom.design.database;

import io.headroom.yaml.FieldError;
import java.time.Duration;

/**
 * Automatic failover of a database shard whose primary is lost: for {@code detection} nobody knows (health checks
 * fail), for {@code promotion} a replica is being promoted and the endpoint moved; writes fail throughout. Amazon RDS
 * gives "typically 60–120 seconds" for a Multi-AZ DB instance and "typically under 35 seconds" for a Multi-AZ DB
 * cluster; the defaults, 30 s + 30 s, are the lower end of the first, split evenly (an assumption).
 */
public record FailoverSpec(Duration detection, Duration promotion) {
    /** Health checks failing until the loss is noticed. */
    public static final Duration DEFAULT_DETECTION = Duration.ofSeconds(30);
    /** A replica made primary and the writer endpoint moved to it. */
    public static final Duration DEFAULT_PROMOTION = Duration.ofSeconds(30);
    public static final FailoverSpec DEFAULT = new FailoverSpec(null, null);

    public FailoverSpec {
        detection = detection == null ? DEFAULT_DETECTION : detection;
        promotion = promotion == null ? DEFAULT_PROMOTION : promotion;
        if (detection.isNegative()) {
            throw new FieldError("detection", "must not be negative, got " + detection);
        }
        if (promotion.isNegative()) {
            throw new FieldError("promotion", "must not be negative, got " + promotion);
        }
    }

    /** How long writes fail after the primary is lost. */
    public Duration total() {
        return detection.plus(promotion);
    }
}
