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
 * default its only one) and, answered, fills the cache. {@code scope: shared} is one cache over its
 * {@code replicas} (a cache cluster: each node holds {@code capacity / replicas} keys, or
 * {@code memory / replicas} bytes, and the keys consistent hashing gives it); {@code per-instance} gives
 * each instance its own whole cache, cold when it starts (an in-process cache). Its size is {@code capacity} keys, or {@code memory} bytes (a Kubernetes
 * quantity, {@code 13Gi}) with each key's {@code item-size} drawn once per key. A call with {@code write: true}
 * is a write through the cache, to the target, that invalidates or stores the key as {@code writes} says. {@code failures} crash cache nodes: a crashed node takes no lookups
 * (they go to the other nodes, or, with none up, straight to the miss target) and comes back empty.
 * A shared cache bought as ElastiCache names its {@code instance: {type: cache.r6g.large}}: each node is billed
 * for the whole run at the node type's on-demand price (a failed node is replaced, and billed throughout).
 *
 * @param description free text for people reading the design
 * @param eviction how keys leave the cache: lru, lfu, ttl (with ttl) or fixed-hit-ratio (with hit-ratio)
 * @param capacity how many keys the cache holds (or memory: bytes, with item-size)
 * @param ttl with eviction ttl: how long a key stays after it is stored
 * @param hitRatio with eviction fixed-hit-ratio: the share of lookups that hit, whatever the keys
 * @param hitLatency the time a hit takes to answer
 * @param miss the component misses go to (a service, balancer or store), whose answer fills the cache
 * @param missEndpoint the endpoint of miss that serves misses (default: its only one)
 * @param scope shared: one cache over the replicas (a cache cluster); per-instance: each instance's own, cold at its start
 * @param replicas cache nodes (default 1)
 * @param failures cache nodes crash and come back empty
 * @param memory the cache's size in bytes (e.g. 13Gi) instead of capacity, with each key's item-size
 * @param itemSize the size of one key's item, drawn once per key
 * @param writes what a call with write: true does to the key: invalidate it or store it (write-through), and the endpoint it
 *                     goes on to
 * @param instance the ElastiCache node type a shared cache is bought as (e.g. cache.r6g.large), billed per node
 */
public record CacheSpec(String description, Eviction eviction, @AtMost(value = Limits.CACHE_KEYS, why = Limits.CACHE_KEYS_WHY) Integer capacity, Duration ttl,
                        @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double hitRatio,
                        DistributionSpec hitLatency, String miss, String missEndpoint, Scope scope, ReplicasSpec replicas,
                        io.headroom.design.faults.FailureSpec failures,
                        @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memory,
                        ItemSizeSpec itemSize, WritesSpec writes, io.headroom.design.pricing.InstanceSpec instance)
        implements ComponentSpec {

    /** A cache not bought as ElastiCache nodes (not priced). */
    public CacheSpec(String description, Eviction eviction, Integer capacity, Duration ttl, Double hitRatio,
                     DistributionSpec hitLatency, String miss, String missEndpoint, Scope scope, ReplicasSpec replicas,
                     io.headroom.design.faults.FailureSpec failures, Long memory, ItemSizeSpec itemSize, WritesSpec writes) {
        this(description, eviction, capacity, ttl, hitRatio, hitLatency, miss, missEndpoint, scope, replicas, failures, memory, itemSize,
                writes, null);
    }

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
        new EvictionConfig(eviction, capacity, ttl, hitRatio, memory, itemSize);
        int nodes = replicas.initial();
        if (scope == Scope.SHARED && nodes > 1 && capacity != null && capacity < nodes) {
            throw new FieldError("capacity", "a shared cache of " + nodes + " nodes gives each capacity / " + nodes
                    + " keys: at least " + nodes + ", got " + capacity);
        }
        if (scope == Scope.SHARED && nodes > 1 && memory != null && memory < nodes) {
            throw new FieldError("memory", "a shared cache of " + nodes + " nodes gives each memory / " + nodes
                    + " bytes: at least " + nodes + " bytes, got " + memory);
        }
        if (instance != null && scope == Scope.PER_INSTANCE) {
            throw new FieldError("instance", "a per-instance cache lives in its service's instances, which are what is billed:"
                    + " an ElastiCache node type is for a shared cache");
        }
        if (instance != null && instance.market() != io.headroom.design.pricing.Market.ON_DEMAND) {
            throw new FieldError("instance", "ElastiCache nodes are bought on demand (or reserved, as commitments): no spot or mixed fleet");
        }
        if (writes != null && eviction == Eviction.FIXED_HIT_RATIO) {
            throw new FieldError("writes", "a fixed-hit-ratio cache holds no keys, so a write has nothing to invalidate or store:"
                    + " remove writes, or use eviction lru, lfu or ttl");
        }
    }

    /** Whether the cache is a cluster: shared over several nodes, each holding its share of the keys. */
    public boolean clustered() {
        return scope == Scope.SHARED && replicas.initial() > 1;
    }

    /**
     * What one node holds: the whole cache for a per-instance cache or one node; a cluster's node its share,
     * {@code capacity / nodes} keys or {@code memory / nodes} bytes (rounded down).
     */
    public EvictionConfig nodeEvictionConfig() {
        if (!clustered()) {
            return evictionConfig();
        }
        int nodes = replicas.initial();
        return new EvictionConfig(eviction, capacity == null ? null : capacity / nodes, ttl, hitRatio,
                memory == null ? null : memory / nodes, itemSize);
    }

    /** The eviction keys, checked (the FieldErrors name the YAML keys). */
    public EvictionConfig evictionConfig() {
        return new EvictionConfig(eviction, capacity, ttl, hitRatio, memory, itemSize);
    }

    /** This cache sending its misses (and writes) to {@code m} instead. */
    public CacheSpec withMiss(String m) {
        return new CacheSpec(description, eviction, capacity, ttl, hitRatio, hitLatency, m, missEndpoint, scope, replicas, failures, memory,
                itemSize, writes, instance);
    }
}
