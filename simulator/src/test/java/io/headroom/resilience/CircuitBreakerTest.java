package io.headroom.resilience;

import io.headroom.design.resilience.CircuitBreakerConfig;
import static io.headroom.resilience.CircuitBreaker.State.CLOSED;
import static io.headroom.resilience.CircuitBreaker.State.HALF_OPEN;
import static io.headroom.resilience.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.random.StreamRandom;
import io.headroom.resilience.CircuitBreaker.State;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/**
 * The breaker's state machine on scripted outcome sequences at scripted times. Each script line is
 * {@code TIME OP STATE}: at TIME (ms) do OP, after which the breaker is in STATE. OP is {@code S} (a permitted call
 * succeeded), {@code F} (one failed), {@code A} (a call asks and is permitted), {@code R} (a call asks and is refused:
 * {@code circuit_open}), {@code ?} (only look at the state).
 */
class CircuitBreakerTest {
    private static final long MS = 1_000_000L;

    /** 50 %, the last 10 calls, at least 5 of them, 1 s open, 3 probes (decided after min(5, 3) = 3). */
    private static CircuitBreaker breaker() {
        return new CircuitBreaker(new CircuitBreakerConfig(0.5, 10, 5, Duration.ofSeconds(1), 3));
    }

    /** A {@link #breaker()} that five failures at 0 ms have opened. */
    private static CircuitBreaker openedAtZero() {
        CircuitBreaker cb = breaker();
        run(cb, "0 F CLOSED", "0 F CLOSED", "0 F CLOSED", "0 F CLOSED", "0 F OPEN");
        return cb;
    }

    private static void run(CircuitBreaker cb, String... lines) {
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            long t = Long.parseLong(f[0]) * MS;
            State expected = State.valueOf(f[2]);
            switch (f[1]) {
                case "S" -> cb.onSuccess(t);
                case "F" -> cb.onFailure(t);
                case "A" -> assertTrue(cb.tryAcquire(t), line + ": expected the call to be permitted");
                case "R" -> assertFalse(cb.tryAcquire(t), line + ": expected the call to fail fast");
                case "?" -> { }
                default -> throw new IllegalArgumentException(line);
            }
            assertEquals(expected, cb.state(t), line);
        }
    }

    @Test
    void opensAtTheThresholdOnlyOnceMinimumCallsAreIn() {
        CircuitBreaker cb = breaker();
        run(cb,
                "0 F CLOSED",     // 1/1 failed, but fewer than 5 calls: no rate yet
                "1 F CLOSED",
                "2 F CLOSED",
                "3 F CLOSED");    // 4/4 failed: still below minimum-calls
        assertEquals(-1.0, cb.failureRate());
        run(cb, "4 S OPEN");      // 5 calls, 4/5 = 0.8 ≥ 0.5
        assertEquals(1, cb.closedToOpen());
        assertEquals(4 * MS, cb.openedAt());

        CircuitBreaker atThreshold = breaker();
        run(atThreshold,
                "0 S CLOSED", "1 S CLOSED", "2 S CLOSED", "3 F CLOSED",
                "4 F CLOSED",     // 2/5 = 0.4 < 0.5
                "5 S CLOSED",     // 2/6
                "6 F CLOSED",     // 3/7 = 0.43
                "7 F OPEN");      // 4/8 = 0.5: at the threshold opens, as Resilience4j's ">="
    }

    @Test
    void openFailsFastUntilTheOpenDurationHasPassed() {
        CircuitBreaker cb = breaker();
        run(cb, "0 F CLOSED", "0 F CLOSED", "0 F CLOSED", "0 F CLOSED", "100 F OPEN");
        run(cb,
                "100 R OPEN",
                "600 R OPEN",
                "1100 R OPEN",    // exactly open-duration after opening: still open (Resilience4j's isAfter)
                "1100 ? OPEN");
        assertEquals(3, cb.notPermitted());
        assertEquals(0, cb.openToHalfOpen());
        // one nanosecond later the wait is over
        assertTrue(cb.tryAcquire(1100 * MS + 1));
        assertEquals(HALF_OPEN, cb.state(1100 * MS + 1));
        assertEquals(1, cb.openToHalfOpen());
        assertEquals(3, cb.notPermitted());
    }

    @Test
    void halfOpenPermitsExactlyHalfOpenCallsThenClosesWhenTheyMostlySucceed() {
        CircuitBreaker cb = openedAtZero();
        run(cb,
                "2000 A HALF_OPEN",
                "2000 A HALF_OPEN",
                "2001 A HALF_OPEN",
                "2002 R HALF_OPEN",   // three probes out: the fourth call fails fast
                "2003 R HALF_OPEN",
                "2010 S HALF_OPEN",
                "2011 F HALF_OPEN",   // two of three in: not decided yet
                "2012 R HALF_OPEN",
                "2020 S CLOSED",      // 1/3 failed < 0.5: closed
                "2021 A CLOSED");
        assertEquals(3, cb.notPermitted());
        assertEquals(1, cb.halfOpenToClosed());
        assertEquals(0, cb.halfOpenToOpen());
        // closing starts a fresh window: the probes' failure and the old failures are gone
        assertEquals(0, cb.bufferedCalls());
        run(cb, "2030 F CLOSED", "2031 F CLOSED", "2032 F CLOSED", "2033 F CLOSED", "2034 F OPEN");
        assertEquals(2, cb.closedToOpen());
    }

    @Test
    void halfOpenReopensWhenTheProbesFailAtTheThresholdAndWaitsAFullOpenDurationAgain() {
        CircuitBreaker cb = openedAtZero();
        run(cb,
                "1500 A HALF_OPEN", "1500 A HALF_OPEN", "1500 A HALF_OPEN",
                "1600 F HALF_OPEN",
                "1700 S HALF_OPEN",
                "1800 F OPEN",        // 2/3 ≥ 0.5: open again, from 1800
                "1800 R OPEN",
                "2500 R OPEN",
                "2800 R OPEN",        // 1800 + 1 s: not yet
                "2801 A HALF_OPEN",
                "2801 A HALF_OPEN",
                "2801 A HALF_OPEN",
                "2801 R HALF_OPEN",
                "2900 S HALF_OPEN",
                "2900 S HALF_OPEN",
                "2900 S CLOSED");
        assertEquals(1, cb.closedToOpen());
        assertEquals(2, cb.openToHalfOpen());
        assertEquals(1, cb.halfOpenToOpen());
        assertEquals(1, cb.halfOpenToClosed());
        assertEquals(2, cb.timesOpened());
        assertEquals(4, cb.notPermitted());
    }

    @Test
    void halfOpenDecidesAfterMinimumCallsWhenThatIsFewerThanTheProbes() {
        // Resilience4j judges half-open with minimumNumberOfCalls capped at the number of probes: 2 here, of 5 probes
        CircuitBreaker cb = new CircuitBreaker(new CircuitBreakerConfig(0.5, 4, 2, Duration.ofMillis(100), 5));
        run(cb, "0 F CLOSED", "0 F OPEN");
        run(cb,
                "101 A HALF_OPEN", "101 A HALF_OPEN", "101 A HALF_OPEN",
                "102 S HALF_OPEN",
                "103 S CLOSED",       // 0/2 failed after minimum-calls = 2: closed before the third probe returns
                "104 F CLOSED");      // the third probe lands in the new closed window
        assertEquals(1, cb.bufferedCalls());
    }

    @Test
    void outcomesReportedWhileOpenChangeNothing() {
        CircuitBreaker cb = breaker();
        run(cb, "0 A CLOSED", "0 A CLOSED", "0 F CLOSED", "0 F CLOSED", "0 F CLOSED", "0 F CLOSED", "0 F OPEN");
        // calls permitted before the breaker opened finish while it is open
        run(cb, "500 S OPEN", "600 F OPEN", "1000 ? OPEN");
        // the half-open probes are all there and judged on their own outcomes
        run(cb, "1001 A HALF_OPEN", "1001 A HALF_OPEN", "1001 A HALF_OPEN", "1001 R HALF_OPEN",
                "1002 S HALF_OPEN", "1002 S HALF_OPEN", "1002 F CLOSED");
    }

    @Test
    void oldFailuresSlideOutOfTheWindow() {
        // the last 4 calls, all 4 counted, 50 %
        CircuitBreaker cb = new CircuitBreaker(new CircuitBreakerConfig(0.5, 4, 4, Duration.ofSeconds(1), 1));
        run(cb, "0 F CLOSED", "1 S CLOSED", "2 S CLOSED", "3 S CLOSED");
        assertEquals(0.25, cb.failureRate());
        run(cb, "4 S CLOSED");          // the failure at 0 leaves the window
        assertEquals(0.0, cb.failureRate());
        run(cb, "5 F CLOSED");          // 1/4: had the old failure stayed, 2/4 would have opened
        assertEquals(0.25, cb.failureRate());
        run(cb, "6 F OPEN");            // S S F F: 2/4
    }

    @Test
    void theRingMatchesAPlainWindowOverManyCalls() {
        // 100 calls span two 64-bit words; a threshold of 1 keeps the breaker closed (0.3^100 never happens)
        CircuitBreaker cb = new CircuitBreaker(new CircuitBreakerConfig(1.0, 100, 100, Duration.ofSeconds(1), 1));
        ArrayDeque<Boolean> window = new ArrayDeque<>();
        StreamRandom rng = new StreamRandom(42);
        int failures = 0;
        for (int i = 0; i < 100_000; i++) {
            boolean failed = rng.nextDouble() < 0.3;
            if (failed) {
                cb.onFailure(i);
            } else {
                cb.onSuccess(i);
            }
            window.addLast(failed);
            failures += failed ? 1 : 0;
            if (window.size() > 100) {
                failures -= window.removeFirst() ? 1 : 0;
            }
            double expected = window.size() < 100 ? -1 : failures / 100.0;
            assertEquals(expected, cb.failureRate(), "after call " + i);
        }
        assertEquals(CLOSED, cb.state(100_000));
    }

    @Test
    void lookingAtTheStateNeverChangesAnOutcome() {
        CircuitBreaker watched = breaker();
        CircuitBreaker unwatched = breaker();
        StreamRandom rng = new StreamRandom(7);
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            t += (long) (rng.nextDouble() * 20 * MS);
            boolean a = watched.tryAcquire(t);
            assertEquals(a, unwatched.tryAcquire(t), "call " + i);
            watched.state(t + MS / 2);
            if (a) {
                boolean fail = rng.nextDouble() < 0.45;
                long done = t + MS;
                if (fail) {
                    watched.onFailure(done);
                    unwatched.onFailure(done);
                } else {
                    watched.onSuccess(done);
                    unwatched.onSuccess(done);
                }
            }
        }
        assertEquals(unwatched.state(t), watched.state(t));
        assertEquals(unwatched.closedToOpen(), watched.closedToOpen());
        assertEquals(unwatched.halfOpenToOpen(), watched.halfOpenToOpen());
        assertEquals(unwatched.halfOpenToClosed(), watched.halfOpenToClosed());
        assertEquals(unwatched.notPermitted(), watched.notPermitted());
        assertTrue(watched.timesOpened() > 10, "the script should open the breaker often: " + watched.timesOpened());
    }

    @Test
    void resilience4jDefaults() {
        CircuitBreakerConfig d = CircuitBreakerConfig.DEFAULTS;
        assertEquals(0.5, d.failureRateThreshold());
        assertEquals(100, d.slidingWindow());
        assertEquals(100, d.minimumCalls());
        assertEquals(Duration.ofSeconds(60), d.openDuration());
        assertEquals(10, d.halfOpenCalls());
        assertEquals(10, d.halfOpenDecisionCalls());
        // Resilience4j caps minimumNumberOfCalls at a smaller count-based window
        assertEquals(20, new CircuitBreakerConfig(null, 20, null, null, null).minimumCalls());
        assertEquals(100, new CircuitBreakerConfig(null, 500, null, null, null).minimumCalls());
    }

    @Test
    void callsAllocateNothing() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CircuitBreaker cb = new CircuitBreaker(new CircuitBreakerConfig(0.5, 100, 20, Duration.ofMillis(50), 5));
        StreamRandom rng = new StreamRandom(3);
        long t = 0;
        long permitted = 0;
        for (int round = 0; round < 2; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000_000; i++) {
                t += 100_000;
                if (cb.tryAcquire(t)) {
                    permitted++;
                    if (rng.nextDouble() < 0.5) {
                        cb.onFailure(t);
                    } else {
                        cb.onSuccess(t);
                    }
                }
            }
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 64 * 1024, allocated + " bytes for a million calls (" + permitted + " permitted)");
            }
        }
        assertTrue(cb.timesOpened() > 100, "the breaker should have cycled: " + cb.timesOpened());
    }
}
