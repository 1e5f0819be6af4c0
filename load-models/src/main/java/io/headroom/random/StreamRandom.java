package io.headroom.random;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A commons-math {@link RandomGenerator} over the JDK's {@link SplittableRandom} (SplitMix64): fast,
 * statistically sound for simulation, no locks, and fully determined by its seed. One instance
 * belongs to one stream of one run and is never shared between threads.
 */
public final class StreamRandom implements RandomGenerator {
    private SplittableRandom random;

    public StreamRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void setSeed(int seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long s = 0;
        for (int v : seed) {
            s = s * 31 + v;
        }
        random = new SplittableRandom(s);
    }

    @Override
    public void setSeed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }

    @Override
    public int nextInt() {
        return random.nextInt();
    }

    @Override
    public int nextInt(int n) {
        return random.nextInt(n);
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    @Override
    public float nextFloat() {
        return random.nextFloat();
    }

    /** Uniform on [0, 1). */
    @Override
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Standard normal, by the JDK's modified ziggurat (deterministic for a given seed). */
    @Override
    public double nextGaussian() {
        return random.nextGaussian();
    }
}
