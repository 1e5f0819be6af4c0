/**
 * Design of call resilience: the settings a call carries in YAML — {@code retries} with capped exponential
 * backoff and jitter ({@link io.headroom.design.resilience.RetryPolicy}), a {@code circuit-breaker}
 * ({@link io.headroom.design.resilience.CircuitBreakerConfig}) and a {@code bulkhead}
 * ({@link io.headroom.design.resilience.BulkheadConfig}), in Resilience4j's terms and with its defaults.
 * Immutable configuration; the state machines that apply it per call are in {@code io.headroom.resilience}.
 */
package io.headroom.design.resilience;
