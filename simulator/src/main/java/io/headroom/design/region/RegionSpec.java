package io.headroom.design.region;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One region of a design: the share of the users who are nearest to it ({@code users}, a fraction or a percentage;
 * the population a global router and a CDN edge serve), the round-trip times from it to other regions where they
 * differ from the bundled table ({@code round-trips: {us-east-1: 70ms}}), and its scheduled {@code outages}.
 */
public record RegionSpec(@AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true)
                         @JsonDeserialize(using = Fraction.Deserializer.class) Double users,
                         Map<String, Duration> roundTrips, List<RegionOutage> outages) {
    public RegionSpec {
        users = users == null ? 0.0 : users;
        if (!(users >= 0 && users <= 1)) {
            throw new FieldError("users", "a share of the users is between 0 and 1 (or 0% and 100%), got "
                    + FieldError.number(users) + Fraction.hint(users));
        }
        roundTrips = roundTrips == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roundTrips));
        for (Map.Entry<String, Duration> e : roundTrips.entrySet()) {
            if (e.getValue() == null) {
                throw new FieldError("round-trips." + e.getKey(), "give the round-trip time, e.g. " + e.getKey() + ": 70ms");
            }
            if (e.getValue().isNegative()) {
                throw new FieldError("round-trips." + e.getKey(), "a round-trip time is zero or more");
            }
        }
        outages = outages == null ? List.of() : List.copyOf(outages);
        for (int k = 0; k < outages.size(); k++) {
            if (outages.get(k) == null) {
                throw new FieldError("outages[" + k + "]", "an empty outage: e.g. {at: 20m, for: 30m}");
            }
        }
    }
}
