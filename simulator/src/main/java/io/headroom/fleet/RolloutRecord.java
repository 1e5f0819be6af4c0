package io.headroom.fleet;

/**
 * What one rollout did, as the run's results report it: when it started, how it ended ({@code completed},
 * {@code rolled-back} after its analysis failed, {@code failed} at its progress deadline; null while under way) and
 * when, the most instances the service held during it as the controllers count them (Pending pods included,
 * terminating ones not), and the instance-seconds it held beyond the replicas asked for (the surge, a blue-green's
 * second fleet, terminating instances still billed: what the rollout adds to the bill). Its figures end with it.
 */
public final class RolloutRecord {
    private final String service;
    private final String strategy;
    private final long startNs;
    private final int version;
    private String outcome;
    private long endNs = -1;
    private long switchedAtNs = -1;
    private long abortedAtNs = -1;
    private int failedMeasurements;
    private int peakInstances;
    private int minReady = Integer.MAX_VALUE;
    private double extraInstanceNs;
    private long lastNs;
    private int lastExtra;
    private final java.util.List<Step> steps = new java.util.ArrayList<>();

    /**
     * The instances at one instant of the rollout, as the Deployment's status counts them: {@code updated} (of the new
     * version) and {@code old} (the others) that count toward the replicas (Pending, starting, ready or down, not
     * terminating), and {@code available} of all versions (ready for min-ready).
     */
    public record Step(long tNs, int updated, int old, int available) {
    }

    RolloutRecord(String service, String strategy, long startNs, int version) {
        this.service = service;
        this.strategy = strategy;
        this.startNs = startNs;
        this.version = version;
        this.lastNs = startNs;
    }

    /** Brings the peak and the extra instance-seconds up to {@code now}, and logs the counts when they changed. */
    void observe(ReplicaSet replicas, long now, long minReadyNs) {
        if (outcome != null) {
            return; // its figures end with it (a failed rollout's at its deadline)
        }
        observe(replicas, now);
        int updated = replicas.activeOf(version);
        int old = 0;
        int available = 0;
        for (int v = 0; v < replicas.versions(); v++) {
            old += v == version ? 0 : replicas.activeOf(v);
            available += replicas.availableOf(v, now, minReadyNs);
        }
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last == null || last.updated != updated || last.old != old || last.available != available) {
            if (last != null && last.tNs == now) {
                steps.remove(steps.size() - 1);
            }
            steps.add(new Step(now, updated, old, available));
        }
    }

    /** The counts each time they changed. */
    public java.util.List<Step> steps() {
        return steps;
    }

    private void observe(ReplicaSet replicas, long now) {
        if (outcome != null) {
            return;
        }
        extraInstanceNs += (double) lastExtra * (now - lastNs);
        lastNs = now;
        int counted = 0; // what the controllers count: Pending, starting, ready or down, not terminating
        for (int v = 0; v < replicas.versions(); v++) {
            counted += replicas.activeOf(v);
        }
        peakInstances = Math.max(peakInstances, counted);
        minReady = Math.min(minReady, replicas.readyInService());
        lastExtra = Math.max(0, replicas.present() - replicas.desired()); // billed: terminating ones included
    }

    void switched(long now) {
        switchedAtNs = now;
    }

    void abort(long now, int failures) {
        abortedAtNs = now;
        failedMeasurements = failures;
    }

    /** No progress for the deadline: the rollout is {@code failed} from {@code now}, though its controller goes on. */
    void fail(long now, ReplicaSet replicas) {
        observe(replicas, now);
        lastExtra = 0;
        outcome = "failed";
        endNs = now;
    }

    /** The rollout is over at {@code now}: completed, or rolled back if it was aborted. */
    void end(long now, ReplicaSet replicas) {
        observe(replicas, now);
        if (outcome == null) {
            outcome = abortedAtNs >= 0 ? "rolled-back" : "completed";
            endNs = now;
        }
        lastExtra = 0;
    }

    /** The next deployment started before this one ended: {@code superseded} at {@code now}, unless it had already failed. */
    void supersede(long now, ReplicaSet replicas) {
        observe(replicas, now);
        if (outcome == null) {
            outcome = "superseded";
            endNs = now;
        }
        lastExtra = 0;
    }

    boolean failed() {
        return "failed".equals(outcome);
    }

    boolean rolledBack() {
        return abortedAtNs >= 0;
    }

    public String service() {
        return service;
    }

    public String strategy() {
        return strategy;
    }

    public long startNs() {
        return startNs;
    }

    /** The version it rolls out (1 for a service's first deployment). */
    public int version() {
        return version;
    }

    /**
     * {@code completed}, {@code rolled-back}, {@code failed}, {@code superseded} (the next deployment started first), or
     * {@code running} if it had not ended by the run's end.
     */
    public String outcome() {
        return outcome == null ? "running" : outcome;
    }

    /** When it ended (for {@code failed}: its progress deadline), or -1. */
    public long endNs() {
        return endNs;
    }

    /** A blue-green's switch of the traffic to the new fleet, or -1. */
    public long switchedAtNs() {
        return switchedAtNs;
    }

    /** When a canary's analysis aborted it, or -1. */
    public long abortedAtNs() {
        return abortedAtNs;
    }

    /** The analysis's failed measurements when it aborted. */
    public int failedMeasurements() {
        return failedMeasurements;
    }

    /** The most instances (Pending pods included) during it. */
    public int peakInstances() {
        return peakInstances;
    }

    /** The fewest instances in service (ready) during it. */
    public int minReady() {
        return minReady == Integer.MAX_VALUE ? 0 : minReady;
    }

    /** Instance-hours held beyond the replicas asked for, up to {@code now} if still under way. */
    public double extraInstanceHours(long now) {
        double ns = extraInstanceNs + (endNs < 0 ? (double) lastExtra * Math.max(0, now - lastNs) : 0);
        return ns / 3.6e12;
    }
}
