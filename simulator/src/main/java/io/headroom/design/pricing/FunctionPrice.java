package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * What a serverless function costs: a price per GB-second of billed duration (memory in GB times
 * the duration rounded up to the millisecond) and a price per million requests.
 */
public record FunctionPrice(double usdPerGbSecond, double usdPerMillionRequests) {
    @JsonCreator
    public static FunctionPrice of(@JsonProperty("usd-per-gb-second") @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerGbSecond,
                                   @JsonProperty("usd-per-million-requests") @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerMillionRequests) {
        return new FunctionPrice(FieldError.nonNegative(usdPerGbSecond, "usd-per-gb-second"),
                FieldError.nonNegative(usdPerMillionRequests, "usd-per-million-requests"));
    }

    /** The price of one request. */
    public double usdPerRequest() {
        return usdPerMillionRequests / 1e6;
    }
}
