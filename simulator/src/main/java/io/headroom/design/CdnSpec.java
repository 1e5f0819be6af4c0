package io.headroom.design;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.cache.Eviction;
import io.headroom.design.cache.EvictionConfig;
import io.headroom.design.cache.ItemSizeSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.time.Duration;

/**
 * A content delivery network (Amazon CloudFront): an edge cache near each user population (one without
 * {@code regions}), each holding {@code capacity} keys (or {@code memory} bytes with each key's {@code item-size}),
 * evicted as a cache's are ({@code eviction}, {@code lru} by default, or {@code lfu} or {@code ttl}). A request's key
 * is looked up at its population's edge: a hit answers after {@code hit-latency} (the edge's latency); a miss goes to
 * the {@code origin} (its {@code origin-endpoint}, by default the request's own endpoint when the CDN is the entry, or
 * the origin's only one) and, answered, fills the edge. Billed per request an edge receives and per GB it sends back
 * (the response-size of the request's endpoint), at the catalogue's {@code cdn:} prices; {@code price-class} is
 * CloudFront's (recorded; every edge is priced at the catalogue's one rate). As the entry, {@code pass} names the
 * endpoints it does not cache (CloudFront behaviours with caching disabled: a checkout, a login): those requests go on
 * to the origin, billed as any other, and are not in the hit ratio.
 *
 * @param description free text for people reading the design
 * @param origin the component misses go to
 * @param originEndpoint the origin's endpoint that serves misses (default: the request's own as the entry, else the
 *                 origin's only one)
 * @param eviction how keys leave an edge: lru (default), lfu or ttl
 * @param capacity keys each edge holds (or memory: bytes, with item-size)
 * @param ttl with eviction ttl: how long a key stays
 * @param memory each edge's size in bytes instead of capacity, with each key's item-size
 * @param itemSize the size of one key's item, drawn once per key
 * @param hitLatency the time an edge takes to answer a hit
 * @param priceClass CloudFront's price class (recorded; every edge is priced at the catalogue's one rate)
 * @param pass as the entry: the endpoints it does not cache, sent on to the origin
 */
public record CdnSpec(String description, String origin, String originEndpoint, Eviction eviction,
                      @AtMost(value = Limits.CACHE_KEYS, why = Limits.CACHE_KEYS_WHY) Integer capacity, Duration ttl,
                      @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long memory,
                      ItemSizeSpec itemSize, DistributionSpec hitLatency, String priceClass, java.util.List<String> pass)
        implements ComponentSpec {

    /** A CDN that caches every endpoint. */
    public CdnSpec(String description, String origin, String originEndpoint, Eviction eviction, Integer capacity, Duration ttl, Long memory,
                   ItemSizeSpec itemSize, DistributionSpec hitLatency, String priceClass) {
        this(description, origin, originEndpoint, eviction, capacity, ttl, memory, itemSize, hitLatency, priceClass, null);
    }

    public CdnSpec {
        pass = pass == null ? java.util.List.of() : java.util.List.copyOf(pass);
        FieldError.require(origin, "origin");
        eviction = eviction == null ? Eviction.LRU : eviction;
        if (eviction == Eviction.FIXED_HIT_RATIO) {
            throw new FieldError("eviction", "a cdn's edges hold the keys they are asked for: eviction lru, lfu or ttl");
        }
        new EvictionConfig(eviction, capacity, ttl, null, memory, itemSize);
        FieldError.require(hitLatency, "hit-latency");
    }

    /** What each edge holds (the FieldErrors name the YAML keys). */
    public EvictionConfig evictionConfig() {
        return new EvictionConfig(eviction, capacity, ttl, null, memory, itemSize);
    }
}
