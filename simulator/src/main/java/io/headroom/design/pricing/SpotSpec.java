package io.headroom.design.pricing;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;

/**
 * A component's spot terms, overriding the catalogue's: {@code discount}, the fraction off the
 * on-demand price (0.6 pays 40 % of it), and {@code interruptions-per-hour}, the rate at which the
 * cloud reclaims one spot instance (each interruption comes with a two-minute notice).
 */
public record SpotSpec(@AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double discount, @AtMost(value = Limits.RATE, why = Limits.RATE_WHY) Double interruptionsPerHour) {
    public SpotSpec {
        if (discount != null && !(discount >= 0 && discount < 1)) {
            throw new FieldError("discount", "a discount is a fraction from 0 up to (not including) 1, got "
                    + FieldError.number(discount) + Fraction.hint(discount));
        }
        if (interruptionsPerHour != null) {
            FieldError.nonNegative(interruptionsPerHour, "interruptions-per-hour");
        }
    }
}
