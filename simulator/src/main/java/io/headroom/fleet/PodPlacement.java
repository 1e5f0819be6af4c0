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
    /** The version each Pending pod runs (a rollout's revision); absent: version 0. */
    private final java.util.Map<Pod, Integer> pendingVersion = new java.util.IdentityHashMap<>();
    /** Per version above 0 (a rollout's new pod template): its CPU and memory requests and its startup; index 0 unused. */
    private long[] cpuOfVersion = new long[1];
    private long[] memoryOfVersion = new long[1];
    private DurationSampler[] startupOfVersion = new DurationSampler[1];
    private int creatingVersion;
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

    /** Pods of version {@code v} created and not yet bound to a node. */
    int pending(int v) {
        if (pendingVersion.isEmpty()) {
            return v == 0 ? pendingPods.size() : 0;
        }
        int n = 0;
        for (Pod p : pendingPods) {
            if (pendingVersion.getOrDefault(p, 0) == v) {
                n++;
            }
        }
        return n;
    }

    /** Version {@code v}'s pods request {@code cpuMilli} and {@code memoryBytes} and start after a {@code startup} sample. */
    void version(int v, long cpuMilli, long memoryBytes, DurationSampler startup) {
        if (v >= cpuOfVersion.length) {
            cpuOfVersion = Arrays.copyOf(cpuOfVersion, v + 1);
            memoryOfVersion = Arrays.copyOf(memoryOfVersion, v + 1);
            startupOfVersion = Arrays.copyOf(startupOfVersion, v + 1);
        }
        cpuOfVersion[v] = cpuMilli;
        memoryOfVersion[v] = memoryBytes;
        startupOfVersion[v] = startup;
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

    /** Creates a pod of the version the run starts with. */
    void create(long now) {
        create(now, 0);
    }

    /** Creates a pod of version {@code v}: bound at once if the scheduler finds it a node, else Pending. */
    void create(long now, int v) {
        long declared = v == 0 ? cpuMilli : cpuOfVersion[v];
        long cpu = request == null ? declared : request.getAsLong();
        creatingVersion = v;
        Pod p = cluster.create(owner, cpu, v == 0 ? memoryBytes : memoryOfVersion[v], priority, pool, now);
        creatingVersion = 0;
        if (cpu != declared) {
            cluster.requestSet(p, now);
        }
        if (p.node() == null && p.phase() == Pod.Phase.PENDING) {
            pendingPods.add(p);
            if (v != 0) {
                pendingVersion.put(p, v);
            }
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

    /** Deletes the newest Pending pod of version {@code v} (a ReplicaSet scales in unscheduled pods first); false if none. */
    boolean deleteNewestPending(long now, int v) {
        for (int k = pendingPods.size() - 1; k >= 0; k--) {
            Pod p = pendingPods.get(k);
            if (pendingVersion.getOrDefault(p, 0) == v) {
                pendingPods.remove(k);
                pendingVersion.remove(p);
                cluster.ended(p, now);
                return true;
            }
        }
        return false;
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
        Integer pendingV = pendingVersion.remove(pod);
        int v = pendingPods.remove(pod) ? (pendingV == null ? 0 : pendingV) : creatingVersion;
        int slot = station.lifecycle().launch(now, zones > 1 ? pod.node().zone() : -1);
        station.lifecycle().setVersion(slot, v);
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
        long started = now + (v == 0 ? startup : startupOfVersion[v]).sampleNanos();
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
