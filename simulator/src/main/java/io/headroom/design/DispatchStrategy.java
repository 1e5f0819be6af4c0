package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How requests are spread over a component's instances (a service's {@code dispatch}, later a
 * load balancer's {@code strategy}).
 */
public enum DispatchStrategy {
    /** Each instance in turn. */
    @JsonProperty("round-robin") ROUND_ROBIN,
    /** An instance chosen uniformly at random. */
    @JsonProperty("random") RANDOM,
    /** Two instances at random, the one with fewer outstanding requests (Mitzenmacher's power of two choices). */
    @JsonProperty("power-of-two") POWER_OF_TWO,
    /** The instance with the fewest outstanding requests (join the shortest queue); ties go round-robin. */
    @JsonProperty("least-outstanding") LEAST_OUTSTANDING,
    /** In proportion to per-instance {@code weights} (a load balancer's), smoothly interleaved. */
    @JsonProperty("weighted") WEIGHTED,
    /** By the request's key on a hash ring, so a key keeps its instance (caches, sessions). */
    @JsonProperty("consistent-hash") CONSISTENT_HASH;

    public String yamlName() {
        return switch (this) {
            case ROUND_ROBIN -> "round-robin";
            case RANDOM -> "random";
            case POWER_OF_TWO -> "power-of-two";
            case LEAST_OUTSTANDING -> "least-outstanding";
            case WEIGHTED -> "weighted";
            case CONSISTENT_HASH -> "consistent-hash";
        };
    }
}
