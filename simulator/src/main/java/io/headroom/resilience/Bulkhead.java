package io.headroom.resilience;

import io.headroom.design.resilience.BulkheadConfig;

/**
 * A bulkhead on calls to one dependency: at most {@code max-concurrent} of them in flight at once, so that a slow
 * dependency can tie up only that many of the caller's workers, not all of them (the watertight compartments of a
 * ship's hull, after which the pattern is named). A call that finds the bulkhead full is refused at once and fails
 * as {@code bulkhead}; nothing waits.
 *
 * <p>Each permitted call must be {@link #release() released} exactly once when it ends, however it ends (success,
 * failure, the caller's timeout). Not thread-safe; allocation-free.
 */
public final class Bulkhead {
    private final BulkheadConfig config;
    private final int max;
    private int inFlight;
    private int peak;
    private long admitted;
    private long refused;

    public Bulkhead(BulkheadConfig config) {
        this.config = config;
        this.max = config.maxConcurrent();
    }

    public BulkheadConfig config() {
        return config;
    }

    /** True: the call may go ahead (release it when it ends). False: refused, a {@code bulkhead} error. */
    public boolean tryAcquire() {
        if (inFlight < max) {
            inFlight++;
            admitted++;
            if (inFlight > peak) {
                peak = inFlight;
            }
            return true;
        }
        refused++;
        return false;
    }

    /** A permitted call ended. */
    public void release() {
        if (inFlight == 0) {
            throw new IllegalStateException("bulkhead released more often than acquired");
        }
        inFlight--;
    }

    /** Calls in flight now. */
    public int inFlight() {
        return inFlight;
    }

    /** The most calls ever in flight at once. */
    public int peak() {
        return peak;
    }

    /** Calls permitted so far. */
    public long admitted() {
        return admitted;
    }

    /** Calls refused so far: each one a {@code bulkhead} error. */
    public long refused() {
        return refused;
    }

    @Override
    public String toString() {
        return "Bulkhead[" + inFlight + "/" + max + "]";
    }
}
