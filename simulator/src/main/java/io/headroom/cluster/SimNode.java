package io.headroom.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A node in the autoscaler's simulation (its {@code ClusterSnapshot}'s {@code NodeInfo}): what is requested
 * of it by the pods the simulation has on it. Built from a real {@link Node} it holds that node's
 * non-expendable pods (the autoscaler's snapshot leaves expendable pods out, so they neither count nor take
 * room); built from a group's template it starts empty. Placing a pod here changes only the simulation.
 */
final class SimNode {
    final Node node;
    final int pool;
    final NodeShape allocatable;
    final List<Pod> pods = new ArrayList<>();
    long cpu;
    long memory;

    private SimNode(Node node, int pool, NodeShape allocatable) {
        this.node = node;
        this.pool = pool;
        this.allocatable = allocatable;
    }

    /** {@code n} with its pods at or above the expendable cutoff. */
    static SimNode of(Node n, AutoscalerSettings settings) {
        SimNode s = new SimNode(n, n.pool(), n.allocatable());
        for (Pod p : n.pods()) {
            if (!settings.expendable(p)) {
                s.add(p);
            }
        }
        return s;
    }

    /** A node not yet Ready (or not yet launched), as the autoscaler pictures it: empty. */
    static SimNode empty(Node n) {
        return new SimNode(n, n.pool(), n.allocatable());
    }

    /** A new node of {@code shape} in pool {@code pool}, for the estimator. */
    static SimNode template(int pool, NodeShape shape) {
        return new SimNode(null, pool, shape);
    }

    /** The NodeResourcesFit filter and the pod-count limit, as {@link Node#fits}. */
    boolean fits(Pod p) {
        return p.selects(pool) && pods.size() < allocatable.maxPods()
                && cpu + p.cpuMilli() <= allocatable.cpuMilli()
                && memory + p.memoryBytes() <= allocatable.memoryBytes();
    }

    void add(Pod p) {
        pods.add(p);
        cpu += p.cpuMilli();
        memory += p.memoryBytes();
    }

    void remove(Pod p) {
        pods.remove(p);
        cpu -= p.cpuMilli();
        memory -= p.memoryBytes();
    }

    /**
     * The autoscaler's utilisation ({@code simulator/utilization/info.go}, {@code Calculate}): the larger of
     * requested CPU over allocatable and requested memory over allocatable, of the pods counted here.
     */
    double utilization() {
        double c = (double) cpu / allocatable.cpuMilli();
        double m = (double) memory / allocatable.memoryBytes();
        return c > m ? c : m;
    }

    /** The index of the first of {@code nodes} {@code p} fits, or -1. */
    static int firstFit(List<SimNode> nodes, Pod p) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).fits(p)) {
                return i;
            }
        }
        return -1;
    }
}
