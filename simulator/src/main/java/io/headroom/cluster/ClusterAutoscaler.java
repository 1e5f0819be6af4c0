package io.headroom.cluster;

import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The Cluster Autoscaler's main loop ({@code core/static_autoscaler.go RunOnce}), every {@code scan-interval} from
 * the start (the first loop one interval in, as {@code main.go} waits before each {@code RunOnce}; frequent loops
 * off): nodes that have not become Ready within {@code max-node-provision-time} are deleted and their group backed
 * off; then a scale-up for the Pending pods ({@link ScaleUp}: the binpacking estimate per group, the expander's
 * choice); then a scale-down ({@link ScaleDown}): empty nodes deleted at once, drained nodes deleted when their
 * evicted pods have ended.
 */
public final class ClusterAutoscaler {
    private final Cluster cluster;
    private final AutoscalerSettings settings;
    private final Simulation sim;
    private final EventQueue events;
    private final java.util.random.RandomGenerator rng;
    private final ScaleUp scaleUp;
    private final ScaleDown scaleDown;
    private final Backoff backoff;
    private final boolean scaleDownEnabled;
    private long lastScaleUp = -AutoscalerSettings.INITIAL_SCALE_TIME_OFFSET_NS;
    private long lastScaleDown = -AutoscalerSettings.INITIAL_SCALE_TIME_OFFSET_NS;
    private long lastScaleDownFailure = -AutoscalerSettings.INITIAL_SCALE_TIME_OFFSET_NS;
    private long scaleUps;
    private long nodesAdded;
    private long nodesRemoved;
    private long provisionTimeouts;
    private int timer = -1;

    public ClusterAutoscaler(Cluster cluster, AutoscalerSettings settings, boolean scaleDownEnabled, Simulation sim,
                             RandomGenerator rng) {
        this.cluster = cluster;
        this.settings = settings;
        this.scaleDownEnabled = scaleDownEnabled;
        this.sim = sim;
        this.events = sim.events();
        this.rng = rng::nextLong; // the expanders draw from the run's seeded stream
        this.scaleUp = new ScaleUp(settings);
        this.scaleDown = new ScaleDown(settings);
        this.backoff = new Backoff(settings);
    }

    /** Schedules the first loop. */
    public void start() {
        timer = events.timer(this::onLoop, 0);
        events.schedule(timer, settings.scanIntervalNs());
    }

    private void onLoop(int unused) {
        long now = sim.now();
        runOnce(now);
        events.schedule(timer, now + settings.scanIntervalNs());
    }

    /** One loop at {@code now}. */
    void runOnce(long now) {
        backoff.removeStale(now);
        for (Node n : new ArrayList<>(cluster.nodes())) {
            if (n.state() == Node.State.PROVISIONING && now - n.launchedAt() > settings.maxNodeProvisionTimeNs()) {
                cluster.deleteEmpty(n, now);
                backoff.backoff(n.pool(), now);
                provisionTimeouts++;
                nodesRemoved++;
            }
        }
        List<NodeGroup> groups = groups();
        ScaleUpPlan up = scaleUp.plan(cluster.pending(), cluster.nodes(), groups, now, backoff, rng);
        if (up.scaledUp()) {
            NodePool pool = cluster.pools().get(up.group().index());
            cluster.logScaleUp(now, pool, up.nodeCount());
            for (int k = 0; k < up.nodeCount(); k++) {
                cluster.launchNode(pool, now);
            }
            scaleUps++;
            nodesAdded += up.nodeCount();
            lastScaleUp = now;
            groups = groups();
        }
        if (!scaleDownEnabled) {
            return;
        }
        ScaleDownPlan down = scaleDown.plan(cluster.nodes(), groups, cluster.disruptions(), now, lastScaleUp, lastScaleDown,
                lastScaleDownFailure, up.scaleDownForbidden());
        for (Node n : down.empty()) {
            cluster.deleteEmpty(n, now);
            nodesRemoved++;
        }
        for (ScaleDownPlan.Drain d : down.drain()) {
            cluster.drain(d.node(), now, settings.maxPodEvictionTimeNs(), () -> lastScaleDownFailure = sim.now());
            nodesRemoved++;
        }
        if (down.deletes()) {
            lastScaleDown = now;
        }
    }

    private List<NodeGroup> groups() {
        List<NodeGroup> out = new ArrayList<>();
        for (NodePool p : cluster.pools()) {
            out.add(p.group());
        }
        return out;
    }

    public long scaleUps() {
        return scaleUps;
    }

    public long nodesAdded() {
        return nodesAdded;
    }

    public long nodesRemoved() {
        return nodesRemoved;
    }

    public long provisionTimeouts() {
        return provisionTimeouts;
    }
}
