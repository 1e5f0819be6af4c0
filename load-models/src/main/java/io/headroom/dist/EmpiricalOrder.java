package io.headroom.dist;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an {@code empirical} distribution uses its samples: drawn at random ({@code resample}, the default), or
 * one after another in the file's order ({@code sequence}: a trace replayed, starting again at the first after
 * the last).
 */
public enum EmpiricalOrder {
    RESAMPLE("resample"),
    SEQUENCE("sequence");

    private final String yamlName;

    EmpiricalOrder(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in YAML (and in results). */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
