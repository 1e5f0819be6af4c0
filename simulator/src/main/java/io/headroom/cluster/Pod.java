package io.headroom.cluster;

/**
 * A pod: its CPU (millicores) and memory (bytes) requests, its priority, the Deployment that owns it
 * ({@code owner}, an index; pods of one owner share a label selector, which topology spreading and
 * PodDisruptionBudgets count by) and where it is in its life: Pending (no node), Starting (bound to a node:
 * image pull, container start, readiness), Running (ready) or Terminating (evicted or scaled in, still on
 * its node until it ends).
 *
 * <p>A pod whose request is 0 still counts, for scoring only, as the scheduler's non-zero defaults
 * ({@link #DEFAULT_CPU_MILLI}, {@link #DEFAULT_MEMORY_BYTES}), as upstream's {@code GetNonzeroRequests}.
 */
public final class Pod {
    /** The states a pod moves through. */
    public enum Phase { PENDING, STARTING, RUNNING, TERMINATING }

    /** kube-scheduler's {@code DefaultMilliCPURequest}: 100m for a container that requests no CPU. */
    public static final long DEFAULT_CPU_MILLI = 100;
    /** kube-scheduler's {@code DefaultMemoryRequest}: 200 MiB for a container that requests no memory. */
    public static final long DEFAULT_MEMORY_BYTES = 200L * 1024 * 1024;

    private final int id;
    private final int owner;
    private long cpuMilli;
    private final long memoryBytes;
    private final int priority;
    private final long createdAt;
    private final int pool;
    private Phase phase = Phase.PENDING;
    private Node node;
    private long boundAt = -1;
    /** The owner's handle on this pod (a fleet's instance slot, a placeholder's index). */
    private final int handle;

    /** A pod that may run on any pool's nodes. */
    public Pod(int id, int owner, int handle, long cpuMilli, long memoryBytes, int priority, long createdAt) {
        this(id, owner, handle, cpuMilli, memoryBytes, priority, createdAt, -1);
    }

    /** A pod that runs only on pool {@code pool}'s nodes (its {@code nodeSelector}), or on any when negative. */
    public Pod(int id, int owner, int handle, long cpuMilli, long memoryBytes, int priority, long createdAt, int pool) {
        this.pool = pool;
        this.id = id;
        this.owner = owner;
        this.handle = handle;
        this.cpuMilli = cpuMilli;
        this.memoryBytes = memoryBytes;
        this.priority = priority;
        this.createdAt = createdAt;
    }

    public int id() {
        return id;
    }

    public int owner() {
        return owner;
    }

    public int handle() {
        return handle;
    }

    public long cpuMilli() {
        return cpuMilli;
    }

    public long memoryBytes() {
        return memoryBytes;
    }

    /** CPU as scoring counts it: the request, or 100m when none is set. */
    public long nonZeroCpuMilli() {
        return cpuMilli == 0 ? DEFAULT_CPU_MILLI : cpuMilli;
    }

    /** Memory as scoring counts it: the request, or 200 MiB when none is set. */
    public long nonZeroMemoryBytes() {
        return memoryBytes == 0 ? DEFAULT_MEMORY_BYTES : memoryBytes;
    }

    /** The pool whose nodes it must run on (a node selector on the pool's label); -1 for any. */
    public int pool() {
        return pool;
    }

    /** Whether its node selector admits a node of pool {@code nodePool}. */
    public boolean selects(int nodePool) {
        return pool < 0 || pool == nodePool;
    }

    public int priority() {
        return priority;
    }

    public long createdAt() {
        return createdAt;
    }

    public Phase phase() {
        return phase;
    }

    public void phase(Phase p) {
        phase = p;
    }

    /** The node it is bound to, or null while Pending. */
    public Node node() {
        return node;
    }

    /** When it was bound to its node (the scheduler's decision), -1 while Pending. */
    public long boundAt() {
        return boundAt;
    }

    void bind(Node n, long now) {
        node = n;
        boundAt = now;
        phase = Phase.STARTING;
    }

    void unbind() {
        node = null;
    }

    /** Its CPU request is now {@code milli} (an in-place resize; its node's sums are the node's to keep). */
    void cpuMilli(long milli) {
        cpuMilli = milli;
    }

    @Override
    public String toString() {
        return "pod " + id + " (owner " + owner + ", " + cpuMilli + "m, " + memoryBytes + " B, priority " + priority + ", " + phase + ")";
    }
}
