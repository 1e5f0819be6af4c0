package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The length of a commitment (reserved instance or savings plan): one or three years. */
public enum Term {
    @JsonProperty("1y") ONE_YEAR("1y"),
    @JsonProperty("3y") THREE_YEARS("3y");

    private final String key;

    Term(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
