package io.headroom.design.region;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a global router (Route 53) answers for a name with one record per region: its routing policy. */
public enum RoutingPolicy {
    /** The healthy region with the lowest round trip from the user's population. */
    LATENCY("latency"),
    /** The region named for the user's population, else the {@code default} record's, when healthy. */
    GEOLOCATION("geolocation"),
    /** A healthy region drawn in proportion to the records' weights. */
    WEIGHTED("weighted"),
    /** The primary region while it is healthy, else the secondary. */
    FAILOVER("failover");

    private final String yamlName;

    RoutingPolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
