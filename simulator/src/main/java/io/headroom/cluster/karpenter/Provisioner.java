package io.headroom.cluster.karpenter;

import io.headroom.cluster.Node;
import io.headroom.cluster.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Karpenter's provisioning simulation for one NodePool: a batch of pending pods is packed first onto nodes that
 * exist or are being launched, then onto NodeClaims it opens. A NodeClaim starts with every offering of the pool
 * that fits its first pod within the pool's limits; each pod added narrows its options to those that still fit
 * all its pods (CPU, memory and pod count against allocatable); it launches the cheapest that remains.
 *
 * <p>Ported from kubernetes-sigs/karpenter {@code pkg/controllers/provisioning/scheduling}: pods in the
 * queue's order ({@code queue.go}, {@code byCPUAndMemoryDescending}: CPU descending, then memory descending, then
 * creation time, then identity); {@code scheduler.go} {@code add}: existing and in-flight nodes in the given
 * order (the first that fits), then the open NodeClaims with the fewest pods first, then a new NodeClaim from
 * the offerings {@code filterByRemainingResources} leaves within the limits, after which {@code subtractMax}
 * takes the largest capacity among the new NodeClaim's options from what remains; {@code nodeclaim.go}
 * {@code Add} narrows the options. Pods count one each against {@code maxPods}, as upstream counts the
 * {@code pods} resource.
 *
 * <p>Simplifications: no taints, affinities, topology spread or host ports (a pod fits on resources, pod count
 * and its node selector for existing nodes); no preference relaxation (so one pass over the queue finds what
 * upstream's retries find); one NodePool per call (the caller passes only the pods that select this pool); the
 * launched offering is the cheapest (see {@link NodeClaimPlan}).
 */
public final class Provisioner {
    /**
     * What a batch comes to: the NodeClaims to create (in the order they were opened), the pods the simulation
     * put on existing or in-flight nodes (the kube-scheduler will bind them when there is room), and the pods
     * that fit no node and no offering within the limits (they stay pending).
     */
    public record Result(List<NodeClaimPlan> claims, Map<Pod, Node> onExisting, List<Pod> unschedulable) {
        public Result {
            claims = List.copyOf(claims);
            onExisting = Collections.unmodifiableMap(new LinkedHashMap<>(onExisting));
            unschedulable = List.copyOf(unschedulable);
        }
    }

    /** The queue's order: {@code byCPUAndMemoryDescending}, then creation time, then id. */
    public static final Comparator<Pod> QUEUE_ORDER = Comparator.comparingLong(Pod::cpuMilli).reversed()
            .thenComparing(Comparator.comparingLong(Pod::memoryBytes).reversed())
            .thenComparingLong(Pod::createdAt).thenComparingInt(Pod::id);

    /**
     * Schedules {@code pending} onto {@code inflightAndExisting} (those Ready or still provisioning; others are
     * ignored) and new NodeClaims of {@code options} within {@code remaining}.
     */
    public Result schedule(List<Pod> pending, List<Node> inflightAndExisting, List<InstanceOption> options,
                           Limits remaining) {
        List<Pod> queue = new ArrayList<>(pending);
        queue.sort(QUEUE_ORDER);
        List<Existing> existing = new ArrayList<>();
        for (Node n : inflightAndExisting) {
            if (n.state() == Node.State.READY || n.state() == Node.State.PROVISIONING) {
                existing.add(new Existing(n));
            }
        }
        List<InstanceOption> byPrice = new ArrayList<>(options);
        byPrice.sort(InstanceOption.BY_PRICE);

        Map<Pod, Node> onExisting = new LinkedHashMap<>();
        List<Claim> opened = new ArrayList<>();
        List<Claim> byPods = new ArrayList<>();
        List<Pod> unschedulable = new ArrayList<>();
        Limits left = remaining;
        for (Pod p : queue) {
            Existing e = firstFit(existing, p);
            if (e != null) {
                e.add(p);
                onExisting.put(p, e.node);
                continue;
            }
            byPods.sort(Comparator.comparingInt(c -> c.pods.size()));
            if (addToOpen(byPods, p)) {
                continue;
            }
            List<InstanceOption> withinLimits = new ArrayList<>();
            for (InstanceOption o : byPrice) {
                if (left.admits(o)) {
                    withinLimits.add(o);
                }
            }
            Claim c = new Claim(withinLimits);
            if (!c.add(p)) {
                unschedulable.add(p);
                continue;
            }
            opened.add(c);
            byPods.add(c);
            left = left.lessMax(c.options);
        }
        List<NodeClaimPlan> plans = new ArrayList<>();
        for (Claim c : opened) {
            plans.add(new NodeClaimPlan(c.pods, c.options, c.options.get(0)));
        }
        return new Result(plans, onExisting, unschedulable);
    }

    private static Existing firstFit(List<Existing> existing, Pod p) {
        for (Existing e : existing) {
            if (e.fits(p)) {
                return e;
            }
        }
        return null;
    }

    private static boolean addToOpen(List<Claim> claims, Pod p) {
        for (Claim c : claims) {
            if (c.add(p)) {
                return true;
            }
        }
        return false;
    }

    /** An existing or in-flight node with what the simulation added to it. */
    private static final class Existing {
        final Node node;
        long cpu;
        long memory;
        int pods;

        Existing(Node node) {
            this.node = node;
        }

        boolean fits(Pod p) {
            return node.fitsAfterRemoving(p, -cpu, -memory, -pods);
        }

        void add(Pod p) {
            cpu += p.cpuMilli();
            memory += p.memoryBytes();
            pods++;
        }
    }

    /** A NodeClaim being packed: its pods, their requests and the offerings that still fit them all. */
    private static final class Claim {
        final List<Pod> pods = new ArrayList<>();
        List<InstanceOption> options;
        long cpu;
        long memory;

        Claim(List<InstanceOption> options) {
            this.options = options;
        }

        /** Adds {@code p} if some option fits all the pods with it, narrowing the options to those. */
        boolean add(Pod p) {
            long c = cpu + p.cpuMilli();
            long m = memory + p.memoryBytes();
            int n = pods.size() + 1;
            List<InstanceOption> fit = new ArrayList<>();
            for (InstanceOption o : options) {
                if (c <= o.allocatable().cpuMilli() && m <= o.allocatable().memoryBytes() && n <= o.allocatable().maxPods()) {
                    fit.add(o);
                }
            }
            if (fit.isEmpty()) {
                return false;
            }
            options = fit;
            pods.add(p);
            cpu = c;
            memory = m;
            return true;
        }
    }
}
