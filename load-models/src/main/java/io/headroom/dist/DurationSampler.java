package io.headroom.dist;

/** Draws durations, in nanoseconds, from one distribution and one random stream. Not thread-safe. */
@FunctionalInterface
public interface DurationSampler {
    long sampleNanos();
}
