package io.headroom.cluster;

import java.util.Arrays;

/**
 * What the run reports of its cluster beyond the pools' integrals: the services' pending pods' peak and the
 * distribution of their pending times (a pod created after the start, from its creation to Running: bound and its
 * container started; placeholder pods are not counted),
 * preemptions and evictions, and per owner the time its pods were bound to nodes (pod-nanoseconds), from which cost
 * is allocated.
 */
public final class ClusterStats {
    private long[] pendingNsEach = new long[16];
    private int pendingCount;
    private int pendingPeak;
    private long preemptions;
    private long evictions;
    private final int pools;
    private long[][] boundPods = new long[0][];
    private double[][] boundNs = new double[0][];
    private long[][] lastChange = new long[0][];
    private long[][] boundCpu = new long[0][];
    private double[][] cpuNs = new double[0][];
    private long[] resizes = new long[0];
    private double pendingNs;
    private long pendingSince;
    private int pendingNow;

    ClusterStats(int pools) {
        this.pools = pools;
    }

    void owners(int n) {
        int old = boundPods.length;
        boundPods = Arrays.copyOf(boundPods, n);
        boundNs = Arrays.copyOf(boundNs, n);
        lastChange = Arrays.copyOf(lastChange, n);
        boundCpu = Arrays.copyOf(boundCpu, n);
        cpuNs = Arrays.copyOf(cpuNs, n);
        resizes = Arrays.copyOf(resizes, n);
        for (int o = old; o < n; o++) {
            boundPods[o] = new long[pools];
            boundNs[o] = new double[pools];
            lastChange[o] = new long[pools];
            boundCpu[o] = new long[pools];
            cpuNs[o] = new double[pools];
        }
    }

    void pendingChanged(int pending, long now) {
        pendingNs += (double) pendingNow * (now - pendingSince);
        pendingSince = now;
        pendingNow = pending;
        pendingPeak = Math.max(pendingPeak, pending);
    }

    void started(Pod p, long at) {
        if (p.createdAt() > 0) {
            if (pendingCount == pendingNsEach.length) {
                pendingNsEach = Arrays.copyOf(pendingNsEach, pendingCount * 2);
            }
            pendingNsEach[pendingCount++] = at - p.createdAt();
        }
    }

    void preempted() {
        preemptions++;
    }

    void evicted() {
        evictions++;
    }

    void bound(Pod p, int pool, long now) {
        move(p.owner(), pool, +1, p.cpuMilli(), now);
    }

    void unbound(Pod p, int pool, long now) {
        move(p.owner(), pool, -1, -p.cpuMilli(), now);
    }

    /** Bound pod {@code p}'s request changed by {@code deltaMilli} in place. */
    void resized(Pod p, int pool, long deltaMilli, long now) {
        resizes[p.owner()]++;
        move(p.owner(), pool, 0, deltaMilli, now);
    }

    private void move(int owner, int pool, int d, long cpu, long now) {
        long dt = now - lastChange[owner][pool];
        boundNs[owner][pool] += (double) boundPods[owner][pool] * dt;
        cpuNs[owner][pool] += (double) boundCpu[owner][pool] * dt;
        lastChange[owner][pool] = now;
        boundPods[owner][pool] += d;
        boundCpu[owner][pool] += cpu;
    }

    void advance(long now, int pending) {
        pendingChanged(pending, now);
        for (int o = 0; o < boundPods.length; o++) {
            for (int q = 0; q < pools; q++) {
                move(o, q, 0, 0, now);
            }
        }
    }

    /** Pending-pod-nanoseconds (as of the last {@link Cluster#advance}). */
    public double pendingNs() {
        return pendingNs;
    }

    public int pendingPeak() {
        return pendingPeak;
    }

    public long preemptions() {
        return preemptions;
    }

    public long evictions() {
        return evictions;
    }

    /** Pods created after the start that reached Running. */
    public int podsStarted() {
        return pendingCount;
    }

    /**
     * The pending time (creation to Running, nanoseconds) at percentile {@code p} of the pods created after the start,
     * by nearest rank (the smallest time at least {@code p} % of them are at or below); 0 when there are none. Exact:
     * the times are kept, one per pod.
     */
    public long pendingNsAt(double p) {
        if (pendingCount == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(pendingNsEach, pendingCount);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * pendingCount);
        return sorted[Math.max(0, Math.min(pendingCount, rank) - 1)];
    }

    /** Pods of {@code owner} bound to nodes of pool {@code pool} now. */
    public long boundPods(int owner, int pool) {
        return boundPods[owner][pool];
    }

    /**
     * Pod-nanoseconds {@code owner}'s pods have been bound to nodes of pool {@code pool} (as of the last
     * {@link Cluster#advance}).
     */
    public double boundNs(int owner, int pool) {
        return boundNs[owner][pool];
    }

    /** In-place resizes done to {@code owner}'s pods. */
    public long resizes(int owner) {
        return resizes[owner];
    }

    /** Requested millicore-nanoseconds of {@code owner}'s pods bound to pool {@code pool}'s nodes (their requests may differ). */
    public double requestedCpuNs(int owner, int pool) {
        return cpuNs[owner][pool];
    }
}
