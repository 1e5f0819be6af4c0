package io.headroom.cache;

import io.headroom.design.cache.Eviction;
import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * No state: every lookup hits with probability {@code hitRatio}, independently, whatever the key — the
 * hit ratio measured elsewhere, taken as given. One {@code nextDouble()} of its stream per lookup (a hit
 * when it is below {@code hitRatio}, so 0 never hits and 1 always does); {@link #fill} does nothing.
 */
public final class FixedHitRatioCache implements KeyCache {
    private final double hitRatio;
    private final RandomGenerator random;

    /** Hits with probability {@code hitRatio} (in [0, 1]), drawn from {@code random}, which it keeps. */
    public FixedHitRatioCache(double hitRatio, RandomGenerator random) {
        if (!(hitRatio >= 0 && hitRatio <= 1)) {
            throw new IllegalArgumentException("hit ratio must be in [0, 1], got " + hitRatio);
        }
        this.hitRatio = hitRatio;
        this.random = Objects.requireNonNull(random, "a fixed-hit-ratio cache needs a random stream");
    }

    @Override
    public boolean lookup(long key, long nowNs) {
        return random.nextDouble() < hitRatio;
    }

    @Override
    public void fill(long key, long nowNs) {
        // nothing is stored
    }

    @Override
    public void invalidate(long key) {
        // nothing is stored
    }

    public double hitRatio() {
        return hitRatio;
    }

    /** Always 0: nothing is stored. */
    @Override
    public int size() {
        return 0;
    }

    @Override
    public int capacity() {
        return -1;
    }

    /** Nothing to empty (the random stream goes on). */
    @Override
    public void clear() {
    }

    @Override
    public Eviction eviction() {
        return Eviction.FIXED_HIT_RATIO;
    }

    @Override
    public long[] evictionOrder() {
        return new long[0];
    }

    @Override
    public String toString() {
        return "fixed-hit-ratio(" + hitRatio + ")";
    }
}
