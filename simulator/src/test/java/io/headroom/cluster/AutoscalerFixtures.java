package io.headroom.cluster;

import java.util.ArrayList;
import java.util.List;

/** Hand-made pods, nodes and node groups for the Cluster Autoscaler's tests. */
final class AutoscalerFixtures {
    static final long GIB = 1024L * 1024 * 1024;
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    /** The autoscaler started long ago: no cool-down from its start ({@code initialScaleTime}). */
    static final long LONG_AGO = -AutoscalerSettings.INITIAL_SCALE_TIME_OFFSET_NS;

    private int nextPod;
    private int nextNode;

    Pod pod(int owner, long cpuMilli, long memoryBytes, int priority, long createdAt) {
        return new Pod(nextPod++, owner, 0, cpuMilli, memoryBytes, priority, createdAt);
    }

    List<Pod> pods(int n, int owner, long cpuMilli, long memoryBytes, long createdAt) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(pod(owner, cpuMilli, memoryBytes, 0, createdAt));
        }
        return pods;
    }

    Node readyNode(int pool, NodeShape shape) {
        Node n = new Node(nextNode++, pool, 0, shape, 0);
        n.ready(0);
        return n;
    }

    Node provisioningNode(int pool, NodeShape shape) {
        return new Node(nextNode++, pool, 0, shape, 0);
    }

    /** A Ready node holding {@code pods} (bound and running). */
    Node readyNode(int pool, NodeShape shape, List<Pod> pods) {
        Node n = readyNode(pool, shape);
        for (Pod p : pods) {
            n.bind(p, 0);
            p.phase(Pod.Phase.RUNNING);
        }
        return n;
    }

    static NodeGroup group(int index, String name, NodeShape shape, int target, int min, int max, double price,
                           int priority) {
        return new NodeGroup(index, name, shape, shape, target, min, max, price, priority, 1);
    }
}
