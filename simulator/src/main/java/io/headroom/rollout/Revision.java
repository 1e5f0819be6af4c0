package io.headroom.rollout;

/**
 * One ReplicaSet of a Deployment — one revision of its pod template — as the Deployment controller reads and writes
 * it: its name, when it was created (older revisions sort first), the replicas it is asked for ({@code spec.replicas},
 * which the controller sets), how many of its pods are available ({@code status.availableReplicas}, which the run
 * sets), and the {@code deployment.kubernetes.io/desired-replicas} and {@code max-replicas} annotations the
 * controller writes whenever it scales it (-1: none).
 */
public final class Revision {
    private final String name;
    private final long createdAt;
    private int replicas;
    private int available;
    private int desiredAnnotation = -1;
    private int maxAnnotation = -1;

    public Revision(String name, long createdAt, int replicas) {
        this.name = name;
        this.createdAt = createdAt;
        this.replicas = replicas;
    }

    public String name() {
        return name;
    }

    public long createdAt() {
        return createdAt;
    }

    /** {@code spec.replicas}. */
    public int replicas() {
        return replicas;
    }

    void replicas(int n) {
        replicas = n;
    }

    /** {@code status.availableReplicas}. */
    public int available() {
        return available;
    }

    /** Sets {@code status.availableReplicas} (pods Ready for at least min-ready). */
    public Revision available(int n) {
        available = n;
        return this;
    }

    /** The desired-replicas annotation, -1 if it has none. */
    public int desiredAnnotation() {
        return desiredAnnotation;
    }

    /** The max-replicas annotation, -1 if it has none. */
    public int maxAnnotation() {
        return maxAnnotation;
    }

    /** Sets both annotations ({@code SetReplicasAnnotations}). */
    public Revision annotations(int desired, int max) {
        desiredAnnotation = desired;
        maxAnnotation = max;
        return this;
    }

    @Override
    public String toString() {
        return name + "(" + replicas + ", " + available + " available)";
    }
}
