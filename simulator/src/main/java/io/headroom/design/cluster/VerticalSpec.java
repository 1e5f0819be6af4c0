package io.headroom.design.cluster;

import io.headroom.yaml.FieldError;
import java.util.List;

/**
 * A service's {@code vertical:} block: a Vertical Pod Autoscaler over its pods ({@code policy: vpa}). The
 * recommender watches each pod's CPU use every minute and recommends a CPU request (target, lower and upper bound).
 * {@code update-mode} is upstream's: {@code Off} (recommendations only, reported), {@code Initial} (a pod created
 * after a recommendation exists requests its target) or {@code Recreate} (the updater also evicts running pods whose
 * request the recommendation would change; their replacements request it) or {@code InPlaceOrRecreate} (running pods
 * are resized in place, without a restart; evicted as in Recreate when their node cannot hold the new request).
 * {@code Auto}, which upstream deprecates, is refused with the modes to use instead. {@code history} names a CSV of
 * the workload's CPU usage before the run (relative to the design file), which the recommender starts from.
 */
public record VerticalSpec(String policy, String updateMode, String history) {
    public static final List<String> MODES = List.of("Off", "Initial", "Recreate", "InPlaceOrRecreate");

    /** A VPA with no history seed. */
    public VerticalSpec(String policy, String updateMode) {
        this(policy, updateMode, null);
    }

    public VerticalSpec {
        policy = policy == null ? "vpa" : policy;
        if (!policy.equals("vpa")) {
            throw new FieldError("policy", "unknown vertical policy '" + policy + "': vpa");
        }
        // an unquoted Off is YAML 1.1's false (Kubernetes' own manifests quote it: updateMode: "Off"); read it as meant
        updateMode = updateMode == null || updateMode.equals("false") ? "Off" : updateMode;
        if (updateMode.equals("Auto")) {
            throw new FieldError("update-mode", "update-mode Auto is deprecated upstream: write Recreate (pods evicted and"
                    + " recreated with the recommendation) or InPlaceOrRecreate (resized in place where their node allows)");
        }
        if (history != null && history.isBlank()) {
            throw new FieldError("history", "name a CSV file of CPU usage (columns timestamp and cpu), or leave history out");
        }
        if (!MODES.contains(updateMode)) {
            throw new FieldError("update-mode", "unknown update-mode '" + updateMode + "': Off, Initial, Recreate or"
                    + " InPlaceOrRecreate");
        }
    }

    /** Whether new pods take the recommendation as their CPU request (Initial, Recreate). */
    public boolean setsRequests() {
        return !updateMode.equals("Off");
    }

    /** Whether the updater changes running pods' requests (Recreate, InPlaceOrRecreate). */
    public boolean recreates() {
        return updateMode.equals("Recreate") || inPlace();
    }

    /** Whether running pods are resized in place first (InPlaceOrRecreate). */
    public boolean inPlace() {
        return updateMode.equals("InPlaceOrRecreate");
    }
}
