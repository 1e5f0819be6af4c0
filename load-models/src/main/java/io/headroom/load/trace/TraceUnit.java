package io.headroom.load.trace;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a trace's time column (and its {@code window}) counts: seconds, minutes or hours. */
public enum TraceUnit {
    S(1, "s"),
    MIN(60, "min"),
    H(3600, "h");

    private final double seconds;
    private final String yamlName;

    TraceUnit(double seconds, String yamlName) {
        this.seconds = seconds;
        this.yamlName = yamlName;
    }

    /** How many seconds one of this unit is. */
    public double seconds() {
        return seconds;
    }

    /** The name as written in YAML. */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
