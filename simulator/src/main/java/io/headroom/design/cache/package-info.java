/**
 * Design of a cache: the {@code eviction} a {@code cache} component names ({@code lru}, {@code lfu},
 * {@code ttl}, {@code fixed-hit-ratio}) and the {@link io.headroom.design.cache.EvictionConfig} that goes with
 * it, checked key by key so that a key that does not apply to the eviction is refused rather than ignored.
 * Configuration only: the caches themselves are built from it in {@code io.headroom.cache}.
 */
package io.headroom.design.cache;
