package io.headroom.load.k6;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.headroom.yaml.FieldError;

/**
 * One k6 threshold expression, as a string ({@code 'p(99)<300'}) or k6's object form
 * ({@code {threshold: 'p(99)<300', abortOnFail: false}}). A run is not aborted: {@code abortOnFail: true} is refused.
 *
 * @param threshold   the expression, {@code AGGREGATION OPERATOR VALUE}
 * @param abortOnFail k6 stops the test when it fails; the simulator judges at the end only (false or absent)
 */
public record K6Threshold(String threshold, @JsonProperty("abortOnFail") Boolean abortOnFail) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public K6Threshold {
        FieldError.require(threshold, "threshold");
        if (abortOnFail != null && abortOnFail) {
            throw new FieldError("abortOnFail", "a simulated run is judged at its end and is not aborted: drop abortOnFail");
        }
    }

    /** The string form. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static K6Threshold of(String threshold) {
        return new K6Threshold(threshold, null);
    }
}
