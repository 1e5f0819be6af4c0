package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One component of a design, told apart by its YAML {@code type:}. A sealed family: each kind is
 * a record here and a runtime class in its own package; the registry is the annotation below.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServiceSpec.class, name = "service"),
    @JsonSubTypes.Type(value = LoadBalancerSpec.class, name = "load-balancer"),
    @JsonSubTypes.Type(value = ShardedStoreSpec.class, name = "sharded-store"),
    @JsonSubTypes.Type(value = CacheSpec.class, name = "cache"),
    @JsonSubTypes.Type(value = FunctionSpec.class, name = "function")
})
public sealed interface ComponentSpec permits ServiceSpec, LoadBalancerSpec, ShardedStoreSpec, CacheSpec, FunctionSpec {
    /** Free text for people reading the design. */
    String description();
}
