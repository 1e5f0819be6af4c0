package io.headroom.design.database;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a database's primary hands each write to its replicas. The commit of a write is when its caller is answered.
 *
 * <ul>
 *   <li>{@code async}: the primary answers when its own work is done; each replica applies the write after its own
 *       draw of the lag. A replica read in between is stale, and a failover loses what the promoted replica had not
 *       applied (the recovery point).</li>
 *   <li>{@code semi-sync}: the primary waits for the first replica's acknowledgement (MySQL semi-synchronous
 *       replication with {@code rpl_semi_sync_source_wait_for_replica_count = 1}, its default); the others apply
 *       after their own lag, as with async.</li>
 *   <li>{@code sync}: the primary waits for every replica's acknowledgement: no stale read, no write lost.</li>
 * </ul>
 */
public enum Replication {
    ASYNC("async"),
    SEMI_SYNC("semi-sync"),
    SYNC("sync");

    private final String yamlName;

    Replication(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in YAML (and in results). */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
