package io.headroom.validation.importer;

import java.time.Duration;

/**
 * How traces are turned into a model.
 *
 * @param name          the design's and the profile's name
 * @param window        the arrival profile's row length (arrivals counted per window)
 * @param grace         how long (in span time) a trace stays open after its latest span ended, for late spans
 * @param maxOpenSpans  the most spans held in open traces; beyond it the oldest traces are closed early (stated)
 * @param reservoir     samples kept per endpoint (own times) and per call (network times), uniformly at random
 * @param maxKs         the largest Kolmogorov–Smirnov distance a fitted family may have; beyond it the own times
 *                      are written as an empirical distribution
 * @param workers       the worker count of every service, or 0 to take each service's most concurrent spans on one
 *                      instance
 * @param defaultWorkers the worker count of a service seen in fewer than {@link #MIN_SPANS_FOR_WORKERS} spans
 * @param seed          the reservoirs' random stream
 */
public record ImportOptions(String name, Duration window, Duration grace, int maxOpenSpans, int reservoir, double maxKs, int workers,
                            int defaultWorkers, long seed) {
    /** Fewer spans than this on a service say too little about its worker pool: the default is used. */
    public static final int MIN_SPANS_FOR_WORKERS = 50;

    public static final ImportOptions DEFAULTS = new ImportOptions("imported", Duration.ofSeconds(1), Duration.ofSeconds(30), 1_000_000,
            20_000, 0.05, 0, 8, 1);

    public ImportOptions {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period cannot be negative");
        }
        if (maxOpenSpans < 1 || reservoir < 10 || workers < 0 || defaultWorkers < 1) {
            throw new IllegalArgumentException("open spans and workers must be at least 1, the reservoir at least 10");
        }
    }

    public ImportOptions withName(String n) {
        return new ImportOptions(n, window, grace, maxOpenSpans, reservoir, maxKs, workers, defaultWorkers, seed);
    }
}
