package io.headroom.cluster;

import io.headroom.dist.DurationSampler;

/**
 * A pool's run-time state: its nodes' shape, the zones it spreads them over (a new node goes to the zone with
 * fewest, the lowest on a tie, as an Auto Scaling group balances zones), its node-count bounds, its provisioning
 * time, its billing, and the integrals its results are read from.
 */
public final class NodePool {
    /** Told when a node starts and stops being billed. */
    public interface Billing {
        void started(int node, long now);

        /** Node {@code node} was launched at {@code now}: it is billed from then. */
        default void launched(Node node, long now) {
            started(node.id(), now);
        }

        void stopped(int node, long now);

        /** Whether node {@code node} was bought on the spot market (interruptible). */
        default boolean isSpot(int node) {
            return false;
        }

        /** Interruptions per spot node-hour. */
        default double spotInterruptionsPerHour() {
            return 0;
        }

        Billing NONE = new Billing() {
            @Override
            public void started(int node, long now) {
            }

            @Override
            public void stopped(int node, long now) {
            }
        };
    }

    private final String name;
    private final int index;
    private final NodeShape shape;
    private final int zones;
    private final int min;
    private final int max;
    private final DurationSampler provisioning;
    private org.apache.commons.math3.random.RandomGenerator spotRng;
    private final double hourlyPrice;
    private final NodeShape capacity;
    private final int expanderPriority;
    private Billing billing = Billing.NONE;
    private final int[] perZone;
    /** The zones its nodes go to (indices into the design's zones), in order. */
    private final int[] zoneIds;
    private int present;
    private int peak;
    private long lastChange;
    private double nodeNs;
    private double allocatableCpuNs;
    private double requestedCpuNs;
    private long requestedCpu;
    private long readyCpu;

    /**
     * @param capacity         the instance type's whole vCPUs and memory (what the price expander sizes by)
     * @param expanderPriority the priority expander's priority for this pool ({@link NodeGroup#NO_PRIORITY} if none)
     */
    public NodePool(String name, int index, NodeShape shape, NodeShape capacity, int zones, int min, int max,
                    DurationSampler provisioning, double hourlyPrice, int expanderPriority) {
        this(name, index, shape, capacity, java.util.stream.IntStream.range(0, Math.max(1, zones)).toArray(), min, max, provisioning,
                hourlyPrice, expanderPriority);
    }

    /**
     * A pool whose nodes go to the design's zones {@code zoneIds} only (a Karpenter NodePool's zone requirements), the
     * one with fewest nodes first, the first listed on a tie.
     */
    public NodePool(String name, int index, NodeShape shape, NodeShape capacity, int[] zoneIds, int min, int max,
                    DurationSampler provisioning, double hourlyPrice, int expanderPriority) {
        this.capacity = capacity;
        this.expanderPriority = expanderPriority;
        this.name = name;
        this.index = index;
        this.shape = shape;
        this.zones = zoneIds.length;
        this.min = min;
        this.max = max;
        this.provisioning = provisioning;
        this.hourlyPrice = hourlyPrice;
        int top = 0;
        for (int z : zoneIds) {
            top = Math.max(top, z + 1);
        }
        this.perZone = new int[top];
        this.zoneIds = zoneIds.clone();
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public NodeShape shape() {
        return shape;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The on-demand price of one node per hour (what the price expander compares). */
    public double hourlyPrice() {
        return hourlyPrice;
    }

    /** The node group the autoscaler sees: this pool at its present size. */
    public NodeGroup group() {
        return new NodeGroup(index, name, shape, capacity, present, min, max, hourlyPrice, expanderPriority, zones);
    }

    /** Nodes present now (provisioning, ready or being deleted): the node group's size. */
    public int present() {
        return present;
    }

    public int peak() {
        return peak;
    }

    public void bill(Billing b) {
        billing = b;
    }

    /** Draws its spot nodes' interruptions from {@code rng}. */
    public void spotStream(org.apache.commons.math3.random.RandomGenerator rng) {
        this.spotRng = rng;
    }

    /**
     * When node {@code node}, launched at {@code now}, gets its interruption notice: an exponential time at the
     * billing's rate if it is spot, else {@link Long#MAX_VALUE} (never).
     */
    long spotNoticeAt(int node, long now) {
        double perHour = billing.spotInterruptionsPerHour();
        if (spotRng == null || perHour <= 0 || !billing.isSpot(node)) {
            return Long.MAX_VALUE;
        }
        double hours = -Math.log(1 - spotRng.nextDouble()) / perHour;
        return now + Math.max(1, (long) Math.min(hours * 3600e9, 1e18));
    }

    Billing billing() {
        return billing;
    }

    /** A sample of the time from a node's launch to Ready. */
    public long provisioningNs() {
        return provisioning.sampleNanos();
    }

    /** The zone a new node goes to: the one with fewest nodes, the lowest on a tie. */
    int nextZone() {
        int best = zoneIds[0];
        for (int k = 1; k < zoneIds.length; k++) {
            if (perZone[zoneIds[k]] < perZone[best]) {
                best = zoneIds[k];
            }
        }
        return best;
    }

    // ---- integrals (time-weighted node counts and CPU)

    void advance(long now) {
        long dt = now - lastChange;
        if (dt > 0) {
            nodeNs += (double) present * dt;
            allocatableCpuNs += (double) readyCpu * dt;
            requestedCpuNs += (double) requestedCpu * dt;
            lastChange = now;
        }
    }

    void added(Node n, long now) {
        advance(now);
        present++;
        perZone[n.zone()]++;
        peak = Math.max(peak, present);
    }

    void removed(Node n, long now) {
        advance(now);
        present--;
        perZone[n.zone()]--;
    }

    void readyChanged(long cpuMilli, long now) {
        advance(now);
        readyCpu += cpuMilli;
    }

    void requestChanged(long cpuMilli, long now) {
        advance(now);
        requestedCpu += cpuMilli;
    }

    /** Node-nanoseconds so far (as of the last {@link #advance}). */
    public double nodeNs() {
        return nodeNs;
    }

    /** Allocatable millicore-nanoseconds of ready nodes. */
    public double allocatableCpuNs() {
        return allocatableCpuNs;
    }

    /** Requested millicore-nanoseconds of pods bound on ready nodes. */
    public double requestedCpuNs() {
        return requestedCpuNs;
    }

    /** Millicores requested by pods bound here now, and allocatable on ready nodes now. */
    public long requestedCpuNow() {
        return requestedCpu;
    }

    public long readyCpuNow() {
        return readyCpu;
    }
}
