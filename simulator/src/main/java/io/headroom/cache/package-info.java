/**
 * Caches of keys for the {@code cache} component: {@link io.headroom.cache.KeyCache} and its policies by
 * {@code eviction} name — {@code lru}, {@code lfu}, {@code ttl} (expire after write), {@code fixed-hit-ratio}
 * — made from an {@link io.headroom.design.cache.EvictionConfig}. Primitive arrays throughout: no allocation per
 * lookup or fill. The theory they are checked against (Che's approximation for LRU, the renewal formula for
 * TTL) is in {@link io.headroom.theory.CacheTheory}.
 */
package io.headroom.cache;
