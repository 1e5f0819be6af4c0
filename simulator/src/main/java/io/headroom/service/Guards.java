package io.headroom.service;

import io.headroom.request.ErrorCause;
import io.headroom.resilience.Bulkhead;
import io.headroom.resilience.CircuitBreaker;
import java.util.Arrays;

/**
 * The circuit breakers and bulkheads that guard a service's calls, kept in one registry (as
 * Resilience4j's {@code CircuitBreakerRegistry} keeps its breakers by name). A guard belongs to
 * one call of one endpoint as made from one caller instance: every instance keeps its own
 * breaker's counts and its own bulkhead's permits, as a client library in each replica would.
 *
 * <p>A slot's guards outlive the instance that used them: a late answer to an attempt made by
 * an instance now gone still releases its permit and reaches its breaker, so the books balance;
 * the next instance in that slot goes on with them.
 */
final class Guards {
    private static final CircuitBreaker[][][] NO_BREAKERS = new CircuitBreaker[0][][];
    private static final Bulkhead[][][] NO_BULKHEADS = new Bulkhead[0][][];

    private CallPlan[] plans = new CallPlan[0];
    private CircuitBreaker[][][] breakers = NO_BREAKERS; // [endpoint][call][caller instance], null: unguarded call
    private Bulkhead[][][] bulkheads = NO_BULKHEADS;

    /** Guards for the calls of {@code plans}, for {@code instances} caller instances. */
    void configure(CallPlan[] plans, int instances) {
        this.plans = plans;
        breakers = new CircuitBreaker[plans.length][][];
        bulkheads = new Bulkhead[plans.length][][];
        for (int e = 0; e < plans.length; e++) {
            int n = plans[e].size();
            breakers[e] = new CircuitBreaker[n][];
            bulkheads[e] = new Bulkhead[n][];
            for (int c = 0; c < n; c++) {
                if (plans[e].breakers()[c] != null) {
                    breakers[e][c] = new CircuitBreaker[0];
                }
                if (plans[e].bulkheads()[c] != null) {
                    bulkheads[e][c] = new Bulkhead[0];
                }
            }
        }
        grow(instances);
    }

    /** Gives every caller slot below {@code n} its guards. */
    void grow(int n) {
        for (int e = 0; e < breakers.length; e++) {
            for (int c = 0; c < breakers[e].length; c++) {
                if (breakers[e][c] != null && breakers[e][c].length < n) {
                    int from = breakers[e][c].length;
                    breakers[e][c] = Arrays.copyOf(breakers[e][c], n);
                    for (int i = from; i < n; i++) {
                        breakers[e][c][i] = new CircuitBreaker(plans[e].breakers()[c]);
                    }
                }
                if (bulkheads[e][c] != null && bulkheads[e][c].length < n) {
                    int from = bulkheads[e][c].length;
                    bulkheads[e][c] = Arrays.copyOf(bulkheads[e][c], n);
                    for (int i = from; i < n; i++) {
                        bulkheads[e][c][i] = new Bulkhead(plans[e].bulkheads()[c]);
                    }
                }
            }
        }
    }

    /**
     * An attempt of call {@code c} of endpoint {@code e} from instance {@code i} asks to leave: null
     * if its breaker and bulkhead let it (it then holds a permit until {@link #release}), or why
     * not. A breaker that permitted an attempt the bulkhead refuses counts it as a failure.
     */
    ErrorCause acquire(int e, int c, int i, long now) {
        CircuitBreaker[] cb = breakers[e][c];
        Bulkhead[] bh = bulkheads[e][c];
        if (cb != null && !cb[i].tryAcquire(now)) {
            return ErrorCause.CIRCUIT_OPEN;
        }
        if (bh != null && !bh[i].tryAcquire()) {
            if (cb != null) {
                cb[i].onFailure(now); // the breaker permitted a call that failed
            }
            return ErrorCause.BULKHEAD;
        }
        return null;
    }

    /** An admitted attempt ended: its bulkhead permit is given back and its breaker told how it went. */
    void release(int e, int c, int i, boolean ok, long now) {
        if (bulkheads[e][c] != null) {
            bulkheads[e][c][i].release();
        }
        if (breakers[e][c] != null) {
            if (ok) {
                breakers[e][c][i].onSuccess(now);
            } else {
                breakers[e][c][i].onFailure(now);
            }
        }
    }

    /** An admitted attempt is dropped unsent (its caller gone while it waited for a connection): its bulkhead permit goes back. */
    void abandon(int e, int c, int i) {
        if (bulkheads[e][c] != null) {
            bulkheads[e][c][i].release();
        }
    }

    /** The breaker of call {@code c} of endpoint {@code e} at instance {@code i}, or null if that call has none. */
    CircuitBreaker breaker(int e, int c, int i) {
        return breakers[e][c] == null ? null : breakers[e][c][i];
    }

    /** The bulkhead of call {@code c} of endpoint {@code e} at instance {@code i}, or null if that call has none. */
    Bulkhead bulkhead(int e, int c, int i) {
        return bulkheads[e][c] == null ? null : bulkheads[e][c][i];
    }

    /** Calls fast-failed by an open breaker, over every breaker. */
    long notPermitted() {
        long n = 0;
        for (CircuitBreaker[][] e : breakers) {
            for (CircuitBreaker[] c : e) {
                if (c != null) {
                    for (CircuitBreaker b : c) {
                        n += b.notPermitted();
                    }
                }
            }
        }
        return n;
    }
}
