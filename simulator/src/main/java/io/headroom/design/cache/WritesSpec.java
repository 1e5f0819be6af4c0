package io.headroom.design.cache;

import com.fasterxml.jackson.annotation.JsonValue;
import io.headroom.yaml.FieldError;

/**
 * What a write does to a cache. A caller writes through the cache with {@code write: true} on its call: the
 * write is not looked up but passes on to the cache's {@code miss} target — at {@code endpoint} of the service
 * behind it (by default its only endpoint), or a store's {@code write} — and once the target has answered it,
 * the key the request carries is dropped from the cache ({@code invalidate}, as cache-aside code deletes the key
 * after committing) or stored in it ({@code write-through}). A write the target fails leaves the cache as it was
 * and fails the caller's request as {@code dependency}.
 *
 * @param policy   {@code invalidate} or {@code write-through}
 * @param endpoint the endpoint of the service behind the miss target that takes the writes
 */
public record WritesSpec(Policy policy, String endpoint) {

    /** A write's effect on the cached key. */
    public enum Policy {
        /** The key is removed: the next read of it misses and fills it again. */
        INVALIDATE("invalidate"),
        /** The key is stored, as a fill: the next read of it hits. */
        WRITE_THROUGH("write-through");

        private final String yamlName;

        Policy(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name as written in YAML. */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }
    }

    public WritesSpec {
        FieldError.require(policy, "policy");
        if (endpoint != null && endpoint.isBlank()) {
            throw new FieldError("endpoint", "an empty endpoint name: name the endpoint of the miss target that takes writes");
        }
    }
}
