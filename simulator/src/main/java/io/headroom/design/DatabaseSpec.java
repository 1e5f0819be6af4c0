package io.headroom.design;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.database.BackupSpec;
import io.headroom.design.database.FailoverSpec;
import io.headroom.design.database.ReadRouting;
import io.headroom.design.database.Replication;
import io.headroom.design.faults.FailureSpec;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A replicated database: {@code shards} partitions of the key space (as a sharded store's), each a primary and
 * {@code replicas} read replicas with {@code concurrency} workers and {@code cores} each. Writes ({@code write: true}
 * on the call) go to the shard's primary and cost {@code write-demand}; the {@code replication} mode says when the
 * caller is answered and when each replica has the write ({@code lag}). Reads go where {@code reads} says; with
 * {@code read-your-writes} a read goes to the primary whenever its replica has not applied the key's latest write. When the
 * primary is lost ({@code failures}, a zone outage, a spot interruption) a replica is promoted after the
 * {@code failover} times; {@code backups} take a share of an instance's cores on a schedule.
 *
 * <p>Bought as Amazon RDS, its {@code instance: {type: db.r6g.large}} names a DB instance class, priced for its
 * {@code engine} ({@code postgres}, the default, {@code mysql}, {@code aurora-postgresql}, {@code aurora-mysql}), whose
 * vCPUs are the instances' cores by default; an EC2 type ({@code r6i.large}) is a database run on EC2. Its
 * {@code storage} is billed by the GB-month ({@link io.headroom.design.database.DatabaseStorage}). {@code max-connections}
 * bounds the connections its callers' pools open to it, summed over every caller instance.
 *
 * @param description free text for people reading the design
 * @param shards partitions of the key space, each a primary and its replicas
 * @param partitioning how a key picks its shard: hash, or range (equal slices of [0, key-space))
 * @param keySpace with range partitioning: the number of keys sliced (default: the profile's number of keys)
 * @param replicas read replicas per shard, besides the primary
 * @param concurrency workers per instance
 * @param cores CPUs per instance (default: the instance class's vCPUs)
 * @param queue the FIFO queue in front of each instance's workers (default: unbounded)
 * @param demand the CPU time of a read
 * @param writeDemand the CPU time of a write, on the primary (default: demand)
 * @param replication when the caller of a write is answered: async, or once replicas have it
 * @param lag how long a replica takes to apply a write
 * @param reads where reads go
 * @param readYourWrites sends a read to the primary while its replica has not applied the key's latest write
 * @param failover the times to detect a lost primary and promote a replica
 * @param failures instances crash and are repaired
 * @param backups backups taking a share of an instance's cores on a schedule
 * @param instance the RDS instance class (db.r6g.large) or EC2 type it runs on
 * @param engine the engine an RDS class is priced for: postgres (default), mysql, aurora-postgresql, aurora-mysql
 * @param storage its storage, billed by the GB-month
 * @param maxConnections the connections its callers' pools may open to it, summed over their instances (unset: no bound)
 */
public record DatabaseSpec(String description, @AtMost(value = Limits.SHARDS, why = Limits.SHARDS_WHY) Integer shards,
                           ShardedStoreSpec.Partitioning partitioning, @AtMost(value = Limits.KEYS, why = Limits.KEYS_WHY) Long keySpace,
                           @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer replicas,
                           @AtMost(value = Limits.WORKERS, why = Limits.WORKERS_WHY) Integer concurrency,
                           @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.WholeCpus.class) Integer cores,
                           QueueSpec queue, DistributionSpec demand, DistributionSpec writeDemand, Replication replication,
                           DistributionSpec lag, ReadRouting reads, Boolean readYourWrites, FailoverSpec failover, FailureSpec failures,
                           BackupSpec backups, InstanceSpec instance, String engine,
                           io.headroom.design.database.DatabaseStorage storage,
                           @AtMost(value = Limits.CONNECTIONS, why = Limits.CONNECTIONS_WHY) Integer maxConnections) implements ComponentSpec {
    /** The engines a DB instance class is priced for. */
    public static final java.util.List<String> ENGINES = java.util.List.of("postgres", "mysql", "aurora-postgresql", "aurora-mysql");

    /** A database without an engine or storage of its own (an EC2-run one, or priced by its instance only). */
    public DatabaseSpec(String description, Integer shards, ShardedStoreSpec.Partitioning partitioning, Long keySpace, Integer replicas,
                        Integer concurrency, Integer cores, QueueSpec queue, DistributionSpec demand, DistributionSpec writeDemand,
                        Replication replication, DistributionSpec lag, ReadRouting reads, Boolean readYourWrites, FailoverSpec failover,
                        FailureSpec failures, BackupSpec backups, InstanceSpec instance) {
        this(description, shards, partitioning, keySpace, replicas, concurrency, cores, queue, demand, writeDemand, replication, lag,
                reads, readYourWrites, failover, failures, backups, instance, null, null, null);
    }

    /** The endpoint of a read. */
    public static final String READ = "read";
    /** The endpoint of a write. */
    public static final String WRITE = "write";

    public DatabaseSpec {
        shards = shards == null ? 1 : shards;
        if (shards < 1) {
            throw new FieldError("shards", "a database needs at least 1 shard, got " + shards);
        }
        partitioning = partitioning == null ? ShardedStoreSpec.Partitioning.HASH : partitioning;
        if (keySpace != null && keySpace < 1) {
            throw new FieldError("key-space", "must be at least 1, got " + keySpace);
        }
        replicas = replicas == null ? 0 : replicas;
        if (replicas < 0) {
            throw new FieldError("replicas", "the read replicas of each shard besides its primary: 0 or more, got " + replicas);
        }
        FieldError.positive(concurrency, "concurrency");
        if (cores != null) {
            FieldError.positive(cores, "cores");
        }
        queue = queue == null ? QueueSpec.UNBOUNDED : queue;
        FieldError.require(demand, "demand");
        writeDemand = writeDemand == null ? demand : writeDemand;
        replication = replication == null ? Replication.ASYNC : replication;
        if (lag != null && !(lag.meanSeconds() >= 0)) {
            throw new FieldError("lag", "a replica's lag cannot be negative, got a mean of " + FieldError.number(lag.meanSeconds()) + " s");
        }
        if (lag instanceof DistributionSpec.Constant c && c.value().isNegative()) {
            throw new FieldError("lag", "a replica's lag cannot be negative, got " + c.value());
        }
        if (replicas == 0 && lag != null) {
            throw new FieldError("lag", "a database without replicas has nothing to lag: remove lag, or add replicas");
        }
        if (replicas == 0 && replication != Replication.ASYNC) {
            throw new FieldError("replication", "a database without replicas has nobody to acknowledge a write: remove replication,"
                    + " or add replicas");
        }
        reads = reads == null ? ReadRouting.REPLICAS : reads;
        readYourWrites = readYourWrites != null && readYourWrites;
        if (readYourWrites && reads == ReadRouting.PRIMARY) {
            throw new FieldError("read-your-writes", "reads: primary already reads every write: remove read-your-writes");
        }
        if (replicas == 0 && failover != null) {
            throw new FieldError("failover", "a database without replicas has no replica to promote: it is down until its primary"
                    + " is repaired; remove failover, or add replicas");
        }
        failover = failover == null ? FailoverSpec.DEFAULT : failover;
        if (maxConnections != null) {
            FieldError.positive(maxConnections, "max-connections");
        }
        if (engine != null && !ENGINES.contains(engine)) {
            throw new FieldError("engine", "unknown engine '" + engine + "'" + io.headroom.yaml.Suggestions.suggestion(engine, ENGINES,
                    "engines: " + String.join(", ", ENGINES)));
        }
        boolean managed = instance != null && instance.type().startsWith("db."); // the fields are not set yet
        if (engine != null && !managed) {
            throw new FieldError("engine", "the engine prices an RDS DB instance class: give instance: {type: db.…}, or remove engine");
        }
        engine = engine == null ? "postgres" : engine;
        if (managed && instance.market() != io.headroom.design.pricing.Market.ON_DEMAND) {
            throw new FieldError("instance", "RDS DB instances are bought on demand (or reserved): no spot or mixed fleet");
        }
        if (storage != null && storage.aurora() != engine.startsWith("aurora")) {
            throw new FieldError("storage.class", storage.aurora() ? "an Aurora cluster volume goes with an aurora engine, not " + engine
                    : "an Aurora cluster (engine " + engine + ") stores on its cluster volume: class aurora-standard or aurora-io-optimized");
        }
    }

    /**
     * Its instances' cores: {@code cores} if given, else its DB instance class's vCPUs (or its EC2 type's), else one per
     * worker. The design reader has checked the class is in {@code catalogue}.
     */
    public int coresIn(io.headroom.design.pricing.PriceCatalogue catalogue) {
        if (cores == null && managed()) {
            return catalogue.databaseClass(engine, instance.type()).vcpu();
        }
        return catalogue.cores(cores, instance, concurrency);
    }

    /** Bought as Amazon RDS: its instance type is a DB instance class ({@code db.…}). */
    public boolean managed() {
        return instance != null && instance.type().startsWith("db.");
    }

    /** Instances of each shard: its primary and its replicas. */
    public int instancesPerShard() {
        return 1 + replicas;
    }

    /** One shard as a service: its instances the primary and its replicas, its endpoints {@code read} (0) and {@code write} (1). */
    public ServiceSpec shardService() {
        return shardService(cores, instance);
    }

    /**
     * One shard as a service with {@code cores} per instance and {@code instance} as its EC2 purchase (null for a managed
     * database, whose DB instance class the model resolves and bills itself).
     */
    public ServiceSpec shardService(Integer cores, InstanceSpec instance) {
        Map<String, EndpointSpec> e = new LinkedHashMap<>();
        e.put(READ, new EndpointSpec(demand, null));
        e.put(WRITE, new EndpointSpec(writeDemand, null));
        return new ServiceSpec(description, ReplicasSpec.fixed(instancesPerShard()), DispatchStrategy.ROUND_ROBIN, concurrency, cores,
                queue, e, null, null, null, failures, instance, null, null);
    }

    /** Its storage as a store of data to bill (null without storage). */
    public io.headroom.design.storage.StorageSpec storageSpec() {
        return storage == null ? null : storage.toSpec(managed());
    }

    /** The storage volumes billed: one per DB instance on RDS, one per shard's cluster on Aurora. */
    public int storageCopies() {
        return storage != null && storage.aurora() ? shards : shards * instancesPerShard();
    }
}
