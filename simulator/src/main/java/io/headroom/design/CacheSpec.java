package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import io.headroom.design.cache.ItemSizeSpec;
import io.headroom.design.cache.WritesSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.time.Duration;

/**
 * A cache in front of a component: a request's key is looked up; a hit answers after
 * {@code hit-latency}; a miss goes on to the {@code miss} component (its {@code miss-endpoint}, by
 * default its only one) and, answered, fills the cache. {@code scope: shared} is one cache for all
 * {@code replicas} (a cache cluster); {@code per-instance} gives each instance its own, cold when it
 * starts (an in-process cache). Its size is {@code capacity} keys, or {@code memory} bytes (a Kubernetes
 * quantity, {@code 13Gi}) with each key's {@code item-size} drawn once per key. A call with {@code write: true}
 * is a write through the cache, to the target, that invalidates or stores the key as {@code writes} says. {@code failures} crash cache nodes: a crashed node takes no lookups
 * (they go to the other nodes, or, with none up, straight to the miss target) and comes back empty.
 */
public record CacheSpec(String description, Eviction eviction, @AtMost(value = Limits.CACHE_KEYS, why = Limits.CACHE_KEYS_WHY) Integer capacity, Duration ttl,
                        @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double hitRatio,
                        DistributionSpec hitLatency, String miss, String missEndpoint, Scope scope, ReplicasSpec replicas,
                        io.headroom.design.faults.FailureSpec failures,
                        @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memory,
                        ItemSizeSpec itemSize, WritesSpec writes)
        implements ComponentSpec {

    public CacheSpec(String description, Eviction eviction, Integer capacity, Duration ttl, Double hitRatio,
                     DistributionSpec hitLatency, String miss, String missEndpoint, Scope scope, ReplicasSpec replicas) {
        this(description, eviction, capacity, ttl, hitRatio, hitLatency, miss, missEndpoint, scope, replicas, null);
    }

    public CacheSpec(String description, Eviction eviction, Integer capacity, Duration ttl, Double hitRatio,
                     DistributionSpec hitLatency, String miss, String missEndpoint, Scope scope, ReplicasSpec replicas,
                     io.headroom.design.faults.FailureSpec failures) {
        this(description, eviction, capacity, ttl, hitRatio, hitLatency, miss, missEndpoint, scope, replicas, failures, null, null);
    }

    public CacheSpec(String description, Eviction eviction, Integer capacity, Duration ttl, Double hitRatio,
                     DistributionSpec hitLatency, String miss, String missEndpoint, Scope scope, ReplicasSpec replicas,
                     io.headroom.design.faults.FailureSpec failures, Long memory, ItemSizeSpec itemSize) {
        this(description, eviction, capacity, ttl, hitRatio, hitLatency, miss, missEndpoint, scope, replicas, failures, memory, itemSize,
                null);
    }

    /** Whether the instances share one cache. */
    public enum Scope {
        SHARED("shared"),
        PER_INSTANCE("per-instance");

        private final String yamlName;

        Scope(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name as written in YAML (and in results). */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }
    }

    public CacheSpec {
        FieldError.require(miss, "miss");
        scope = scope == null ? Scope.SHARED : scope;
        replicas = replicas == null ? ReplicasSpec.fixed(1) : replicas;
        FieldError outside = replicas.initialOutside("replicas.", "a cache is not autoscaled, so its count stays at initial;"
                + " make them agree");
        if (outside != null) {
            throw outside;
        }
        if (failures != null && scope == Scope.SHARED && replicas.initial() > 1) {
            throw new FieldError("failures", "node failures of a shared cache with several replicas (each node holding part of"
                    + " the keys) are not modelled: use scope: per-instance, or one replica");
        }
        new EvictionConfig(eviction, capacity, ttl, hitRatio, memory, itemSize);
        if (writes != null && eviction == Eviction.FIXED_HIT_RATIO) {
            throw new FieldError("writes", "a fixed-hit-ratio cache holds no keys, so a write has nothing to invalidate or store:"
                    + " remove writes, or use eviction lru, lfu or ttl");
        }
    }

    /** The eviction keys, checked (the FieldErrors name the YAML keys). */
    public EvictionConfig evictionConfig() {
        return new EvictionConfig(eviction, capacity, ttl, hitRatio, memory, itemSize);
    }
}
