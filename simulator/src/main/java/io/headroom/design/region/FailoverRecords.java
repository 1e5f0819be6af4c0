package io.headroom.design.region;

import io.headroom.yaml.FieldError;

/** A failover routing policy's two records: the {@code primary} region, answered while healthy, and the {@code secondary}. */
public record FailoverRecords(String primary, String secondary) {
    public FailoverRecords {
        FieldError.require(primary, "primary");
        FieldError.require(secondary, "secondary");
        if (primary.equals(secondary)) {
            throw new FieldError("secondary", "the secondary must be another region than the primary");
        }
    }
}
