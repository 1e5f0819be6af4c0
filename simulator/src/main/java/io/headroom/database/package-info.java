/**
 * A replicated database at run time: {@link io.headroom.database.Database} routes reads and writes to each shard's
 * primary and replicas (instances of a {@link io.headroom.service.ServiceStation}), replicates writes with a lag
 * ({@link io.headroom.database.KeyVersions} judges stale reads, {@link io.headroom.database.ReplicationLog} the
 * writes a failover loses), fails over when a primary is lost ({@link io.headroom.database.DatabaseShard}) and
 * runs {@link io.headroom.database.Backups}. Its YAML records are in {@code io.headroom.design.database}.
 */
package io.headroom.database;
