package io.headroom.resilience;

import io.headroom.design.resilience.CircuitBreakerConfig;

/**
 * A circuit breaker on calls to one dependency: when too many recent calls failed, stop calling for a while and
 * fail at once instead (as {@code circuit_open}), which spares both the caller's workers and the struggling
 * dependency; then let a few probe calls through to see whether it has recovered.
 *
 * <p>The state machine is Resilience4j's ({@code CircuitBreakerStateMachine},
 * https://resilience4j.readme.io/docs/circuitbreaker), with a count-based sliding window:
 * <ul>
 *   <li><b>closed</b>: every call is permitted; each outcome goes into a ring of the last {@code sliding-window}
 *       outcomes. Once the ring holds at least {@code minimum-calls} outcomes, an outcome that brings the failure
 *       rate to {@code failure-rate-threshold} or above opens the breaker.
 *   <li><b>open</b>: every call fails fast, until {@code open-duration} has passed since the breaker opened
 *       (strictly after, as Resilience4j's {@code isAfter}): then it is half-open.
 *   <li><b>half-open</b>: {@code half-open-calls} calls are permitted, the rest fail fast. As soon as
 *       {@code min(minimum-calls, half-open-calls)} of their outcomes are in, the breaker closes (with an empty
 *       window) if their failure rate is below the threshold and opens again otherwise.
 * </ul>
 * Outcomes reported while open (calls let through before it opened, finishing late) change nothing, as in
 * Resilience4j. Outcomes reported while half-open count toward the decision whenever their call started — also
 * as in Resilience4j.
 *
 * <p>Time is simulated time in nanoseconds, passed to every method; it must not go backwards. The open → half-open
 * transition is applied by whichever method is called first after the open duration, so the breaker behaves as
 * Resilience4j's with {@code automaticTransitionFromOpenToHalfOpenEnabled}, and whether or when anyone looks at
 * {@link #state(long)} never changes an outcome. Not thread-safe (one replication runs on one thread);
 * allocation-free after construction.
 */
public final class CircuitBreaker {

    /** A breaker's state. */
    public enum State {
        CLOSED("closed"), OPEN("open"), HALF_OPEN("half_open");

        private final String key;

        State(String key) {
            this.key = key;
        }

        /** The name used in results. */
        public String key() {
            return key;
        }
    }

    private final CircuitBreakerConfig config;
    private final double threshold;
    private final int windowSize;
    private final int minimumCalls;
    private final long openDurationNs;
    private final int halfOpenCalls;
    private final int halfOpenDecisionCalls;

    /** The closed state's window: bit i of the ring is 1 when outcome i failed. */
    private final long[] ring;
    private int head;
    private int buffered;
    private int bufferedFailures;

    private State state = State.CLOSED;
    private long openedAt;
    private int halfOpenPermits;
    private int halfOpenRecorded;
    private int halfOpenFailures;

    private long closedToOpen;
    private long openToHalfOpen;
    private long halfOpenToClosed;
    private long halfOpenToOpen;
    private long notPermitted;

    public CircuitBreaker(CircuitBreakerConfig config) {
        this.config = config;
        this.threshold = config.failureRateThreshold();
        this.windowSize = config.slidingWindow();
        this.minimumCalls = config.minimumCalls();
        this.openDurationNs = config.openDurationNs();
        this.halfOpenCalls = config.halfOpenCalls();
        this.halfOpenDecisionCalls = config.halfOpenDecisionCalls();
        this.ring = new long[(windowSize + 63) >>> 6];
    }

    public CircuitBreakerConfig config() {
        return config;
    }

    /**
     * Asks to make a call at {@code now}. True: make it, then report its outcome with {@link #onSuccess} or
     * {@link #onFailure}. False: the call is not made and fails at once as {@code circuit_open} (counted in
     * {@link #notPermitted()}); report nothing.
     */
    public boolean tryAcquire(long now) {
        advance(now);
        switch (state) {
            case CLOSED:
                return true;
            case HALF_OPEN:
                if (halfOpenPermits > 0) {
                    halfOpenPermits--;
                    return true;
                }
                notPermitted++;
                return false;
            default:
                notPermitted++;
                return false;
        }
    }

    /** A permitted call succeeded at {@code now}. */
    public void onSuccess(long now) {
        record(now, false);
    }

    /** A permitted call failed at {@code now} (an error, or the caller's timeout). */
    public void onFailure(long now) {
        record(now, true);
    }

    /** The state at {@code now} (applying the open → half-open transition if it is due). */
    public State state(long now) {
        advance(now);
        return state;
    }

    private void advance(long now) {
        // subtraction, not openedAt + openDurationNs, so that no sum can overflow
        if (state == State.OPEN && now - openedAt > openDurationNs) {
            state = State.HALF_OPEN;
            openToHalfOpen++;
            halfOpenPermits = halfOpenCalls;
            halfOpenRecorded = 0;
            halfOpenFailures = 0;
        }
    }

    private void record(long now, boolean failed) {
        advance(now);
        switch (state) {
            case CLOSED:
                push(failed);
                if (buffered >= minimumCalls && atOrAboveThreshold(bufferedFailures, buffered)) {
                    closedToOpen++;
                    open(now);
                }
                break;
            case HALF_OPEN:
                halfOpenRecorded++;
                if (failed) {
                    halfOpenFailures++;
                }
                if (halfOpenRecorded >= halfOpenDecisionCalls) {
                    if (atOrAboveThreshold(halfOpenFailures, halfOpenRecorded)) {
                        halfOpenToOpen++;
                        open(now);
                    } else {
                        halfOpenToClosed++;
                        close();
                    }
                }
                break;
            default:
                // open: a call permitted before the breaker opened; Resilience4j records it in metrics it then discards
                break;
        }
    }

    /** {@code failures / calls ≥ threshold}, by division: {@code 3 / 10 ≥ 0.3} holds, {@code 3 ≥ 0.3 × 10} does not. */
    private boolean atOrAboveThreshold(int failures, int calls) {
        return (double) failures / calls >= threshold;
    }

    /** Adds an outcome to the ring, evicting (and un-counting) the oldest once the ring is full. */
    private void push(boolean failed) {
        int word = head >>> 6;
        long bit = 1L << head; // shifts use the low 6 bits: head mod 64
        if (buffered == windowSize) {
            if ((ring[word] & bit) != 0) {
                bufferedFailures--;
            }
        } else {
            buffered++;
        }
        if (failed) {
            ring[word] |= bit;
            bufferedFailures++;
        } else {
            ring[word] &= ~bit;
        }
        head = head + 1 == windowSize ? 0 : head + 1;
    }

    private void open(long now) {
        state = State.OPEN;
        openedAt = now;
    }

    /** A fresh closed state, as Resilience4j builds one: the window starts empty (old bits are overwritten before read). */
    private void close() {
        state = State.CLOSED;
        head = 0;
        buffered = 0;
        bufferedFailures = 0;
    }

    /**
     * The failure rate over the closed window, or -1 while it holds fewer than {@code minimum-calls} outcomes (and
     * while the breaker is not closed), as Resilience4j's {@code getFailureRate()} (a fraction here).
     */
    public double failureRate() {
        if (state != State.CLOSED || buffered < minimumCalls || buffered == 0) {
            return -1;
        }
        return (double) bufferedFailures / buffered;
    }

    /** Outcomes in the closed window now. */
    public int bufferedCalls() {
        return state == State.CLOSED ? buffered : 0;
    }

    /** When the breaker last opened (meaningful once {@link #timesOpened()} is positive). */
    public long openedAt() {
        return openedAt;
    }

    /** Calls failed fast (open, or half-open with no probe left): each one a {@code circuit_open} error. */
    public long notPermitted() {
        return notPermitted;
    }

    /** Closed → open transitions: the failure rate reached the threshold. */
    public long closedToOpen() {
        return closedToOpen;
    }

    /** Open → half-open transitions (applied lazily: call {@link #state(long)} at the end of a run to count the last). */
    public long openToHalfOpen() {
        return openToHalfOpen;
    }

    /** Half-open → closed transitions: the probes succeeded. */
    public long halfOpenToClosed() {
        return halfOpenToClosed;
    }

    /** Half-open → open transitions: the probes failed too often. */
    public long halfOpenToOpen() {
        return halfOpenToOpen;
    }

    /** Every time the breaker opened, from closed or from half-open. */
    public long timesOpened() {
        return closedToOpen + halfOpenToOpen;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + state.key() + ", " + config + "]";
    }
}
