package io.headroom.dist;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an {@code empirical} distribution uses its samples: drawn at random ({@code resample}, the default), or
 * one after another in the file's order ({@code sequence}: a trace replayed, starting again at the first after
 * the last).
 */
public enum EmpiricalOrder {
    @JsonProperty("resample") RESAMPLE,
    @JsonProperty("sequence") SEQUENCE
}
