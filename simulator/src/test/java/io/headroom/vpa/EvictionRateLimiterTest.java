package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The updater's eviction rate limiter ({@code getRateLimiter} in kubernetes/autoscaler
 * {@code vertical-pod-autoscaler/pkg/updater/logic/updater.go}, golang.org/x/time/rate's token bucket), on
 * sequences computed by hand.
 */
class EvictionRateLimiterTest {
    static final long S = 1_000_000_000L;

    /** The default (rate -1) is {@code rate.Inf}: every eviction at once. */
    @Test
    void disabledByDefault() {
        EvictionRateLimiter l = new EvictionRateLimiter(UpdaterConfig.DEFAULT);
        assertTrue(l.unlimited());
        for (int i = 0; i < 100; i++) {
            assertEquals(5 * S, l.reserve(5 * S, 65 * S));
        }
    }

    /**
     * Rate 0.5/s, burst 1, all asked at t = 0 in a pass ending at 60 s: the first token is there, each next one
     * comes 2 s later (0, 2, 4 s ...); the 31st would be at 60 s, the 32nd at 62 s, past the deadline, so it is
     * not reserved and the next pass, at 60 s, finds the bucket at -30 + 0.5 x 60 = 0 tokens: its first eviction
     * waits 2 s.
     */
    @Test
    void tokenBucket() {
        EvictionRateLimiter l = new EvictionRateLimiter(0.5, 1);
        for (int i = 0; i <= 30; i++) {
            assertEquals(2 * i * S, l.reserve(0, 60 * S));
        }
        assertEquals(-1, l.reserve(0, 60 * S));
        assertEquals(62 * S, l.reserve(60 * S, 120 * S));
    }

    /** Burst 3 at rate 1/s: three at once, then one a second; after a long idle the bucket is full again, not more. */
    @Test
    void burst() {
        EvictionRateLimiter l = new EvictionRateLimiter(1, 3);
        assertEquals(0, l.reserve(0, 60 * S));
        assertEquals(0, l.reserve(0, 60 * S));
        assertEquals(0, l.reserve(0, 60 * S));
        assertEquals(S, l.reserve(0, 60 * S));
        assertEquals(1000 * S, l.reserve(1000 * S, 1060 * S));
        assertEquals(1000 * S, l.reserve(1000 * S, 1060 * S));
        assertEquals(1000 * S, l.reserve(1000 * S, 1060 * S));
        assertEquals(1001 * S, l.reserve(1000 * S, 1060 * S));
    }

    /** A burst of 0 with a finite rate refuses every wait ({@code Wait(n=1) exceeds limiter's burst 0}). */
    @Test
    void zeroBurst() {
        assertEquals(-1, new EvictionRateLimiter(1, 0).reserve(0, 60 * S));
    }
}
