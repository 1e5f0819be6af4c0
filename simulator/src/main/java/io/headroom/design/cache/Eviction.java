package io.headroom.design.cache;

import com.fasterxml.jackson.annotation.JsonValue;
import io.headroom.yaml.FieldError;
import java.util.Locale;

/** A cache's {@code eviction}: which key a full cache gives up, or how it decides hits at all. */
public enum Eviction {
    /** Least recently used: the key unused for longest goes. {@code io.headroom.cache.LruCache}. */
    LRU("lru"),
    /** Least frequently used, ties to the least recently used; counts kept while cached, no aging. {@code io.headroom.cache.LfuCache}. */
    LFU("lfu"),
    /** Expire after write: an entry is a miss once {@code ttl} old; a full cache drops the oldest write. {@code io.headroom.cache.TtlCache}. */
    TTL("ttl"),
    /** No state: each lookup hits with probability {@code hit-ratio}. {@code io.headroom.cache.FixedHitRatioCache}. */
    FIXED_HIT_RATIO("fixed-hit-ratio");

    private final String yamlName;

    Eviction(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in YAML (and in results). */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }



    /**
     * The eviction named {@code name} as in YAML ({@code lru}, {@code lfu}, {@code ttl}, {@code fixed-hit-ratio});
     * anything else is a {@link FieldError} at {@code eviction} that lists the names.
     */
    public static Eviction fromYaml(String name) {
        FieldError.require(name, "eviction");
        for (Eviction e : values()) {
            if (e.yamlName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new FieldError("eviction", "unknown eviction '" + name + "' (known: lru, lfu, ttl, fixed-hit-ratio)");
    }
}
