package io.headroom.design.pricing;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * What data transfer costs per GB, as a cloud bills it to the region the bytes leave: to another region
 * ({@code inter-region-usd-per-gb}) and out to the internet ({@code internet-usd-per-gb}, the first tier of the month's
 * volume: larger volumes are cheaper). Bytes into a region are free.
 */
public record TransferPrices(@AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double interRegionUsdPerGb,
                             @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double internetUsdPerGb) {
    public TransferPrices {
        if (interRegionUsdPerGb != null) {
            FieldError.nonNegative(interRegionUsdPerGb, "inter-region-usd-per-gb");
        }
        if (internetUsdPerGb != null) {
            FieldError.nonNegative(internetUsdPerGb, "internet-usd-per-gb");
        }
    }
}
