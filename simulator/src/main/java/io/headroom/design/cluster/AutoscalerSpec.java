package io.headroom.design.cluster;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The cluster's node autoscaler: {@code kind: cluster-autoscaler} (the default) or {@code none} (pools keep their
 * initial nodes). Names and defaults are cluster-autoscaler's flags: {@code scan-interval} (10s), {@code expander}
 * ({@code least-waste}; also {@code random}, {@code most-pods}, {@code price}, {@code priority} — whose
 * {@code priorities} map a priority to regular expressions over pool names, as the expander's ConfigMap does),
 * {@code max-node-provision-time} (15m), {@code expendable-pods-priority-cutoff} (-10), {@code max-nodes-total}
 * (0, no limit) and {@code scale-down}. With {@code kind: karpenter} the pools with a {@code nodepool} are Karpenter's
 * (see docs/karpenter.md) and the only key is {@code batch} ({@code idle}, default 1s; {@code max}, default 10s: the
 * provisioner's {@code BATCH_IDLE_DURATION} and {@code BATCH_MAX_DURATION}); the other pools keep their nodes.
 */
public record AutoscalerSpec(String kind, Duration scanInterval, String expander,
                             @AtMost(value = Limits.PRIORITY, why = Limits.PRIORITY_WHY, byRecord = true) Map<Integer, List<String>> priorities,
                             Duration maxNodeProvisionTime,
                             @AtMost(value = Limits.PRIORITY, why = Limits.PRIORITY_WHY) Integer expendablePodsPriorityCutoff,
                             @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer maxNodesTotal,
                             ScaleDownSpec scaleDown, BatchSpec batch) {
    public static final List<String> EXPANDERS = List.of("least-waste", "random", "most-pods", "price", "priority");
    public static final AutoscalerSpec DEFAULT = new AutoscalerSpec(null, null, null, null, null, null, null, null, null);

    /** Karpenter's batching window for pending pods. */
    public record BatchSpec(Duration idle, Duration max) {
        public BatchSpec {
            idle = idle == null ? Duration.ofSeconds(1) : FieldError.positive(idle, "idle");
            max = max == null ? Duration.ofSeconds(10) : FieldError.positive(max, "max");
        }
    }

    public AutoscalerSpec {
        kind = kind == null ? "cluster-autoscaler" : kind;
        if (!kind.equals("cluster-autoscaler") && !kind.equals("none") && !kind.equals("karpenter")) {
            throw new FieldError("kind", "unknown autoscaler '" + kind + "': cluster-autoscaler (the default), karpenter or none");
        }
        if (kind.equals("karpenter")) {
            Object[] caOnly = {"scan-interval", scanInterval, "expander", expander, "priorities", priorities, "max-node-provision-time",
                    maxNodeProvisionTime, "expendable-pods-priority-cutoff", expendablePodsPriorityCutoff, "max-nodes-total",
                    maxNodesTotal, "scale-down", scaleDown};
            for (int i = 0; i < caOnly.length; i += 2) {
                if (caOnly[i + 1] != null) {
                    throw new FieldError((String) caOnly[i], caOnly[i] + " is a cluster-autoscaler setting: Karpenter takes batch here,"
                            + " and limits and disruption in each NodePool");
                }
            }
        } else if (batch != null) {
            throw new FieldError("batch", "batch is Karpenter's: set kind: karpenter, or remove batch");
        }
        batch = batch == null ? new BatchSpec(null, null) : batch;
        scanInterval = scanInterval == null ? Duration.ofSeconds(10) : FieldError.positive(scanInterval, "scan-interval");
        expander = expander == null ? "least-waste" : expander;
        if (!EXPANDERS.contains(expander)) {
            throw new FieldError("expander", "unknown expander '" + expander + "': one of " + String.join(", ", EXPANDERS));
        }
        if (priorities != null && !expander.equals("priority")) {
            throw new FieldError("priorities", "priorities are read by the priority expander only: set expander: priority");
        }
        if (expander.equals("priority") && (priorities == null || priorities.isEmpty())) {
            throw new FieldError("priorities", "the priority expander needs priorities, e.g. priorities: {10: [\".*\"], 50: [\"spot-.*\"]}");
        }
        priorities = priorities == null ? Map.of() : priorities;
        for (Map.Entry<Integer, List<String>> e : priorities.entrySet()) {
            if (e.getKey() != null && e.getKey() > Integer.parseInt(Limits.PRIORITY)) {
                throw new FieldError("priorities." + e.getKey(), "at most " + Limits.PRIORITY + ": " + Limits.PRIORITY_WHY);
            }
            if (e.getValue() == null || e.getValue().isEmpty() || e.getValue().contains(null)) {
                throw new FieldError("priorities." + e.getKey(), "give the node pools of priority " + e.getKey()
                        + " as regular expressions over their names, e.g. [\"spot-.*\"]");
            }
        }
        priorities = Map.copyOf(priorities);
        maxNodeProvisionTime = maxNodeProvisionTime == null ? Duration.ofMinutes(15)
                : FieldError.positive(maxNodeProvisionTime, "max-node-provision-time");
        expendablePodsPriorityCutoff = expendablePodsPriorityCutoff == null ? -10 : expendablePodsPriorityCutoff;
        maxNodesTotal = maxNodesTotal == null ? 0 : maxNodesTotal;
        if (maxNodesTotal < 0) {
            throw new FieldError("max-nodes-total", "must be zero (no limit) or more");
        }
        scaleDown = scaleDown == null ? ScaleDownSpec.DEFAULT : scaleDown;
    }

    /** Whether the Cluster Autoscaler runs. */
    public boolean active() {
        return kind.equals("cluster-autoscaler");
    }

    /** Whether Karpenter runs. */
    public boolean karpenter() {
        return kind.equals("karpenter");
    }
}
