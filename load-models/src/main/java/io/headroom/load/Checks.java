package io.headroom.load;

import io.headroom.yaml.FieldError;

/** Checks of step arguments that {@link FieldError} has no helper for. */
final class Checks {
    private Checks() {
    }

    /** A user count: required, zero or more. */
    static long users(Long users, String field) {
        if (FieldError.require(users, field) < 0) {
            throw new FieldError(field, "must be zero or positive, got " + users);
        }
        return users;
    }

    /** A number that may be negative (an increment, a dip), but is given and finite. */
    static double finite(Double value, String field) {
        if (FieldError.require(value, field).isNaN() || value.isInfinite()) {
            throw new FieldError(field, "must be a number, got " + value);
        }
        return value;
    }

    /** Seconds of a duration, as a double. */
    static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }
}
