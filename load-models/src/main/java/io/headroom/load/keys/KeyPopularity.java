package io.headroom.load.keys;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;

/**
 * Which keys requests ask for (a product id, a user id): what caches hit and shards receive.
 * {@code keys: {distribution: zipf, items: 1000000, exponent: 0.99}}. Keys are the integers
 * {@code 0 .. items-1}; {@link KeySampler} draws them.
 *
 * <ul>
 *   <li>{@code uniform}: {@code items} only.
 *   <li>{@code zipf}, {@code scrambled-zipf}: {@code items} (at most 2<sup>53</sup>) and {@code exponent} (≥ 0;
 *       0 is uniform).
 *   <li>{@code hotspot}: {@code items} (at least 2), {@code hot-keys} and {@code hot-requests}, each strictly
 *       between 0 and 1; {@code hot-keys × items}, rounded, must leave at least one hot and one cold key.
 * </ul>
 * A key that does not apply to the distribution is refused rather than ignored, so that
 * {@code {distribution: uniform, exponent: 1.2}} cannot silently mean something else than intended.
 *
 * @param distribution how popular each key is
 * @param items        how many distinct keys there are
 * @param exponent     zipf's skew (0.99 is typical of web objects; 0 is uniform)
 * @param hotKeys      hotspot: the fraction of keys that are hot
 * @param hotRequests  hotspot: the fraction of requests that go to hot keys
 */
public record KeyPopularity(Distribution distribution, @AtMost(value = Limits.KEYS, why = Limits.KEYS_WHY) Long items, @AtMost(value = Limits.FACTOR, why = Limits.FACTOR_WHY) Double exponent,
                            @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double hotKeys,
                            @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double hotRequests) {

    /** The most items a zipf distribution may have, 2^53: ranks are drawn in double precision. */
    public static final long MAX_ZIPF_ITEMS = 1L << 53;

    /** Key popularity laws. */
    public enum Distribution {
        /** Every key equally likely. */
        UNIFORM("uniform"),
        /** Key of rank k with probability ∝ 1 / k^exponent; rank 1 is key 0. */
        ZIPF("zipf"),
        /** Zipf popularity, with ranks scattered over the key space by a fixed permutation (YCSB's "scrambled zipfian"). */
        SCRAMBLED_ZIPF("scrambled-zipf"),
        /** A fraction of hot keys (the first ones) gets a fraction of requests, uniformly within each group. */
        HOTSPOT("hotspot");

        private final String yamlName;

        Distribution(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name as written in YAML (and in results). */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }

    }

    public KeyPopularity {
        FieldError.require(distribution, "distribution");
        if (FieldError.require(items, "items") < 1) {
            throw new FieldError("items", "must be at least 1, got " + items);
        }
        switch (distribution) {
            case UNIFORM -> {
                notFor(distribution, exponent, "exponent");
                notFor(distribution, hotKeys, "hot-keys");
                notFor(distribution, hotRequests, "hot-requests");
            }
            case ZIPF, SCRAMBLED_ZIPF -> {
                notFor(distribution, hotKeys, "hot-keys");
                notFor(distribution, hotRequests, "hot-requests");
                FieldError.require(exponent, "exponent");
                if (!(exponent >= 0) || exponent.isInfinite()) {
                    throw new FieldError("exponent", "must be zero (uniform) or positive, e.g. 0.99, got " + FieldError.number(exponent));
                }
                if (items > MAX_ZIPF_ITEMS) {
                    throw new FieldError("items", distribution.yamlName() + " supports at most " + MAX_ZIPF_ITEMS + " items, got " + items);
                }
            }
            case HOTSPOT -> {
                notFor(distribution, exponent, "exponent");
                fraction(hotKeys, "hot-keys");
                fraction(hotRequests, "hot-requests");
                if (items < 2) {
                    throw new FieldError("items", "a hotspot needs at least 2 items (one hot, one cold), got " + items);
                }
                long hot = hotCount(hotKeys, items);
                if (hot < 1 || hot >= items) {
                    throw new FieldError("hot-keys", "hot-keys " + FieldError.number(hotKeys) + " of " + items + " items is "
                            + hot + " hot key(s); it must leave at least one hot and one cold key");
                }
            }
            default -> throw new IllegalStateException(distribution.toString());
        }
    }

    /** hotspot: how many keys are hot — {@code round(hotKeys × items)}; they are keys {@code 0 .. hotCount()-1}. */
    public long hotCount() {
        return hotCount(hotKeys, items);
    }

    private static long hotCount(double hotKeys, long items) {
        return Math.round(hotKeys * items);
    }

    private static void notFor(Distribution d, Object value, String field) {
        if (value != null) {
            String applies = switch (field) {
                case "exponent" -> "only to zipf and scrambled-zipf";
                default -> "only to hotspot";
            };
            throw new FieldError(field, "'" + field + "' does not apply to distribution " + d.yamlName() + " (it applies "
                    + applies + "); remove it or change the distribution");
        }
    }

    private static void fraction(Double value, String field) {
        FieldError.require(value, field);
        if (!(value > 0 && value < 1)) {
            throw new FieldError(field, "must be a fraction strictly between 0 and 1, e.g. 0.2, got " + FieldError.number(value)
                    + Fraction.hint(value));
        }
    }
}
