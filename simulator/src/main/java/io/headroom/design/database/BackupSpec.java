package io.headroom.design.database;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * A database's backups: the first at {@code start}, then one every {@code every}, each lasting {@code duration} and
 * taking {@code capacity} (a share, {@code 20%} or {@code 0.2}) of the cores of the instance it runs on — the last
 * replica of each shard, as RDS takes a Multi-AZ instance's snapshot from its standby, or the primary when the shard
 * has no replica. Requests there compute on the cores left.
 */
public record BackupSpec(Duration every, Duration start, Duration duration,
                         @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true)
                         @JsonDeserialize(using = Fraction.Deserializer.class) Double capacity) {
    public BackupSpec {
        every = every == null ? Duration.ofHours(24) : every;
        start = start == null ? Duration.ZERO : start;
        FieldError.positive(every, "every");
        if (start.isNegative()) {
            throw new FieldError("start", "must not be negative, got " + start);
        }
        FieldError.require(duration, "duration");
        FieldError.positive(duration, "duration");
        if (duration.compareTo(every) > 0) {
            throw new FieldError("duration", "a backup of " + duration + " would outlast the " + every
                    + " until the next: at most every");
        }
        FieldError.require(capacity, "capacity");
        if (!(capacity > 0) || capacity >= 1) {
            throw new FieldError("capacity", "the share of the instance's cores a backup takes: more than 0 and less than 100%, got "
                    + FieldError.number(capacity * 100) + "%");
        }
    }
}
