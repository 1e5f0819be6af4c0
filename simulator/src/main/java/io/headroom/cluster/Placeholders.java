package io.headroom.cluster;

/**
 * An overprovisioning buffer: a Deployment of pause pods at a low priority that keeps {@code replicas} of them.
 * Real pods preempt them; a pause container exits on SIGTERM, so an evicted placeholder ends at once and its
 * replacement is created Pending — which makes the autoscaler add a node ahead of need.
 */
public final class Placeholders implements PodOwner {
    private final Cluster cluster;
    private final int replicas;
    private final long cpuMilli;
    private final long memoryBytes;
    private final int priority;
    private final int owner;
    private final int pool;

    public Placeholders(Cluster cluster, int replicas, long cpuMilli, long memoryBytes, int priority, int pool) {
        this.pool = pool;
        this.cluster = cluster;
        this.replicas = replicas;
        this.cpuMilli = cpuMilli;
        this.memoryBytes = memoryBytes;
        this.priority = priority;
        this.owner = cluster.addOwner(this, "overprovisioning", false);
    }

    /** Creates the buffer's pods at the start of the run. */
    public void start() {
        for (int k = 0; k < replicas; k++) {
            cluster.create(owner, cpuMilli, memoryBytes, priority, pool, 0);
        }
    }

    @Override
    public void bound(Pod pod, long now) {
        cluster.runningAt(pod, now);
        cluster.ready(pod, now);
    }

    @Override
    public void evicted(Pod pod, long now) {
        cluster.ended(pod, now);
        cluster.create(owner, cpuMilli, memoryBytes, priority, pool, now);
    }

    /** Its owner index. */
    public int owner() {
        return owner;
    }
}
