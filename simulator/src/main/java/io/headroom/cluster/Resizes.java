package io.headroom.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kubelets' side of in-place pod resizes (Kubernetes 1.33+): a bound pod's CPU request is asked to change, and the
 * pod's kubelet admits it as {@code pkg/kubelet/allocation/allocation_manager.go} {@code canResizePod} does —
 * Infeasible when the new request exceeds the node's allocatable CPU, Deferred when it does not fit beside the other
 * pods' requests, else done at once, without restarting the pod. A waiting resize is kept until it is done, replaced by
 * another, or its pod leaves; Deferred ones are retried, in the order they were asked for, whenever room is freed on
 * their node (a pod left it or shrank: the kubelet's {@code RetryPendingResizes} on pods removed and resized; its
 * periodic retry finds nothing more here, where nothing else frees room).
 */
final class Resizes {
    /** Does a resize: changes the pod's request and everything that follows it. */
    interface Apply {
        void resize(Pod p, long cpuMilli, long now);
    }

    private record Waiting(long cpuMilli, Cluster.Resize status) {
    }

    private final Map<Pod, Waiting> waiting = new LinkedHashMap<>();
    private final Apply apply;

    Resizes(Apply apply) {
        this.apply = apply;
    }

    /** The kubelet's answer to resizing bound pod {@code p} to {@code cpuMilli}; done at once when it is DONE. */
    Cluster.Resize ask(Pod p, long cpuMilli, long now) {
        waiting.remove(p);
        Node n = p.node();
        long room = n.allocatable().cpuMilli() - (n.requestedCpuMilli() - p.cpuMilli());
        Cluster.Resize r = cpuMilli > n.allocatable().cpuMilli() ? Cluster.Resize.INFEASIBLE
                : cpuMilli > room ? Cluster.Resize.DEFERRED : Cluster.Resize.DONE;
        if (r == Cluster.Resize.DONE) {
            apply.resize(p, cpuMilli, now);
        } else {
            waiting.put(p, new Waiting(cpuMilli, r));
        }
        return r;
    }

    /** Why {@code p}'s last resize waits, or null when none does. */
    Cluster.Resize waiting(Pod p) {
        Waiting w = waiting.get(p);
        return w == null ? null : w.status();
    }

    /** Pod {@code p} left node {@code n}: its own resize is dropped, and the room it freed is offered to the others. */
    void left(Pod p, Node n, long now) {
        if (!waiting.isEmpty()) {
            waiting.remove(p);
            retry(n, now);
        }
    }

    /** Room was freed on node {@code n}: its Deferred resizes that now fit are done, oldest first. */
    void retry(Node n, long now) {
        for (Map.Entry<Pod, Waiting> e : new ArrayList<>(waiting.entrySet())) {
            Pod q = e.getKey();
            Waiting w = e.getValue();
            if (q.node() == n && w.status() == Cluster.Resize.DEFERRED && waiting.get(q) == w
                    && n.requestedCpuMilli() - q.cpuMilli() + w.cpuMilli() <= n.allocatable().cpuMilli()) {
                waiting.remove(q);
                apply.resize(q, w.cpuMilli(), now);
            }
        }
    }
}
