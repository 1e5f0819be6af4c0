package io.headroom.random;

import java.nio.charset.StandardCharsets;

/**
 * The random streams of one run, each named after what consumes it ({@code "component:api"},
 * {@code "load:arrivals"}). A stream's seed is a hash of the run's seed and the stream's name, so
 * adding a component, or drawing more numbers in one place, never shifts another stream's samples:
 * designs that differ in one component stay comparable (common random numbers).
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A fresh generator for the named stream; the same name always gives the same sequence. */
    public StreamRandom stream(String name) {
        return new StreamRandom(seedOf(name));
    }

    /** The seed of a named stream: SplitMix64 finalisation of the run seed mixed with a 64-bit FNV-1a of the name. */
    public long seedOf(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix(mix(seed) ^ h);
    }

    /** Seeds for replication {@code i} of a batch, derived deterministically from a base seed. */
    public static long replicationSeed(long baseSeed, int i) {
        return i == 0 ? baseSeed : mix(baseSeed + 0x9E3779B97F4A7C15L * i);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
