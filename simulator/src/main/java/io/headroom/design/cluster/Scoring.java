package io.headroom.design.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.FieldError;

/** The NodeResourcesFit scoring strategy: spread pods over nodes ({@code least-allocated}) or pack them ({@code most-allocated}). */
public enum Scoring {
    LEAST_ALLOCATED, MOST_ALLOCATED;

    @JsonCreator
    public static Scoring of(String s) {
        return switch (s) {
            case "least-allocated", "LeastAllocated" -> LEAST_ALLOCATED;
            case "most-allocated", "MostAllocated" -> MOST_ALLOCATED;
            default -> throw new FieldError("", "unknown scoring '" + s + "': least-allocated (the default) or most-allocated");
        };
    }
}
