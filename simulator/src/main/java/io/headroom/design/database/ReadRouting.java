package io.headroom.design.database;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a database's reads go: {@code replicas} spreads them in turn over the shard's ready replicas (the primary
 * takes them when no replica is up), as a reader endpoint does; {@code primary} sends them all to the primary, which
 * is never stale.
 */
public enum ReadRouting {
    REPLICAS("replicas"),
    PRIMARY("primary");

    private final String yamlName;

    ReadRouting(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in YAML (and in results). */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
