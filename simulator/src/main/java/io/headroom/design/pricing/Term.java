package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonValue;

/** The length of a commitment (reserved instance or savings plan): one or three years. */
public enum Term {
    ONE_YEAR("1y"),
    THREE_YEARS("3y");

    private final String key;

    Term(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }
}
