package io.headroom.design;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * A call an endpoint makes to another component after its own work: {@code {to: orders, endpoint:
 * get, p: 0.3, write: true}}. The caller waits for the answer (holding its worker unless the
 * endpoint is {@code async}); a failed call fails the caller's request as {@code dependency}.
 *
 * @param to       the component called
 * @param endpoint the callee's endpoint (default: the caller's endpoint name)
 * @param p        probability that the call is made (default 1)
 * @param write    marks a write (a sharded store sends it to the shard's primary)
 * @param latency  network time of the call, request and answer together (default none)
 * @param timeout  how long the caller waits for each attempt before it gives up (default: for ever)
 * @param cancelOnTimeout whether a timed-out attempt is dropped by the callee if it is still waiting
 *                 there (default false: the callee keeps working on it)
 * @param retries  how often a failed attempt is retried, and after what backoff
 * @param circuitBreaker fails calls fast while the callee fails too often (one breaker per caller instance)
 * @param bulkhead at most this many calls in flight to the callee (per caller instance)
 * @param pool     connections per caller instance to the callee, shared by every call of the caller to it that
 *                 names a pool (HikariCP's {@code maximumPoolSize}, opened when the instance starts): an attempt holds
 *                 one from its send to its answer, and waits for one (FIFO, holding the caller's worker) when none is
 *                 free; null: no pool, calls are not limited
 * @param poolTimeout how long an attempt waits for a connection before it fails as {@code pool_timeout} (HikariCP's
 *                 {@code connectionTimeout}, default {@value #DEFAULT_POOL_TIMEOUT_TEXT}); only with a pool
 */
public record CallSpec(String to, String endpoint, @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double p, Boolean write,
                       DistributionSpec latency, Duration timeout,
                       Boolean cancelOnTimeout, RetryPolicy retries, CircuitBreakerConfig circuitBreaker, BulkheadConfig bulkhead,
                       @AtMost(value = Limits.CONNECTIONS, why = Limits.CONNECTIONS_WHY) Integer pool, Duration poolTimeout) {
    /** HikariCP's {@code connectionTimeout} default: how long a call waits for a pooled connection. */
    public static final String DEFAULT_POOL_TIMEOUT_TEXT = "30s";
    public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);

    public CallSpec {
        if (timeout != null) {
            FieldError.positive(timeout, "timeout");
        }
        cancelOnTimeout = cancelOnTimeout != null && cancelOnTimeout;
        if (cancelOnTimeout && timeout == null) {
            throw new FieldError("cancel-on-timeout", "applies to a call with a timeout");
        }
        retries = retries == null ? RetryPolicy.NONE : retries;
        FieldError.require(to, "to");
        p = p == null ? 1.0 : p;
        if (!(p >= 0 && p <= 1)) {
            throw new FieldError("p", "a probability is between 0 and 1, got " + FieldError.number(p) + Fraction.hint(p));
        }
        write = write != null && write;
        if (pool != null) {
            FieldError.positive(pool, "pool");
            poolTimeout = poolTimeout == null ? DEFAULT_POOL_TIMEOUT : FieldError.positive(poolTimeout, "pool-timeout");
        } else if (poolTimeout != null) {
            throw new FieldError("pool-timeout", "applies to a call with a pool: add pool: N (connections per caller instance)");
        }
    }

    /** A call without a connection pool. */
    public CallSpec(String to, String endpoint, Double p, Boolean write, DistributionSpec latency, Duration timeout,
                    Boolean cancelOnTimeout, RetryPolicy retries, CircuitBreakerConfig circuitBreaker, BulkheadConfig bulkhead) {
        this(to, endpoint, p, write, latency, timeout, cancelOnTimeout, retries, circuitBreaker, bulkhead, null, null);
    }

    /** A call without network time. */
    public CallSpec(String to, String endpoint, Double p, Boolean write) {
        this(to, endpoint, p, write, null, null, null, null, null, null, null, null);
    }

    /** A call made every time. */
    public static CallSpec to(String component) {
        return new CallSpec(component, null, null, null);
    }

    /** This call addressed to {@code component} instead (a regional copy of its callee). */
    public CallSpec retarget(String component) {
        return new CallSpec(component, endpoint, p, write, latency, timeout, cancelOnTimeout, retries, circuitBreaker, bulkhead, pool,
                poolTimeout);
    }
}
