package io.headroom.vpa;

/**
 * The VPA updater's eviction rate limit: a token bucket of {@code burst} tokens refilled at {@code rate} tokens
 * per second; each eviction takes a token, waiting for one if the bucket is empty. The updater waits only until
 * its pass's deadline (the next pass, one updater interval after the start): an eviction that would wait longer
 * is not made, no token is taken, and the pass ends. A rate of 0 or below disables the limit.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/updater/logic/updater.go}
 * ({@code getRateLimiter}, {@code evictionRateLimiter.Wait(ctx)} with {@code context.WithTimeout(updaterInterval)}
 * in {@code main.go}) and golang.org/x/time/rate ({@code Limiter.reserveN}, {@code advance},
 * {@code durationFromTokens}). The bucket starts full, as a Go limiter whose last update is the zero time.
 */
public final class EvictionRateLimiter {
    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final double rate;
    private final int burst;
    private double tokens;
    private long lastNs;
    private boolean started;

    public EvictionRateLimiter(double ratePerSecond, int burst) {
        this.rate = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    public EvictionRateLimiter(UpdaterConfig config) {
        this(config.evictionRateLimit(), config.evictionRateBurst());
    }

    /** Whether the limit is disabled ({@code rate.Inf}). */
    public boolean unlimited() {
        return rate <= 0;
    }

    /**
     * {@code Wait} at {@code nowNs} with the pass's deadline {@code deadlineNs}: the time the eviction may proceed
     * (at or after {@code nowNs}), or -1 if it would have to wait past the deadline (or the burst is 0), in which
     * case nothing is reserved.
     */
    public long reserve(long nowNs, long deadlineNs) {
        if (unlimited()) {
            return nowNs;
        }
        if (burst < 1) {
            return -1; // rate: Wait(n=1) exceeds limiter's burst 0
        }
        long last = started ? Math.min(lastNs, nowNs) : nowNs;
        long elapsed = nowNs - last;
        double elapsedSeconds = (double) (elapsed / NS_PER_SECOND) + (double) (elapsed % NS_PER_SECOND) / 1e9; // Duration.Seconds
        double t = Math.min(tokens + elapsedSeconds * rate, burst);
        t -= 1;
        long waitNs = 0;
        if (t < 0) {
            waitNs = (long) ((double) NS_PER_SECOND * (-t / rate));
        }
        if (waitNs > deadlineNs - nowNs) {
            return -1;
        }
        started = true;
        lastNs = nowNs;
        tokens = t;
        return nowNs + waitNs;
    }
}
