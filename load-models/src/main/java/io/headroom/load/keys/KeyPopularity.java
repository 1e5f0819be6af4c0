package io.headroom.load.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.FieldError;

/**
 * Which keys requests ask for (a product id, a user id): what caches hit and shards receive.
 * {@code keys: {distribution: zipf, items: 1000000, exponent: 0.99}}.
 *
 * @param distribution how popular each key is
 * @param items        how many distinct keys there are
 * @param exponent     zipf's skew (0.99 is typical of web objects; 0 is uniform)
 * @param hotKeys      hotspot: the fraction of keys that are hot
 * @param hotRequests  hotspot: the fraction of requests that go to hot keys
 */
public record KeyPopularity(Distribution distribution, Long items, Double exponent, Double hotKeys, Double hotRequests) {

    /** Key popularity laws. */
    public enum Distribution {
        /** Every key equally likely. */
        @JsonProperty("uniform") UNIFORM,
        /** Key of rank k with probability ∝ 1 / k^exponent; rank 1 is key 0. */
        @JsonProperty("zipf") ZIPF,
        /** Zipf popularity, with ranks scattered over the key space by a fixed permutation (YCSB's "scrambled zipfian"). */
        @JsonProperty("scrambled-zipf") SCRAMBLED_ZIPF,
        /** A fraction of hot keys gets a fraction of requests, uniformly within each group. */
        @JsonProperty("hotspot") HOTSPOT
    }

    public KeyPopularity {
        FieldError.require(distribution, "distribution");
        if (FieldError.require(items, "items") < 1) {
            throw new FieldError("items", "must be at least 1, got " + items);
        }
    }
}
