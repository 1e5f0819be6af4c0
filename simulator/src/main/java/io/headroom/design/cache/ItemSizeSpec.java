package io.headroom.design.cache;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.DataSize;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.util.Locale;

/**
 * How many bytes a cached item takes, for a cache sized in {@code memory}: the value plus the cache's own
 * per-entry overhead, as a distribution over keys. Written like a latency distribution but in bytes:
 * {@code {dist: constant, value: 4KB}}, {@code {dist: uniform, min: 1KB, max: 7KB}} or
 * {@code {dist: exponential, mean: 4KB}} (sizes as {@code request-size} writes them: {@code 512B}, {@code 4KB},
 * {@code 1.5MB}, decimal units). Each key's size is drawn once, from the key itself (the same key has the same
 * size all run long and on every node); every item takes at least one byte.
 *
 * @param dist  {@code constant}, {@code uniform} or {@code exponential}
 * @param value {@code constant}: every item's size
 * @param min   {@code uniform}: the smallest size
 * @param max   {@code uniform}: the largest size
 * @param mean  {@code exponential}: the mean size
 */
public record ItemSizeSpec(String dist, @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) DataSize value,
                           @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) DataSize min,
                           @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) DataSize max,
                           @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) DataSize mean) {

    /** The shapes an item size may take. */
    public enum Shape { CONSTANT, UNIFORM, EXPONENTIAL }

    public ItemSizeSpec {
        Shape shape = shape(dist);
        switch (shape) {
            case CONSTANT -> {
                positive(value, "value");
                notFor(shape, min, "min");
                notFor(shape, max, "max");
                notFor(shape, mean, "mean");
            }
            case UNIFORM -> {
                positive(min, "min");
                positive(max, "max");
                if (max.bytes() < min.bytes()) {
                    throw new FieldError("max", "must be at least min (" + min.bytes() + " bytes), got " + max.bytes() + " bytes");
                }
                notFor(shape, value, "value");
                notFor(shape, mean, "mean");
            }
            case EXPONENTIAL -> {
                positive(mean, "mean");
                notFor(shape, value, "value");
                notFor(shape, min, "min");
                notFor(shape, max, "max");
            }
            default -> throw new IllegalStateException(shape.toString());
        }
    }

    /** Every item {@code bytes} long. */
    public static ItemSizeSpec constant(long bytes) {
        return new ItemSizeSpec("constant", new DataSize(bytes), null, null, null);
    }

    /** Sizes uniform on the whole numbers {@code min .. max}. */
    public static ItemSizeSpec uniform(long min, long max) {
        return new ItemSizeSpec("uniform", null, new DataSize(min), new DataSize(max), null);
    }

    /** The shape named by {@code dist}. */
    public Shape shape() {
        return shape(dist);
    }

    /** The mean size in bytes. */
    public double meanBytes() {
        return switch (shape()) {
            case CONSTANT -> value.bytes();
            case UNIFORM -> (min.bytes() + max.bytes()) / 2.0;
            case EXPONENTIAL -> mean.bytes();
        };
    }

    private static Shape shape(String dist) {
        FieldError.require(dist, "dist");
        return switch (dist.trim().toLowerCase(Locale.ROOT)) {
            case "constant" -> Shape.CONSTANT;
            case "uniform" -> Shape.UNIFORM;
            case "exponential" -> Shape.EXPONENTIAL;
            default -> throw new FieldError("dist", "unknown item-size dist '" + dist + "' (known: constant, uniform, exponential)");
        };
    }

    private static void positive(DataSize size, String field) {
        FieldError.require(size, field);
        if (size.bytes() < 1) {
            throw new FieldError(field, "an item takes at least 1 byte, got " + size.bytes());
        }
    }

    private static void notFor(Shape shape, Object value, String field) {
        if (value != null) {
            throw new FieldError(field, "'" + field + "' does not apply to an item-size dist " + shape.name().toLowerCase(Locale.ROOT)
                    + " (constant takes value; uniform min and max; exponential mean)");
        }
    }
}
