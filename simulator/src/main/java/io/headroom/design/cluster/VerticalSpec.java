package io.headroom.design.cluster;

import io.headroom.yaml.FieldError;
import java.util.List;

/**
 * A service's {@code vertical:} block: a Vertical Pod Autoscaler over its pods ({@code policy: vpa}). The
 * recommender watches each pod's CPU use every minute and recommends a CPU request (target, lower and upper bound).
 * {@code update-mode} is upstream's: {@code Off} (recommendations only, reported) or {@code Initial} (a pod created
 * after a recommendation exists requests its target). {@code Recreate} and {@code InPlaceOrRecreate}, which evict or
 * resize running pods, are not modelled yet and are refused.
 */
public record VerticalSpec(String policy, String updateMode) {
    public static final List<String> MODES = List.of("Off", "Initial");

    public VerticalSpec {
        policy = policy == null ? "vpa" : policy;
        if (!policy.equals("vpa")) {
            throw new FieldError("policy", "unknown vertical policy '" + policy + "': vpa");
        }
        // an unquoted Off is YAML 1.1's false (Kubernetes' own manifests quote it: updateMode: "Off"); read it as meant
        updateMode = updateMode == null || updateMode.equals("false") ? "Off" : updateMode;
        if (updateMode.equals("Recreate") || updateMode.equals("InPlaceOrRecreate") || updateMode.equals("Auto")) {
            throw new FieldError("update-mode", "update-mode " + updateMode + " (evicting or resizing running pods) is not modelled"
                    + " yet: use Off (recommendations only) or Initial (new pods request the recommendation)");
        }
        if (!MODES.contains(updateMode)) {
            throw new FieldError("update-mode", "unknown update-mode '" + updateMode + "': Off or Initial");
        }
    }

    /** Whether new pods take the recommendation as their CPU request. */
    public boolean setsRequests() {
        return updateMode.equals("Initial");
    }
}
