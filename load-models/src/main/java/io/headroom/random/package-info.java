/**
 * Random numbers of a run: named streams ({@code "component:api"}, {@code "load:arrivals"}) whose seeds are
 * a hash of the run's seed and the stream's name, so that adding a component or drawing more in one place
 * never shifts another stream's samples — the common random numbers that make designs comparable — and
 * replication seeds derived from a base seed. Each {@link io.headroom.random.StreamRandom} is SplitMix64,
 * deterministic and owned by one run. Depends on nothing of Headroom; load, the simulator and the validation
 * draw from it.
 */
package io.headroom.random;
