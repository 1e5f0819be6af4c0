package io.headroom.cluster;

/**
 * One thing that happened in the cluster, as {@code cluster-events.csv} lists it: at {@code tNs}, an event
 * {@code kind} about a node (its pool and id) or a pod (its owner and id, and the node it is on).
 *
 * <p>Kinds: {@code node-launched}, {@code node-ready}, {@code node-draining}, {@code node-deleted}
 * ({@code detail}: empty, drained or provision-timeout), {@code pod-pending}, {@code pod-bound}, {@code pod-running},
 * {@code pod-ready}, {@code pod-evicted}, {@code pod-preempted}, {@code pod-deleted}, {@code scale-up}, and
 * {@code pod-request} (a pod created with the CPU request a VPA in Initial mode set: the detail), {@code pod-resized}
 * (a VPA's in-place resize done, without a restart: {@code 500m -> 230m}), {@code pod-resize-deferred} and
 * {@code pod-resize-infeasible} (the kubelet could not do it yet, or cannot on this node), and
 * {@code node-interrupted} (a spot notice; the node is reclaimed two minutes later: {@code node-deleted spot-reclaimed}).
 */
public record ClusterEvent(long tNs, String kind, String pool, int node, String owner, int pod, String detail) {
}
