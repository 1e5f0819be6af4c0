package io.headroom.design.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.FieldError;

/**
 * How the pods of one node share its CPU. {@code request} (the default): each pod computes on its own cores (the
 * service's {@code cores}, by default ⌈cpu-request⌉) whatever its neighbours do — the node is never short of CPU.
 * {@code node}: the pods share the node's allocatable cores as the kernel's cpu.shares (cgroup v1) or cpu.weight (v2),
 * which the kubelet sets in proportion to each pod's CPU request, share them — a busy pod uses the cores its
 * neighbours leave idle, and a saturated node gives each pod cores in proportion to its request.
 */
public enum CpuSharing {
    REQUEST, NODE;

    @JsonCreator
    public static CpuSharing of(String s) {
        return switch (s) {
            case "request" -> REQUEST;
            case "node" -> NODE;
            default -> throw new FieldError("", "unknown cpu-sharing '" + s + "': request (the default: each pod on its own cores)"
                    + " or node (the node's cores shared by CPU request)");
        };
    }
}
