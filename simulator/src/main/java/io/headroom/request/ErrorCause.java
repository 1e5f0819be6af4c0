package io.headroom.request;

/**
 * Why a request failed. Every cause is always present in results (with 0 when it cannot happen in
 * a design), so that scripts can read them without checking.
 */
public enum ErrorCause {
    /** Refused at arrival: the instance's queue was full. */
    REJECTED("rejected"),
    /** Waited longer than the queue's (or a caller's) timeout. */
    TIMEOUT("timeout"),
    /** Failed fast by an open circuit breaker. */
    CIRCUIT_OPEN("circuit_open"),
    /** Refused by a full bulkhead. */
    BULKHEAD("bulkhead"),
    /** A call this request depended on failed. */
    DEPENDENCY("dependency"),
    /** The instance serving it went away (crash, spot interruption). */
    INSTANCE_LOST("instance_lost"),
    /** The endpoint itself failed (its {@code error-rate}): an application error, a 500. */
    FAILED("failed"),
    /** The data it needed had no one to serve it: a database's writes while its primary is lost and no
     *  replica has been promoted yet (the failover's detection and promotion). */
    UNAVAILABLE("unavailable"),
    /** Waited at the caller for a connection of its pool longer than the call's {@code pool-timeout}. */
    POOL_TIMEOUT("pool_timeout");

    private final String key;

    ErrorCause(String key) {
        this.key = key;
    }

    /** The name used in results. */
    public String key() {
        return key;
    }

    private static final ErrorCause[] ALL = values();

    /** All causes, in result order, without allocating. */
    public static ErrorCause[] all() {
        return ALL;
    }
}
