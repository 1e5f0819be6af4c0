package io.headroom.run;

/**
 * What a k6 scenario's iterations came to (the whole run, warm-up included, as k6 counts them): {@code completed}
 * ran to their end, {@code interrupted} were cut by a hard stop ({@code gracefulRampDown} or {@code gracefulStop}
 * over), {@code dropped} never started — k6's {@code dropped_iterations}: an arrival-rate iteration that found every
 * VU busy, or an iterations executor's iterations left when {@code maxDuration} passed.
 */
public record IterationFigures(long completed, long interrupted, long dropped) {
}
