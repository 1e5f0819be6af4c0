package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How requests are spread over a component's instances (a service's {@code dispatch}, later a
 * load balancer's {@code strategy}).
 */
public enum DispatchStrategy {
    /** Each instance in turn. */
    ROUND_ROBIN("round-robin"),
    /** An instance chosen uniformly at random. */
    RANDOM("random"),
    /** Two instances at random, the one with fewer outstanding requests (Mitzenmacher's power of two choices). */
    POWER_OF_TWO("power-of-two"),
    /** The instance with the fewest outstanding requests (join the shortest queue); ties go round-robin. */
    LEAST_OUTSTANDING("least-outstanding"),
    /** In proportion to per-instance {@code weights} (a load balancer's), smoothly interleaved. */
    WEIGHTED("weighted"),
    /** By the request's key on a hash ring, so a key keeps its instance (caches, sessions). */
    CONSISTENT_HASH("consistent-hash");

    private final String yamlName;

    DispatchStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in YAML (and in results). */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }

}
