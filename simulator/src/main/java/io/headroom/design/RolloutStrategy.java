package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.FieldError;

/**
 * How a new version replaces the running one: {@code rolling-update} and {@code recreate} as a Kubernetes Deployment
 * does them, {@code blue-green} and {@code canary} as Argo Rollouts does, {@code instance-refresh} as an EC2 Auto
 * Scaling group's instance refresh.
 */
public enum RolloutStrategy {
    ROLLING_UPDATE("rolling-update"), RECREATE("recreate"), BLUE_GREEN("blue-green"), CANARY("canary"),
    INSTANCE_REFRESH("instance-refresh");

    private final String key;

    RolloutStrategy(String key) {
        this.key = key;
    }

    /** The name as written in YAML and in results. */
    public String key() {
        return key;
    }

    @JsonCreator
    public static RolloutStrategy of(String s) {
        for (RolloutStrategy v : values()) {
            if (v.key.equals(s)) {
                return v;
            }
        }
        throw new FieldError("", "unknown strategy '" + s + "': rolling-update, recreate, blue-green, canary or instance-refresh");
    }
}
