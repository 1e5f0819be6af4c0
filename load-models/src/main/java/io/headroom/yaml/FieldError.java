package io.headroom.yaml;

/**
 * Thrown by a configuration record's constructor when one of its fields is invalid. The YAML binder
 * turns it into an {@link InputError} located at that field, so the record itself stays free of
 * file and line bookkeeping.
 */
public final class FieldError extends IllegalArgumentException {
    private final String field;
    private final boolean missing;

    /** @param field the YAML key (kebab-case, as the user writes it), or a dotted sub-path below the record */
    public FieldError(String field, String message) {
        this(field, message, false);
    }

    private FieldError(String field, String message, boolean missing) {
        super(message);
        this.field = field;
        this.missing = missing;
    }

    public String field() {
        return field;
    }

    /** True when the field has no value: absent from the file, or given with nothing after the colon. */
    public boolean missing() {
        return missing;
    }

    /** Requires a key that has no default. */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new FieldError(field, "missing required key '" + field + "'", true);
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
            throw new FieldError(field, "must be a positive number, got " + number(value));
        }
        return value;
    }

    public static double nonNegative(Double value, String field) {
        if (!(require(value, field) >= 0) || value.isInfinite()) {
            throw new FieldError(field, "must be zero or positive, got " + number(value));
        }
        return value;
    }

    /** A number as the user wrote it: 0 rather than 0.0, 2.5 as it is. */
    public static String number(Double value) {
        if (value == null) {
            return "nothing";
        }
        if (value == Math.rint(value) && !value.isInfinite() && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return value.toString();
    }

    public static java.time.Duration positive(java.time.Duration value, String field) {
        if (require(value, field).isZero() || value.isNegative()) {
            throw new FieldError(field, "must be a positive duration, got " + Durations.format(value));
        }
        return value;
    }
}
