package io.headroom.design.pricing;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * What one storage class costs, in AWS's terms: stored data per GB-month (a GB is 2<sup>30</sup>
 * bytes; a month 730 hours), provisioned IOPS and throughput per month above what the class includes
 * ({@code included-iops} up to {@code large-from-gb} of size, {@code included-iops-large} from it: RDS
 * gp3's baseline of 3,000 IOPS rises to 12,000 at 400 GB), data retrieved per GB, lifecycle
 * transitions into the class per 1,000 objects, and I/O per million requests (Aurora Standard).
 * Every field but {@code usd-per-gb-month} is optional (0: not charged).
 */
public record StoragePrice(@AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerGbMonth,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double includedIops,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double includedIopsLarge,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double largeFromGb,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerIopsMonth,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double includedThroughputMbps,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double includedThroughputMbpsLarge,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerMbpsMonth,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double retrievalUsdPerGb,
                           @com.fasterxml.jackson.annotation.JsonProperty("transition-usd-per-1000") @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double transitionUsdPer1000,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerMillionIos,
                           @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double minimumDays) {
    public StoragePrice {
        FieldError.nonNegative(FieldError.require(usdPerGbMonth, "usd-per-gb-month"), "usd-per-gb-month");
        includedIops = orZero(includedIops, "included-iops");
        includedIopsLarge = includedIopsLarge == null ? includedIops : orZero(includedIopsLarge, "included-iops-large");
        largeFromGb = largeFromGb == null ? Double.POSITIVE_INFINITY : orZero(largeFromGb, "large-from-gb");
        usdPerIopsMonth = orZero(usdPerIopsMonth, "usd-per-iops-month");
        includedThroughputMbps = orZero(includedThroughputMbps, "included-throughput-mbps");
        includedThroughputMbpsLarge = includedThroughputMbpsLarge == null ? includedThroughputMbps
                : orZero(includedThroughputMbpsLarge, "included-throughput-mbps-large");
        usdPerMbpsMonth = orZero(usdPerMbpsMonth, "usd-per-mbps-month");
        retrievalUsdPerGb = orZero(retrievalUsdPerGb, "retrieval-usd-per-gb");
        transitionUsdPer1000 = orZero(transitionUsdPer1000, "transition-usd-per-1000");
        usdPerMillionIos = orZero(usdPerMillionIos, "usd-per-million-ios");
        minimumDays = orZero(minimumDays, "minimum-days");
    }

    /** A class priced by size only. */
    public static StoragePrice perGbMonth(double usd) {
        return new StoragePrice(usd, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static double orZero(Double v, String key) {
        return v == null ? 0 : FieldError.nonNegative(v, key);
    }

    /** IOPS the class includes for a volume of {@code gb}. */
    public double includedIopsAt(double gb) {
        return gb >= largeFromGb ? includedIopsLarge : includedIops;
    }

    /** Throughput (MB/s) the class includes for a volume of {@code gb}. */
    public double includedThroughputAt(double gb) {
        return gb >= largeFromGb ? includedThroughputMbpsLarge : includedThroughputMbps;
    }
}
