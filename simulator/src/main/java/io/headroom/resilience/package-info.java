/**
 * Resilience state machines on calls to one dependency: a {@link io.headroom.resilience.CircuitBreaker}
 * (Resilience4j's closed, open and half-open states over a count-based window) that fails calls fast as
 * {@code circuit_open} while a dependency fails too often, and a {@link io.headroom.resilience.Bulkhead} that
 * refuses a call beyond a limit of calls in flight. Built from the configs of {@code design.resilience}, tested
 * on scripted sequences, allocation-free; the service's call path asks them before each attempt and tells
 * them how it ended.
 */
package io.headroom.resilience;
