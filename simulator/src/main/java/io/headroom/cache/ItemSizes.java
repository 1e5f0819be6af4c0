package io.headroom.cache;

import io.headroom.design.cache.ItemSizeSpec;

/**
 * The bytes each key's item takes in a cache sized in memory. A real item has one size (its value's
 * serialised length plus the cache's entry overhead), so the size is a function of the key: a uniform number
 * {@code u} in [0, 1) is made by mixing the key with a seed (SplitMix64's finaliser, a bijection of 64 bits
 * whose outputs pass BigCrush for consecutive inputs), and the size is the distribution's quantile at
 * {@code u}, rounded to whole bytes and at least 1. No state, no allocation: the same key has the same size
 * on every call, on every node and after a node comes back cold.
 */
public final class ItemSizes {
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

    private final ItemSizeSpec.Shape shape;
    private final long constant;
    private final long min;
    private final long span; // uniform: max - min + 1 whole sizes
    private final double mean;
    private final long seed;

    /** Sizes as {@code spec} says, drawn with {@code seed} (the component's own, so designs differ only by seed). */
    public ItemSizes(ItemSizeSpec spec, long seed) {
        this.shape = spec.shape();
        this.constant = shape == ItemSizeSpec.Shape.CONSTANT ? spec.value().bytes() : 0;
        this.min = shape == ItemSizeSpec.Shape.UNIFORM ? spec.min().bytes() : 0;
        this.span = shape == ItemSizeSpec.Shape.UNIFORM ? spec.max().bytes() - spec.min().bytes() + 1 : 0;
        this.mean = shape == ItemSizeSpec.Shape.EXPONENTIAL ? spec.mean().bytes() : 0;
        this.seed = seed;
    }

    /** The size in bytes of {@code key}'s item, at least 1. */
    public long of(long key) {
        return switch (shape) {
            case CONSTANT -> constant;
            case UNIFORM -> min + Math.min(span - 1, (long) Math.floor(uniform(key) * span));
            case EXPONENTIAL -> Math.max(1, Math.round(-mean * Math.log1p(-uniform(key))));
        };
    }

    /** A number in [0, 1) that is a fixed function of {@code key} and the seed. */
    private double uniform(long key) {
        long z = key * 0x9E3779B97F4A7C15L + seed;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * TWO_TO_MINUS_53;
    }
}
