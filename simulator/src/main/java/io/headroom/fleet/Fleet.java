package io.headroom.fleet;

import io.headroom.autoscale.ScalingView;
import io.headroom.design.faults.FailureSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.service.InstanceEndedListener;
import io.headroom.service.ServiceStation;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The lifecycle of a service's instances, and the controller that keeps their count at the
 * desired one — what a Kubernetes ReplicaSet or an Auto Scaling group does.
 *
 * <p>An instance is launched (billed from then on), its process runs after {@code startup}, and it
 * takes traffic after a further {@code readiness-delay}. Scale-in drains: the instance gets no new
 * work, finishes what it holds, and ends when empty, or at {@code drain-timeout} losing what is
 * left. Instances to remove are chosen as a ReplicaSet does: not-yet-ready ones first, then down
 * ones, then the newest. Launches go to the healthy zone with the fewest instances.
 *
 * <p>Crashes ({@link FailureSpec}) take a ready instance down, losing what it holds; it is
 * repaired in place after the time to repair, still billed. A zone outage takes every instance of
 * the zone down until it ends, and nothing is launched there meanwhile.
 *
 * <p>With a {@link Scaler}, the desired count is what the scaler decides at its evaluation times,
 * reading metrics sampled every second ({@link FleetMetrics}).
 *
 * <p>The parts: {@link ReplicaSet} (the desired count, launches and removals), {@link InstanceTimers}
 * (each instance's startup, readiness and drain clock), the faults {@link Crashes},
 * {@link ZoneOutages} and {@link SpotInterruptions}, and {@link FleetScalingView} (what the scaler
 * sees). This class wires them and is the fleet's face to the run.
 */
public final class Fleet implements InstanceEndedListener {
    /** Told when an instance starts being billed and when it stops. */
    public interface Billing {
        void started(int slot, long now);

        void stopped(int slot, long now);

        /**
         * The instance in {@code slot} is on its way out (draining after a scale-in or a spot notice): it is
         * still billed until {@link #stopped}, but no longer counts toward the fleet's on-demand/spot split.
         */
        default void leaving(int slot) {
        }

        /** Whether the instance in {@code slot} is a spot instance (interruptible). */
        default boolean isSpot(int slot) {
            return false;
        }

        /** Interruptions per spot instance-hour. */
        default double spotInterruptionsPerHour() {
            return 0;
        }

        Billing NONE = new Billing() {
            @Override
            public void started(int slot, long now) {
            }

            @Override
            public void stopped(int slot, long now) {
            }
        };
    }

    /** Decides the desired count; the fleet asks it at the times it names. */
    public interface Scaler {
        /** Its first evaluation. */
        long firstAtNs();

        /** The count it wants now, given what it observes; the fleet clamps nothing, the scaler does. */
        int decide(ScalingView view);

        /** Its next evaluation after one at {@code now}. */
        long nextAtNs(long now);
    }

    private static final long SECOND = 1_000_000_000L;
    /** The notice EC2 gives before it reclaims a spot instance. */
    public static final long SPOT_NOTICE_NS = 120 * SECOND;

    private final String name;
    private final ServiceStation station;
    private final Simulation sim;
    private final EventQueue events;
    private final long startupNs;
    private final long readinessNs;
    private final InstanceTimers timers;
    private final Crashes crashes;
    private final ZoneOutages zones;
    private final SpotInterruptions spot;
    private final ReplicaSet replicas;
    private Billing billing = Billing.NONE;
    private Scaler scaler;
    private FleetMetrics metrics;
    private ScalingView view;
    private int scaleTimer = -1;
    private int sampleTimer = -1;

    /**
     * Takes charge of {@code station}'s instances (those it already has are ready since time 0).
     *
     * @param failures samplers for the time between failures and to repair, or null for none
     */
    public Fleet(String name, ServiceStation station, Simulation sim, long startupNs, long readinessNs, long drainTimeoutNs,
                 DurationSampler timeBetweenFailures, DurationSampler timeToRepair, int zones) {
        this.name = name;
        this.station = station;
        this.sim = sim;
        this.events = sim.events();
        this.startupNs = startupNs;
        this.readinessNs = readinessNs;
        this.timers = new InstanceTimers(name, station, sim);
        this.crashes = new Crashes(station, sim, timers, timeBetweenFailures, timeToRepair);
        this.zones = new ZoneOutages(station, sim, timers, Math.max(1, zones));
        this.spot = new SpotInterruptions(station, sim, timers, drainTimeoutNs);
        this.replicas = new ReplicaSet(station, timers, crashes, spot, this.zones, startupNs, readinessNs, drainTimeoutNs,
                Math.max(1, zones));
        timers.wire(replicas, this.zones);
        this.zones.wire(replicas, crashes);
        spot.wire(replicas);
        station.setup().onInstanceEnded(this);
        replicas.ensure(station.slotCount());
    }

    /**
     * Starts billing the initial instances and their failure processes; call once before the run.
     * {@code spotRng} draws the spot interruptions of the instances {@code billing} calls spot.
     */
    public void start(Billing billing, RandomGenerator spotRng) {
        this.billing = billing;
        replicas.bill(billing);
        spot.start(billing, spotRng);
        if (rollouts != null) {
            rollouts.start();
        }
        if (replicas.pods() != null) {
            startPods();
            return;
        }
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.state(i) != ServiceStation.FREE) {
                timers.launched(i, 0);
                timers.ready(i, 0);
                billing.started(i, 0);
                spot.launched(i, 0);
                crashes.scheduleFailure(i, 0);
            }
        }
    }

    /**
     * The run starts with the desired number of pods, each placed by the scheduler on the cluster's initial nodes and
     * ready at once; those that fit nowhere are Pending. (The station starts with no instance: each is launched when
     * its pod is bound, in its node's zone.)
     */
    private void startPods() {
        replicas.pods().startInitial(replicas.desired());
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.state(i) == ServiceStation.READY) {
                crashes.scheduleFailure(i, 0);
            }
        }
    }

    /**
     * Runs this fleet's instances as pods on {@code cluster}: each needs {@code cpuMilli} and {@code memoryBytes} on a
     * node of pool {@code pool}, at {@code priority}; its container starts after a {@code startup} sample and it is ready by its readiness
     * probe ({@code initialDelayNs}, {@code periodNs}); {@code budget} (or null) is its PodDisruptionBudget. Call before
     * {@link #start}.
     */
    public void placePods(io.headroom.cluster.Cluster cluster, int initialPods, long cpuMilli, long memoryBytes, int priority,
                          int pool, DurationSampler startup,
                          long initialDelayNs, long periodNs, io.headroom.design.cluster.DisruptionBudgetSpec budget, int zoneCount) {
        replicas.startWith(initialPods);
        replicas.placePods(new PodPlacement(cluster, station, cpuMilli, memoryBytes, priority, pool, startup, initialDelayNs, periodNs,
                budget, zoneCount, name));
    }

    /** Its pods share their nodes' cores with the other pods there, by CPU request ({@code cluster.cpu-sharing: node}). After {@link #placePods}. */
    public void shareNodeCpu(NodeCpu nodes) {
        replicas.pods().shareNodeCpu(nodes);
    }

    private VerticalFeed vertical;
    private VerticalUpdater updater;

    /**
     * A Vertical Pod Autoscaler over this fleet's pods: {@code recommender} is fed each ready pod's CPU use every
     * minute; with {@code setsRequests} (update modes Initial, Recreate and InPlaceOrRecreate) a pod created once there
     * is a recommendation requests its target instead of {@code requestMilli}; with {@code recreates} (Recreate,
     * InPlaceOrRecreate) the updater changes the request of running pods the recommendation would change: by eviction,
     * or with {@code inPlace} by resizing them in place first. Call after {@link #placePods}.
     */
    public void verticalAutoscale(io.headroom.vpa.Recommender recommender, long requestMilli, boolean setsRequests,
                                  boolean recreates, boolean inPlace) {
        vertical = new VerticalFeed(station, timers, sim, recommender, requestMilli / 1000.0);
        vertical.start();
        if (recreates) {
            updater = new VerticalUpdater(replicas.pods(), replicas, vertical, sim, io.headroom.vpa.UpdaterConfig.DEFAULT, inPlace);
            updater.start();
        }
        if (setsRequests) {
            VerticalFeed feed = vertical;
            replicas.pods().requestFrom(() -> {
                io.headroom.vpa.Recommendation r = feed.recommendation();
                return r == null ? requestMilli : r.targetMilli();
            });
        }
    }

    /** A new version's pods: their CPU and memory requests and their startup. */
    public record PodTemplate(long cpuMilli, long memoryBytes, DurationSampler startup) {
    }

    private Rollouts rollouts;

    /**
     * Changes this fleet's version by {@code deployments} (in time order; deployment k brings version k + 1, whose pods
     * are {@code templates.get(k)} on a cluster, ignored otherwise); a canary's analysis reads the service's endpoints
     * by their names, {@code endpoints}; a canary with exact traffic routing draws each request's version from
     * {@code routingRng}. Call after {@link #placePods}, before {@link #start}.
     */
    public void deploy(java.util.List<io.headroom.design.DeploymentSpec> deployments, java.util.List<PodTemplate> templates,
                       java.util.List<String> endpoints, RandomGenerator routingRng) {
        rollouts = new Rollouts(name, replicas, station, sim, deployments, routingRng);
        replicas.rolledOutBy(rollouts);
        if (replicas.pods() != null) {
            for (int k = 0; k < templates.size(); k++) {
                PodTemplate t = templates.get(k);
                replicas.pods().version(k + 1, t.cpuMilli(), t.memoryBytes(), t.startup());
            }
        }
        Rollouts r = rollouts;
        r.analysedBy((spec, v, now) -> {
            CanaryAnalysis a = new CanaryAnalysis(spec, v, endpoints, sim, now, () -> r.changed(sim.now()));
            station.onServed(a::served);
            return a;
        });
    }

    /** Whether it has deployments. */
    public boolean deploys() {
        return rollouts != null;
    }

    /** The rollout under way (its progress deadline passed or not), or null. */
    public RolloutRecord currentRollout() {
        return rollouts == null ? null : rollouts.current();
    }

    /** The rollouts so far, in order (empty without deployments). */
    public java.util.List<RolloutRecord> rollouts() {
        return rollouts == null ? java.util.List.of() : rollouts.records();
    }

    /**
     * The share of the instances in service that run the version the latest rollout brought (0 before any rollout;
     * back to 0 after a rollback).
     */
    public double versionWeight() {
        java.util.List<RolloutRecord> r = rollouts();
        if (r.isEmpty() || station.instances() == 0) {
            return 0;
        }
        int v = r.get(r.size() - 1).version();
        int n = 0;
        for (int k = 0; k < station.instances(); k++) {
            if (station.version(station.instanceAt(k)) == v) {
                n++;
            }
        }
        return (double) n / station.instances();
    }

    /** Pods the VPA's updater evicted so far (0 without an updater). */
    public long verticalEvictions() {
        return updater == null ? 0 : updater.evictions();
    }

    /** Pods the VPA's updater evicted because their in-place resize was Infeasible or Deferred too long. */
    public long verticalResizeFallbacks() {
        return updater == null ? 0 : updater.fallbacks();
    }

    /** The VPA's recommendation now, or null (no VPA, or no recommendation yet). */
    public io.headroom.vpa.Recommendation recommendation() {
        return vertical == null ? null : vertical.recommendation();
    }

    /** The owner index of this fleet's pods on its cluster; -1 for a fleet of instances. */
    public int podOwner() {
        return replicas.pods() == null ? -1 : replicas.pods().owner();
    }

    /** Pods created and waiting for a node (0 for a fleet of instances). */
    public int pendingPods() {
        return replicas.pods() == null ? 0 : replicas.pods().pending();
    }

    /**
     * Ends billing (the bill covers the profile's length): launches and ends after this are not
     * billed, and spot instances are no longer interrupted.
     */
    public void stopBilling() {
        billing = Billing.NONE;
        replicas.bill(Billing.NONE);
        spot.stop();
    }

    /** Starts billing with no spot interruptions. */
    public void start(Billing billing) {
        start(billing, null);
    }

    /** Lets {@code scaler} set the desired count between {@code min} and {@code max}, reading sampled metrics. */
    public void autoscale(Scaler scaler, int min, int max, double cpuRequest, long historyNs, boolean latency) {
        this.scaler = scaler;
        station.setup().trackInstances(0);
        metrics = new FleetMetrics(station, station.workers(), cpuRequest, historyNs, latency);
        for (int i = 0; i < station.slotCount(); i++) {
            metrics.launched(i, 0);
        }
        replicas.measure(metrics);
        view = new FleetScalingView(sim, station, replicas, timers, metrics, startupNs + readinessNs, min, max);
        if (latency) {
            station.setup().onLeave(metrics::recordLatency);
        }
        sampleTimer = events.timer(this::onSample, 0);
        events.scheduleFirst(sampleTimer, 0);
        scaleTimer = events.timer(this::onScale, 0);
        long first = scaler.firstAtNs();
        if (first != Long.MAX_VALUE) {
            events.schedule(scaleTimer, first);
        }
    }

    /** A zone outage: zone {@code z} goes down at {@code at} and comes back at {@code until}. */
    public void outage(int z, long at, long until) {
        zones.outage(z, at, until);
    }

    /** Sets the desired count and launches or drains instances to reach it. */
    public void setDesired(int n, long now) {
        replicas.setDesired(n, now);
    }

    /** The station says instance {@code slot} ended: billing stops, its clocks stop. */
    @Override
    public void ended(int slot, long now) {
        billing.stopped(slot, now);
        timers.cancel(slot);
        crashes.cancel(slot);
        spot.cancel(slot);
        zones.forget(slot);
        // last: the pod leaving its node may let the scheduler bind a Pending pod at once, into this very slot
        if (replicas.pods() != null) {
            replicas.pods().ended(slot, now);
        }
        if (rollouts != null) {
            rollouts.changed(now);
        }
    }

    private void onSample(int unused) {
        long now = sim.now();
        metrics.sample(now / SECOND, station.received());
        events.scheduleFirst(sampleTimer, now + SECOND);
    }

    private void onScale(int unused) {
        long now = sim.now();
        int want = scaler.decide(view);
        if (want >= 0 && want != replicas.desired()) {
            setDesired(want, now);
        }
        long next = scaler.nextAtNs(now);
        if (next != Long.MAX_VALUE) {
            events.schedule(scaleTimer, next > now ? next : now + SECOND);
        }
    }

    public int desired() {
        return replicas.desired();
    }

    /** An autoscaler sets its desired count. */
    public boolean autoscaled() {
        return scaler != null;
    }

    /** The autoscaler's ceiling (0 when not autoscaled). */
    public int maxReplicas() {
        return view == null ? 0 : view.maxReplicas();
    }

    /** Instances ready to serve now. */
    public int ready() {
        return station.instances();
    }

    /** Instances launched after the start (scale-outs and replacements). */
    public long launches() {
        return replicas.launches();
    }

    public long crashes() {
        return crashes.crashes();
    }

    /** Spot interruption notices received. */
    public long interruptions() {
        return spot.interruptions();
    }

    /** Times the desired count went up, and down. */
    public long scaleOuts() {
        return replicas.scaleOuts();
    }

    public long scaleIns() {
        return replicas.scaleIns();
    }

    public String name() {
        return name;
    }

    InstanceTimers timers() {
        return timers;
    }

    Crashes crashFaults() {
        return crashes;
    }

    ZoneOutages zones() {
        return zones;
    }

    SpotInterruptions spot() {
        return spot;
    }

    ReplicaSet replicas() {
        return replicas;
    }
}
