package io.headroom.run;

import io.headroom.yaml.Durations;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a run is carried out (not what is simulated).
 *
 * @param window      length of a time-series window
 * @param maxInFlight live requests beyond which the run stops: the guard against a design whose
 *                    queues grow without bound exhausting memory (about 100 bytes per request)
 * @param drainLimit  after the last injection step, how long in-flight requests may still finish
 *                    (as a Gatling run lasts until its last user is done)
 * @param maxEvents   events beyond which a run stops with {@link io.headroom.engine.EventBudgetExceeded}: the
 *                    hard stop behind the estimate a command checks before it starts ({@code --max-events})
 * @param progress    where runs add the events they fire, for a progress display (null: nowhere)
 */
public record RunOptions(Duration window, int maxInFlight, Duration drainLimit, long maxEvents, AtomicLong progress) {
    public static final RunOptions DEFAULTS = new RunOptions(Duration.ofSeconds(10), 2_000_000, Duration.ofMinutes(5));

    /** Options without an event budget or a progress counter. */
    public RunOptions(Duration window, int maxInFlight, Duration drainLimit) {
        this(window, maxInFlight, drainLimit, Long.MAX_VALUE, null);
    }

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
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be positive");
        }
    }

    /** The most time-series windows a run may have: each is a row of the series, and of the per-window figures kept for the report and SLOs. */
    public static final long MAX_WINDOWS = 1_000_000;

    /** Why {@code window} is too fine for a profile of length {@code profile} (plus the drain), or null if it is not. */
    public String tooManyWindows(Duration profile) {
        long windows = (long) Math.ceil((Durations.seconds(profile) + Durations.seconds(drainLimit)) / Durations.seconds(window));
        return windows <= MAX_WINDOWS ? null : "the run would have " + windows + " windows: at most " + MAX_WINDOWS
                + " (each is a row of the time series and of the figures kept for the report); choose a window of at least "
                + Durations.format(Duration.ofNanos((long) Math.ceil((profile.toNanos() + (double) drainLimit.toNanos()) / MAX_WINDOWS)));
    }

    public RunOptions withWindow(Duration w) {
        return new RunOptions(w, maxInFlight, drainLimit, maxEvents, progress);
    }

    public RunOptions withMaxInFlight(int n) {
        return new RunOptions(window, n, drainLimit, maxEvents, progress);
    }

    public RunOptions withDrainLimit(Duration d) {
        return new RunOptions(window, maxInFlight, d, maxEvents, progress);
    }

    /** These options with an event budget per run and a counter the runs add their events to. */
    public RunOptions withBudget(long events, AtomicLong counter) {
        return new RunOptions(window, maxInFlight, drainLimit, events, counter);
    }
}
