package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonValue;

/** A serverless function's processor architecture; Lambda prices a GB-second on Graviton (arm64) lower. */
public enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String key;

    Architecture(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }
}
