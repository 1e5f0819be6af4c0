package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.faults.FailureSpec;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;

/**
 * A sharded store: {@code shards} partitions of the key space, each served by
 * {@code replicas-per-shard} instances (the first is the primary) with {@code concurrency} workers.
 * A request's key picks its shard ({@code hash}, or {@code range}: equal slices of the key space
 * {@code [0, key-space)}, by default the profile's number of keys). Reads go to any replica of the
 * shard, writes ({@code write: true} on the call) to its primary and cost {@code write-demand}. {@code failures} crash
 * and repair its instances as a service's; a store's writes go to the lowest-numbered ready replica, so losing the
 * first one moves them to the next at once, as in a store whose replicas all coordinate writes. A primary with
 * replication lag and failover is a {@code database}.
 * {@code max-connections} bounds the connections its callers' pools open to it, summed over every caller
 * instance (null: no bound); a connection asked for beyond it is refused.
 *
 * @param description free text for people reading the design
 * @param shards partitions of the key space
 * @param partitioning how a key picks its shard: hash, or range (equal slices of [0, key-space))
 * @param replicasPerShard instances per shard, the first the primary; reads go to any, writes to the primary
 * @param concurrency workers per instance
 * @param cores CPUs per instance, shared by its computing workers
 * @param queue the FIFO queue in front of each instance's workers (default: unbounded)
 * @param demand the CPU time of a read
 * @param writeDemand the CPU time of a write (default: demand)
 * @param keySpace with range partitioning: the number of keys sliced (default: the profile's number of keys)
 * @param instance what each instance is bought as (type, market)
 * @param failures instances crash and are repaired, as a service's
 * @param maxConnections the connections its callers' pools may open to it, summed over their instances (unset: no bound)
 */
public record ShardedStoreSpec(String description, @AtMost(value = Limits.SHARDS, why = Limits.SHARDS_WHY) Integer shards, Partitioning partitioning, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer replicasPerShard,
                               @AtMost(value = Limits.WORKERS, why = Limits.WORKERS_WHY) Integer concurrency, @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.WholeCpus.class) Integer cores,
                               QueueSpec queue, DistributionSpec demand,
                               DistributionSpec writeDemand, @AtMost(value = Limits.KEYS, why = Limits.KEYS_WHY) Long keySpace, InstanceSpec instance,
                               FailureSpec failures,
                               @AtMost(value = Limits.CONNECTIONS, why = Limits.CONNECTIONS_WHY) Integer maxConnections) implements ComponentSpec {

    /** A store whose instances never fail, without a bound on connections. */
    public ShardedStoreSpec(String description, Integer shards, Partitioning partitioning, Integer replicasPerShard,
                            Integer concurrency, Integer cores, QueueSpec queue, DistributionSpec demand,
                            DistributionSpec writeDemand, Long keySpace, InstanceSpec instance) {
        this(description, shards, partitioning, replicasPerShard, concurrency, cores, queue, demand, writeDemand, keySpace, instance,
                null, null);
    }

    /** A store whose instances have no type (not priced). */
    public ShardedStoreSpec(String description, Integer shards, Partitioning partitioning, Integer replicasPerShard,
                            Integer concurrency, Integer cores, QueueSpec queue, DistributionSpec demand,
                            DistributionSpec writeDemand, Long keySpace) {
        this(description, shards, partitioning, replicasPerShard, concurrency, cores, queue, demand, writeDemand, keySpace, null);
    }

    /** How keys map to shards. */
    public enum Partitioning {
        HASH("hash"),
        RANGE("range");

        private final String yamlName;

        Partitioning(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name as written in YAML (and in results). */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }
    }

    public ShardedStoreSpec {
        if (FieldError.require(shards, "shards") < 1) {
            throw new FieldError("shards", "a store needs at least 1 shard, got " + shards);
        }
        partitioning = partitioning == null ? Partitioning.HASH : partitioning;
        replicasPerShard = replicasPerShard == null ? 1 : replicasPerShard;
        if (replicasPerShard < 1) {
            throw new FieldError("replicas-per-shard", "must be at least 1, got " + replicasPerShard);
        }
        FieldError.positive(concurrency, "concurrency");
        if (cores != null) {
            FieldError.positive(cores, "cores");
        }
        queue = queue == null ? QueueSpec.UNBOUNDED : queue;
        FieldError.require(demand, "demand");
        writeDemand = writeDemand == null ? demand : writeDemand;
        if (keySpace != null && keySpace < 1) {
            throw new FieldError("key-space", "must be at least 1, got " + keySpace);
        }
        if (maxConnections != null) {
            FieldError.positive(maxConnections, "max-connections");
        }
    }

    /** One shard as a service: its replicas are instances, its endpoints {@code read} (0) and {@code write} (1). */
    public ServiceSpec shardService() {
        java.util.Map<String, EndpointSpec> e = new java.util.LinkedHashMap<>();
        e.put("read", new EndpointSpec(demand, null));
        e.put("write", new EndpointSpec(writeDemand, null));
        return new ServiceSpec(description, ReplicasSpec.fixed(replicasPerShard), DispatchStrategy.ROUND_ROBIN, concurrency, cores,
                queue, e, null, null, null, failures, instance, null, null);
    }
}
