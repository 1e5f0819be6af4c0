package io.headroom.cluster;

import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Spot nodes EC2 takes back: at an interruption notice, as the AWS Node Termination Handler does, the node is cordoned
 * and drained at once (an involuntary disruption: budgets do not hold it), and EC2 reclaims it two minutes later, when
 * it stops being billed. A node still provisioning at its notice has nothing to drain: it is marked deleting and goes
 * at the reclaim as the others do. Notices stop when the bill closes at the end of the profile.
 */
final class SpotReclaims {
    /** The notice EC2 gives before it reclaims a spot instance. */
    static final long NOTICE_NS = 120_000_000_000L;

    private final Cluster cluster;
    private final Simulation sim;
    private final EventQueue events;
    private final Set<Node> reclaiming = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean stopped;
    private long interruptions;

    SpotReclaims(Cluster cluster, Simulation sim) {
        this.cluster = cluster;
        this.sim = sim;
        this.events = sim.events();
    }

    /** Spot node {@code id}'s interruption notice. */
    void onNotice(int id) {
        Node node = cluster.node(id);
        long now = sim.now();
        if (stopped || node.state() == Node.State.GONE || reclaiming.contains(node)) {
            return;
        }
        interruptions++;
        cluster.log(now, "node-interrupted", node, "spot");
        reclaiming.add(node);
        if (node.state() == Node.State.PROVISIONING) {
            node.deleting();
        } else {
            cluster.drainNow(node, now);
        }
        events.once(this::onReclaimed, id, now + NOTICE_NS);
    }

    private void onReclaimed(int id) {
        Node node = cluster.node(id);
        if (node.state() != Node.State.GONE) {
            for (Pod p : new ArrayList<>(node.pods())) {
                cluster.evict(p, sim.now(), "pod-evicted");
            }
            cluster.gone(node, sim.now(), "spot-reclaimed");
        }
    }

    /** No more notices. */
    void stop() {
        stopped = true;
    }

    /** Notices received. */
    long interruptions() {
        return interruptions;
    }

    /** Whether {@code node} is being reclaimed. */
    boolean reclaiming(Node node) {
        return reclaiming.contains(node);
    }
}
