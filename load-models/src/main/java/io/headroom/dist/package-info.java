/**
 * Distributions of durations — a CPU demand, an off-CPU wait, a think time, a time to repair — as YAML writes
 * them ({@code {dist: exponential, mean: 2ms}}): constant, exponential, lognormal, gamma, uniform and
 * empirical (samples from a file, resampled or replayed in order), each knowing its mean and squared
 * coefficient of variation, and a {@link io.headroom.dist.DurationSampler} that draws nanoseconds without
 * allocating. Builds on {@code yaml}; scenarios, the design's endpoints, faults and the validation use it.
 */
package io.headroom.dist;
