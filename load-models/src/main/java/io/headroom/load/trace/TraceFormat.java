package io.headroom.load.trace;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a trace file holds: a request series in CSV, or an access log in Common/Combined Log Format. */
public enum TraceFormat {
    /** A header row naming the columns, then one row per time window: its start time and a count or a rate. */
    CSV("csv"),
    /** One logged request per line: {@code host ident user [01/Jul/1995:00:00:01 -0400] "GET /path HTTP/1.0" status bytes}. */
    CLF("clf");

    private final String yamlName;

    TraceFormat(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in YAML (and in results). */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}
