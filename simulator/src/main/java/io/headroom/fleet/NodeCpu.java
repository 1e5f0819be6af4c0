package io.headroom.fleet;

import io.headroom.cluster.CpuShares;
import io.headroom.cluster.Node;
import io.headroom.service.PodCpu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cores of a cluster's nodes shared by the pods bound to them ({@code cluster.cpu-sharing: node}), as CFS shares
 * them by the pods' cgroup weights ({@link CpuShares}): whenever a pod on a node starts or ends a computation, is
 * throttled or unthrottled, is bound or leaves, the node's cores are shared again, and only the pods whose share changed
 * are told ({@link PodCpu#setCapacity}). A pod joins its node's sharing when it is bound and leaves it when its
 * instance ends (an evicted pod drains on its node, computing on its share, until then). Placeholder pods compute
 * nothing and take no part.
 */
public final class NodeCpu {
    /** One pod's place in its node's sharing. */
    static final class Member {
        final PodCpu cpu;
        final int slot;
        long requestMilli;
        final Sharing node;
        double share;

        Member(PodCpu cpu, int slot, long requestMilli, Sharing node) {
            this.cpu = cpu;
            this.slot = slot;
            this.requestMilli = requestMilli;
            this.node = node;
        }
    }

    /** A node's pods and the scratch arrays its shares are computed in. */
    private static final class Sharing {
        final double cores;
        final List<Member> members = new ArrayList<>();
        long[] weight = new long[4];
        double[] demand = new double[4];
        double[] share = new double[4];

        Sharing(double cores) {
            this.cores = cores;
        }
    }

    private final Map<Node, Sharing> nodes = new IdentityHashMap<>();

    /** Pod {@code slot} of {@code cpu}, requesting {@code requestMilli}, is bound to {@code node} at {@code now}. */
    Member join(Node node, PodCpu cpu, int slot, long requestMilli, long now) {
        Sharing s = nodes.computeIfAbsent(node, n -> new Sharing(n.allocatable().cpuMilli() / 1000.0));
        Member m = new Member(cpu, slot, requestMilli, s);
        m.share = Double.NaN; // told its first share below, whatever it is
        s.members.add(m);
        int n = s.members.size();
        if (n > s.weight.length) {
            s.weight = Arrays.copyOf(s.weight, 2 * n);
            s.demand = Arrays.copyOf(s.demand, 2 * n);
            s.share = Arrays.copyOf(s.share, 2 * n);
        }
        reshare(s, now);
        return m;
    }

    /** The pod of {@code m} (as {@link #join} returned it) leaves its node's sharing at {@code now}. */
    void leave(Member m, long now) {
        m.node.members.remove(m);
        reshare(m.node, now);
    }

    /** The pod of {@code m} was resized in place to request {@code requestMilli} at {@code now}: its weight follows. */
    void resized(Member m, long requestMilli, long now) {
        m.requestMilli = requestMilli;
        reshare(m.node, now);
    }

    /** The demand of the pod of {@code m} changed at {@code now}. */
    void changed(Member m, long now) {
        reshare(m.node, now);
    }

    /** Shares the node's cores again and tells the pods whose share changed; again if that throttled one of them. */
    private static void reshare(Sharing s, long now) {
        List<Member> ms = s.members;
        boolean again = true;
        while (again) {
            again = false;
            int n = ms.size();
            for (int k = 0; k < n; k++) {
                Member m = ms.get(k);
                s.weight[k] = m.requestMilli;
                s.demand[k] = m.cpu.demand(m.slot);
            }
            CpuShares.share(s.cores, s.weight, s.demand, n, s.share);
            for (int k = 0; k < n; k++) {
                Member m = ms.get(k);
                double c = s.share[k];
                if (c != m.share) {
                    m.share = c;
                    again |= m.cpu.setCapacity(m.slot, c, now);
                }
            }
        }
    }
}
