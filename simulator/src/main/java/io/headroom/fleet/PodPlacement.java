package io.headroom.fleet;

import io.headroom.cluster.Cluster;
import io.headroom.cluster.Pod;
import io.headroom.cluster.PodOwner;
import io.headroom.design.cluster.DisruptionBudgetSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.service.ServiceStation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fleet whose instances are pods of a Deployment on a cluster. A launch creates a pod, which is Pending until the
 * scheduler binds it to a node; only then does the instance exist (in the node's zone). Its container starts after
 * a {@code startup} sample and the pod is Ready at its readiness probe's first success: the kubelet's prober probes
 * when the container has started (the status update triggers a probe and resets the ticker) and every
 * {@code period} after, skipping probes before {@code initial-delay} — so Ready at start + ⌈initial-delay / period⌉
 * × period (kubelet {@code prober/worker.go}). An evicted pod drains (it finishes what it holds within the grace
 * period) and is replaced by a new pod. Its PodDisruptionBudget counts ready pods against the desired count.
 */
final class PodPlacement implements PodOwner {
    private final Cluster cluster;
    private final ServiceStation station;
    private final long cpuMilli;
    private final long memoryBytes;
    private final int priority;
    private final int pool;
    private final DurationSampler startup;
    private final long initialDelayNs;
    private final long periodNs;
    private final DisruptionBudgetSpec budget;
    private final int zones;
    private final int owner;
    private final List<Pod> pendingPods = new ArrayList<>();
    private Pod[] podOfSlot = new Pod[16];
    private NodeCpu nodeCpu;
    private NodeCpu.Member[] cpuOfSlot = new NodeCpu.Member[16]; // with node CPU sharing: each bound pod's place in its node's sharing
    private ReplicaSet replicas;
    private boolean initial;
    /** With a VPA in Initial mode: the CPU request a new pod takes (the recommendation's target, else the declared). */
    private java.util.function.LongSupplier request;

    PodPlacement(Cluster cluster, ServiceStation station, long cpuMilli, long memoryBytes, int priority, int pool, DurationSampler startup,
                 long initialDelayNs, long periodNs, DisruptionBudgetSpec budget, int zones, String name) {
        this.cluster = cluster;
        this.station = station;
        this.cpuMilli = cpuMilli;
        this.memoryBytes = memoryBytes;
        this.priority = priority;
        this.pool = pool;
        this.startup = startup;
        this.initialDelayNs = initialDelayNs;
        this.periodNs = periodNs;
        this.budget = budget;
        this.zones = zones;
        this.owner = cluster.addOwner(this, name);
    }

    /** The index its pods carry as their owner. */
    int owner() {
        return owner;
    }

    void wire(ReplicaSet replicas) {
        this.replicas = replicas;
    }

    /** The pods bound to nodes and not leaving, in slot order. */
    List<Pod> boundPods() {
        List<Pod> out = new ArrayList<>();
        for (Pod p : podOfSlot) {
            if (p != null && p.node() != null && p.phase() != Pod.Phase.TERMINATING) {
                out.add(p);
            }
        }
        return out;
    }

    Cluster cluster() {
        return cluster;
    }

    /** Pods created and not yet bound to a node. */
    int pending() {
        return pendingPods.size();
    }

    /** When the {@code k}-th pending pod was created. */
    long pendingCreatedAt(int k) {
        return pendingPods.get(k).createdAt();
    }

    /** Its pods share their nodes' cores with the other pods there ({@code cluster.cpu-sharing: node}). Before the start. */
    void shareNodeCpu(NodeCpu nodes) {
        this.nodeCpu = nodes;
        station.podCpu().shareNode((slot, now) -> {
            if (slot < cpuOfSlot.length && cpuOfSlot[slot] != null) {
                nodes.changed(cpuOfSlot[slot], now);
            }
        });
    }

    /** New pods request what {@code request} says (a VPA in Initial mode). */
    void requestFrom(java.util.function.LongSupplier request) {
        this.request = request;
    }

    /** Creates a pod: bound at once if the scheduler finds it a node, else Pending. */
    void create(long now) {
        long cpu = request == null ? cpuMilli : request.getAsLong();
        Pod p = cluster.create(owner, cpu, memoryBytes, priority, pool, now);
        if (cpu != cpuMilli) {
            cluster.requestSet(p, now);
        }
        if (p.node() == null && p.phase() == Pod.Phase.PENDING) {
            pendingPods.add(p);
        }
    }

    /** The pods of the run's start: created and, where they fit, running and ready at time 0. */
    void startInitial(int n) {
        initial = true;
        for (int k = 0; k < n; k++) {
            create(0);
        }
        initial = false;
    }

    /** Deletes the newest Pending pod (a ReplicaSet scales in unscheduled pods first); false if none is Pending. */
    boolean deleteNewestPending(long now) {
        if (pendingPods.isEmpty()) {
            return false;
        }
        Pod p = pendingPods.remove(pendingPods.size() - 1);
        cluster.ended(p, now);
        return true;
    }

    /** With node CPU sharing, a pod resized in place weighs its new request in its node's sharing. */
    @Override
    public void resized(Pod pod, long now) {
        if (nodeCpu == null) {
            return;
        }
        for (int slot = 0; slot < podOfSlot.length; slot++) {
            if (podOfSlot[slot] == pod && slot < cpuOfSlot.length && cpuOfSlot[slot] != null) {
                nodeCpu.resized(cpuOfSlot[slot], pod.cpuMilli(), now);
                return;
            }
        }
    }

    @Override
    public void bound(Pod pod, long now) {
        pendingPods.remove(pod);
        int slot = station.launch(now, zones > 1 ? pod.node().zone() : -1);
        if (slot >= podOfSlot.length) {
            podOfSlot = Arrays.copyOf(podOfSlot, Math.max(slot + 1, podOfSlot.length * 2));
        }
        podOfSlot[slot] = pod;
        if (nodeCpu != null) {
            if (slot >= cpuOfSlot.length) {
                cpuOfSlot = Arrays.copyOf(cpuOfSlot, podOfSlot.length);
            }
            cpuOfSlot[slot] = nodeCpu.join(pod.node(), station.podCpu(), slot, pod.cpuMilli(), now);
        }
        if (initial) {
            cluster.runningAt(pod, now);
            replicas.podLaunched(slot, now, now);
            return;
        }
        long started = now + startup.sampleNanos();
        cluster.runningAt(pod, started);
        long probes = initialDelayNs == 0 ? 0 : (initialDelayNs + periodNs - 1) / periodNs;
        replicas.podLaunched(slot, now, started + probes * periodNs);
    }

    @Override
    public void evicted(Pod pod, long now) {
        for (int i = 0; i < podOfSlot.length; i++) {
            if (podOfSlot[i] == pod) {
                replicas.evict(i, now);
                return;
            }
        }
        throw new IllegalStateException(pod + " has no instance");
    }

    /** The instance in {@code slot} passed its readiness probe. */
    void ready(int slot, long now) {
        if (slot < podOfSlot.length && podOfSlot[slot] != null) {
            cluster.ready(podOfSlot[slot], now);
        }
    }

    /** The instance in {@code slot} ended: its pod leaves its node. */
    void ended(int slot, long now) {
        if (slot < podOfSlot.length && podOfSlot[slot] != null) {
            Pod p = podOfSlot[slot];
            podOfSlot[slot] = null;
            if (nodeCpu != null && cpuOfSlot[slot] != null) {
                nodeCpu.leave(cpuOfSlot[slot], now);
                cpuOfSlot[slot] = null;
            }
            cluster.ended(p, now);
        }
    }

    @Override
    public int disruptionsAllowed() {
        return budget == null ? Integer.MAX_VALUE : budget.allowed(station.instances(), replicas.desired());
    }
}
