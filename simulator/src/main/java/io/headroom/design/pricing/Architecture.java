package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A serverless function's processor architecture; Lambda prices a GB-second on Graviton (arm64) lower. */
public enum Architecture {
    @JsonProperty("x86_64") X86_64("x86_64"),
    @JsonProperty("arm64") ARM64("arm64");

    private final String key;

    Architecture(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
