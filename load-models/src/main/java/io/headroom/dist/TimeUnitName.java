package io.headroom.dist;

import com.fasterxml.jackson.annotation.JsonValue;

/** The unit of bare numbers that stand for time (lognormal {@code mu}, empirical sample files). */
public enum TimeUnitName {
    NS("ns", 1e-9),
    US("us", 1e-6),
    MS("ms", 1e-3),
    S("s", 1.0),
    M("m", 60.0),
    H("h", 3600.0);

    private final String yamlName;
    private final double seconds;

    TimeUnitName(String yamlName, double seconds) {
        this.yamlName = yamlName;
        this.seconds = seconds;
    }

    /** How many seconds one of this unit is. */
    public double seconds() {
        return seconds;
    }

    /** The name as written in YAML (and in results). */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
