package io.headroom.design;

import io.headroom.design.region.FailoverRecords;
import io.headroom.design.region.HealthCheckSpec;
import io.headroom.design.region.RoutingPolicy;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A global router, as Amazon Route 53 answers for one name with a record per region: each user population is sent to
 * a region of the regional {@code target} by the routing {@code policy} among the records whose {@code health-check}
 * passes (all of them when none does, as Route 53 answers). Resolvers keep an answer for the record's {@code ttl}
 * (default {@value #DEFAULT_TTL_TEXT}), so when the answer changes the old one fades out over the TTL. A request from a
 * population served in another region pays the round trip between them.
 *
 * @param weights     {@code weighted}: each region's weight (Route 53: 0 to 255)
 * @param geolocation {@code geolocation}: the region serving each population; {@code default} for the others
 * @param failover    {@code failover}: the primary and secondary regions
 */
public record GlobalRouterSpec(String description, RoutingPolicy policy, String target, Duration ttl, HealthCheckSpec healthCheck,
                               @AtMost(value = "255", why = "Route 53 accepts record weights of 0 to 255") Map<String, Integer> weights,
                               Map<String, String> geolocation, FailoverRecords failover) implements ComponentSpec {
    public static final String DEFAULT_TTL_TEXT = "60s";
    /** The TTL when none is written: Route 53's alias records to a load balancer use 60 s. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    public GlobalRouterSpec {
        if (policy == null) {
            throw new FieldError("policy", "give the routing policy: latency, geolocation, weighted or failover");
        }
        FieldError.require(target, "target");
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        if (ttl.isNegative()) {
            throw new FieldError("ttl", "a TTL is zero or more");
        }
        weights = weights == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        geolocation = geolocation == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(geolocation));
        only(policy, RoutingPolicy.WEIGHTED, weights, "weights", "{us-east-1: 70, eu-west-1: 30}");
        only(policy, RoutingPolicy.GEOLOCATION, geolocation, "geolocation", "{eu-west-1: eu-west-1, default: us-east-1}");
        only(policy, RoutingPolicy.FAILOVER, failover, "failover", "{primary: us-east-1, secondary: eu-west-1}");
        if (weights != null) { // all 0: every record alike, as Route 53 answers
            for (Map.Entry<String, Integer> w : weights.entrySet()) {
                if (w.getValue() == null || w.getValue() < 0 || w.getValue() > 255) {
                    throw new FieldError("weights." + w.getKey(), "Route 53 takes a weight of 0 to 255, got " + w.getValue());
                }
            }
        }
    }

    private static void only(RoutingPolicy policy, RoutingPolicy owner, Object value, String key, String example) {
        if (policy == owner && value == null) {
            throw new FieldError(key, "policy " + owner.yamlName() + " needs " + key + ", e.g. " + key + ": " + example);
        }
        if (policy != owner && value != null) {
            throw new FieldError(key, key + " applies to policy " + owner.yamlName() + ", not " + policy.yamlName());
        }
    }

    /** The health checks: as written, Route 53's defaults when the block is empty; null when none is written (records always healthy). */
    public HealthCheckSpec healthCheck() {
        return healthCheck;
    }

    /** The TTL in nanoseconds. */
    public long ttlNanos() {
        return ttl.toNanos();
    }
}
