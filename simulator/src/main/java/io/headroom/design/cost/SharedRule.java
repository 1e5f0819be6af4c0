package io.headroom.design.cost;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a shared cost (a component without the tag key: a balancer, a shared cache, a database several teams call,
 * cross-zone traffic) is split among the tag's values ({@code cost-allocation: {shared: ...}}); see docs/pricing.md,
 * "Cost allocation".
 */
public enum SharedRule {
    /** In proportion to the requests the shared component exchanged with each tagged one (the default). */
    BY_REQUESTS("by-requests"),
    /** In equal parts among the tag's values. */
    EVEN("even"),
    /** Not split: shown as the unallocated part. */
    UNALLOCATED("unallocated");

    private final String yamlName;

    SharedRule(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in YAML and in results. */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
