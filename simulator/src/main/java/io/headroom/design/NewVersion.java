package io.headroom.design;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deployment's new version changes: per endpoint ({@link EndpointChange}) and in its pods ({@link PodChange}).
 * Without it the new version behaves as the old one: the rollout is a restart.
 */
public record NewVersion(Map<String, EndpointChange> endpoints, PodChange pod) {
    public NewVersion {
        endpoints = endpoints == null ? Map.of() : new LinkedHashMap<>(endpoints);
    }

    /** The same code: a restart. */
    public static final NewVersion SAME = new NewVersion(null, null);

    /** The service's endpoints as the new version has them, in their order. */
    public Map<String, EndpointSpec> applyTo(Map<String, EndpointSpec> base) {
        Map<String, EndpointSpec> out = new LinkedHashMap<>();
        base.forEach((name, spec) -> out.put(name, endpoints.containsKey(name) ? endpoints.get(name).applyTo(spec) : spec));
        return out;
    }

    /** Whether it changes any endpoint. */
    public boolean changesEndpoints() {
        return !endpoints.isEmpty();
    }

    /** This new version with {@code e} as its endpoint changes. */
    public NewVersion withEndpoints(Map<String, EndpointChange> e) {
        return new NewVersion(e, pod);
    }
}
