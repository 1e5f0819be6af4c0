package io.headroom.run;

import java.time.Duration;

/**
 * How a run is carried out (not what is simulated).
 *
 * @param window      length of a time-series window
 * @param maxInFlight live requests beyond which the run stops: the guard against a design whose
 *                    queues grow without bound exhausting memory (about 100 bytes per request)
 * @param drainLimit  after the last injection step, how long in-flight requests may still finish
 *                    (as a Gatling run lasts until its last user is done)
 */
public record RunOptions(Duration window, int maxInFlight, Duration drainLimit) {
    public static final RunOptions DEFAULTS = new RunOptions(Duration.ofSeconds(10), 2_000_000, Duration.ofMinutes(5));

    public RunOptions {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (drainLimit.isNegative()) {
            throw new IllegalArgumentException("drainLimit must not be negative");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
    }

    public RunOptions withWindow(Duration w) {
        return new RunOptions(w, maxInFlight, drainLimit);
    }

    public RunOptions withMaxInFlight(int n) {
        return new RunOptions(window, n, drainLimit);
    }

    public RunOptions withDrainLimit(Duration d) {
        return new RunOptions(window, maxInFlight, d);
    }
}
