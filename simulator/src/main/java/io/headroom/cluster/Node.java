package io.headroom.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A node of a pool: launched at a time, Ready after its provisioning time, then Deleting once the
 * autoscaler has chosen to remove it (tainted: nothing new is placed there). It keeps the pods bound to
 * it and the sums of their requests, as the scheduler's {@code NodeInfo} does: {@code requested} (what
 * filtering checks against allocatable) and {@code nonZeroRequested} (what scoring uses, with a pod's
 * unset request counted as the defaults of {@link Pod}).
 */
public final class Node {
    /** The states a node moves through. */
    public enum State { PROVISIONING, READY, DELETING, GONE }

    private final int id;
    private final int pool;
    private final int zone;
    private final NodeShape allocatable;
    private final long launchedAt;
    private final int offering;
    private long readyAt = -1;
    private long podsChangedAt = -1;
    private State state = State.PROVISIONING;
    private long requestedCpu;
    private long requestedMemory;
    private long nonZeroCpu;
    private long nonZeroMemory;
    private final List<Pod> pods = new ArrayList<>();

    public Node(int id, int pool, int zone, NodeShape allocatable, long launchedAt) {
        this(id, pool, zone, allocatable, launchedAt, -1);
    }

    /** @param offering which of its pool's instance offerings it is (a Karpenter pool's), -1 in a pool of one type */
    public Node(int id, int pool, int zone, NodeShape allocatable, long launchedAt, int offering) {
        this.offering = offering;
        this.id = id;
        this.pool = pool;
        this.zone = zone;
        this.allocatable = allocatable;
        this.launchedAt = launchedAt;
    }

    public int id() {
        return id;
    }

    /** Its pool's index in the cluster. */
    public int pool() {
        return pool;
    }

    /** Its zone (the {@code topology.kubernetes.io/zone} label), an index into the design's zones. */
    public int zone() {
        return zone;
    }

    public NodeShape allocatable() {
        return allocatable;
    }

    public long launchedAt() {
        return launchedAt;
    }

    public long readyAt() {
        return readyAt;
    }

    /** Which of its pool's instance offerings it is (a Karpenter pool's), -1 in a pool of one type. */
    public int offering() {
        return offering;
    }

    /** When a pod was last bound here or left, -1 if none ever was (Karpenter's {@code lastPodEventTime}). */
    public long podsChangedAt() {
        return podsChangedAt;
    }

    /** A pod left at {@code now}. */
    void podLeft(long now) {
        podsChangedAt = now;
    }

    public State state() {
        return state;
    }

    /** Ready and not being deleted: the scheduler may place pods here. */
    public boolean schedulable() {
        return state == State.READY;
    }

    public void ready(long now) {
        state = State.READY;
        readyAt = now;
    }

    /** Takes the deletion mark off again (a drain that failed): Ready as before. */
    public void uncordon() {
        state = State.READY;
    }

    /** Marks it for deletion (the autoscaler's {@code ToBeDeletedByClusterAutoscaler} taint). */
    public void deleting() {
        state = State.DELETING;
    }

    public void gone() {
        state = State.GONE;
    }

    /** The pods bound to it, in binding order. */
    public List<Pod> pods() {
        return Collections.unmodifiableList(pods);
    }

    public long requestedCpuMilli() {
        return requestedCpu;
    }

    public long requestedMemoryBytes() {
        return requestedMemory;
    }

    public long nonZeroRequestedCpuMilli() {
        return nonZeroCpu;
    }

    public long nonZeroRequestedMemoryBytes() {
        return nonZeroMemory;
    }

    /**
     * The NodeResourcesFit filter (and the pod-count limit, and the pod's node selector): whether {@code p}'s
     * requests fit what the pods here leave unrequested, the node runs fewer pods than its maximum, and it is of
     * the pool the pod selects. Says nothing of the node's state.
     */
    public boolean fits(Pod p) {
        return fitsAfterRemoving(p, 0, 0, 0);
    }

    /** {@link #fits} as if pods requesting {@code freedCpu}, {@code freedMemory} ({@code freedPods} of them) had left. */
    public boolean fitsAfterRemoving(Pod p, long freedCpu, long freedMemory, int freedPods) {
        return p.selects(pool) && pods.size() - freedPods < allocatable.maxPods()
                && requestedCpu - freedCpu + p.cpuMilli() <= allocatable.cpuMilli()
                && requestedMemory - freedMemory + p.memoryBytes() <= allocatable.memoryBytes();
    }

    /** Binds {@code p} here at {@code now}. */
    public void bind(Pod p, long now) {
        pods.add(p);
        requestedCpu += p.cpuMilli();
        requestedMemory += p.memoryBytes();
        nonZeroCpu += p.nonZeroCpuMilli();
        nonZeroMemory += p.nonZeroMemoryBytes();
        podsChangedAt = now;
        p.bind(this, now);
    }

    /** Removes {@code p} (it ended, or was evicted and has terminated). */
    public void release(Pod p) {
        if (!pods.remove(p)) {
            throw new IllegalStateException(p + " is not on node " + id);
        }
        requestedCpu -= p.cpuMilli();
        requestedMemory -= p.memoryBytes();
        nonZeroCpu -= p.nonZeroCpuMilli();
        nonZeroMemory -= p.nonZeroMemoryBytes();
        p.unbind();
    }

    /** Bound pod {@code p}'s CPU request becomes {@code milli} in place (a resize the kubelet admitted). */
    public void resize(Pod p, long milli) {
        if (p.node() != this) {
            throw new IllegalStateException(p + " is not on node " + id);
        }
        requestedCpu += milli - p.cpuMilli();
        nonZeroCpu -= p.nonZeroCpuMilli();
        p.cpuMilli(milli);
        nonZeroCpu += p.nonZeroCpuMilli();
    }

    /** The Cluster Autoscaler's utilisation: the larger of requested CPU and memory over allocatable. */
    public double utilization() {
        return Math.max((double) requestedCpu / allocatable.cpuMilli(), (double) requestedMemory / allocatable.memoryBytes());
    }

    @Override
    public String toString() {
        return "node " + id + " (pool " + pool + ", zone " + zone + ", " + state + ", " + pods.size() + " pods)";
    }
}
