package io.headroom.yaml;

/**
 * Thrown by a configuration record's constructor when one of its fields is invalid. The YAML binder
 * turns it into an {@link InputError} located at that field, so the record itself stays free of
 * file and line bookkeeping.
 */
public final class FieldError extends IllegalArgumentException {
    private final String field;

    /** @param field the YAML key (kebab-case, as the user writes it), or a dotted sub-path below the record */
    public FieldError(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Requires a key that has no default. */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new FieldError(field, "missing required key '" + field + "'");
        }
        return value;
    }

    public static int positive(Integer value, String field) {
        if (require(value, field) <= 0) {
            throw new FieldError(field, "must be positive, got " + value);
        }
        return value;
    }

    public static double positive(Double value, String field) {
        if (!(require(value, field) > 0) || value.isInfinite()) {
            throw new FieldError(field, "must be a positive number, got " + value);
        }
        return value;
    }

    public static double nonNegative(Double value, String field) {
        if (!(require(value, field) >= 0) || value.isInfinite()) {
            throw new FieldError(field, "must be zero or positive, got " + value);
        }
        return value;
    }

    public static java.time.Duration positive(java.time.Duration value, String field) {
        if (require(value, field).isZero() || value.isNegative()) {
            throw new FieldError(field, "must be a positive duration, got " + Durations.format(value));
        }
        return value;
    }
}
