package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;

/**
 * One component of a design, told apart by its YAML {@code type:}. A sealed family: each kind is
 * a record here, named by a {@link ComponentType}, and built at run time by its factory.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeIdResolver(ComponentType.Resolver.class)
public sealed interface ComponentSpec permits ServiceSpec, LoadBalancerSpec, ShardedStoreSpec, CacheSpec, FunctionSpec, DatabaseSpec, GlobalRouterSpec, CdnSpec {
    /** Free text for people reading the design. */
    String description();
}
