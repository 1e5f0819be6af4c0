package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.FieldError;

/**
 * How a canary's weight reaches the users. {@code replicas} (the default): by pod counts, as Argo Rollouts does without
 * a traffic router — the canary gets the share of ready pods it has (5 % of 10 pods is one pod, 10 % of the traffic).
 * {@code exact}: a traffic router (a mesh, an ingress) sends exactly the weight to the canary's pods, whatever their
 * count.
 */
public enum TrafficRouting {
    REPLICAS, EXACT;

    @JsonCreator
    public static TrafficRouting of(String s) {
        return switch (s) {
            case "replicas" -> REPLICAS;
            case "exact" -> EXACT;
            default -> throw new FieldError("", "unknown traffic-routing '" + s + "': replicas (the weight by pod counts, as Argo"
                    + " Rollouts without a traffic router) or exact (a mesh or ingress sends exactly the weight)");
        };
    }
}
