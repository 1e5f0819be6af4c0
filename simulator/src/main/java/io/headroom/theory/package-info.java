/**
 * Theory as test oracle: closed-form and numerically exact results of queueing theory
 * ({@link io.headroom.theory.Queueing}: Erlang B and C, M/M/c response times and quantiles, Pollaczek–Khinchine,
 * M/G/1-PS, M/M/c/K, abandonment, limited processor sharing) and of caches under the independent reference
 * model ({@link io.headroom.theory.CacheTheory}: Che's approximation for LRU, TTL caches, the optimal static
 * cache). Pure functions that depend on nothing of the simulator; tests hold simulated runs against them,
 * and they give quick estimates without simulating.
 */
package io.headroom.theory;
