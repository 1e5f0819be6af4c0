package io.headroom.dist;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The unit of bare numbers that stand for time (lognormal {@code mu}, empirical sample files). */
public enum TimeUnitName {
    @JsonProperty("ns") NS(1e-9),
    @JsonProperty("us") US(1e-6),
    @JsonProperty("ms") MS(1e-3),
    @JsonProperty("s") S(1.0),
    @JsonProperty("m") M(60.0),
    @JsonProperty("h") H(3600.0);

    private final double seconds;

    TimeUnitName(double seconds) {
        this.seconds = seconds;
    }

    /** How many seconds one of this unit is. */
    public double seconds() {
        return seconds;
    }
}
