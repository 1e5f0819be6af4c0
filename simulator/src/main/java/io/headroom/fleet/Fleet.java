package io.headroom.fleet;

import io.headroom.design.faults.FailureSpec;
import io.headroom.design.autoscaling.Metric;
import io.headroom.autoscale.ScalingView;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.service.ServiceStation;
import java.util.Arrays;

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
 */
public final class Fleet implements ServiceStation.InstanceListener {
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

    private static final byte TO_READY = 1;
    private static final byte DRAIN_TIMEOUT = 2;
    private static final byte REPAIRED = 3;
    private static final long SECOND = 1_000_000_000L;
    /** The notice EC2 gives before it reclaims a spot instance. */
    public static final long SPOT_NOTICE_NS = 120 * SECOND;

    private final String name;
    private final ServiceStation station;
    private final Simulation sim;
    private final EventQueue events;
    private final long startupNs;
    private final long readinessNs;
    private final long drainTimeoutNs;
    private final DurationSampler timeBetweenFailures;
    private final DurationSampler timeToRepair;
    private final int zones;
    private final boolean[] zoneDown;
    private Billing billing = Billing.NONE;
    private Scaler scaler;
    private FleetMetrics metrics;
    private int scaleTimer = -1;
    private int sampleTimer = -1;
    private int minReplicas;
    private int maxReplicas;

    private int desired;
    private long[] launchedAt = new long[0];
    private long[] readyAt = new long[0];
    private int[] lifecycleTimer = new int[0];
    private byte[] phase = new byte[0];
    private int[] failureTimer = new int[0];
    private int[] spotTimer = new int[0];
    private org.apache.commons.math3.random.RandomGenerator spotRng;
    private long interruptions;
    private boolean[] waitingForZone = new boolean[0];

    private long launches;
    private long crashes;
    private long scaleOuts;
    private long scaleIns;

    private final EventHandler onLifecycle = this::onLifecycle;
    private final EventHandler onFailure = this::onFailure;
    private final EventHandler onSpotNotice = this::onSpotNotice;

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
        this.drainTimeoutNs = drainTimeoutNs;
        this.timeBetweenFailures = timeBetweenFailures;
        this.timeToRepair = timeToRepair;
        this.zones = Math.max(1, zones);
        this.zoneDown = new boolean[this.zones];
        this.desired = station.present();
        this.minReplicas = desired;
        this.maxReplicas = desired;
        station.onInstanceEnded(this);
        ensure(station.slotCount());
    }

    /**
     * Starts billing the initial instances and their failure processes; call once before the run.
     * {@code spotRng} draws the spot interruptions of the instances {@code billing} calls spot.
     */
    public void start(Billing billing, org.apache.commons.math3.random.RandomGenerator spotRng) {
        this.billing = billing;
        this.spotRng = spotRng;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.state(i) != ServiceStation.FREE) {
                launchedAt[i] = 0;
                readyAt[i] = 0;
                billing.started(i, 0);
                scheduleSpotNotice(i, 0);
                scheduleFailure(i, 0);
            }
        }
    }

    /**
     * Ends billing (the bill covers the profile's length): launches and ends after this are not
     * billed, and spot instances are no longer interrupted.
     */
    public void stopBilling() {
        billing = Billing.NONE;
        for (int i = 0; i < spotTimer.length; i++) {
            events.cancel(spotTimer[i]);
        }
    }

    /** Starts billing with no spot interruptions. */
    public void start(Billing billing) {
        start(billing, null);
    }

    /** A spot instance's interruption notice comes after an exponential time at the billing's rate (a Poisson process). */
    private void scheduleSpotNotice(int i, long now) {
        double perHour = billing.spotInterruptionsPerHour();
        if (spotRng != null && perHour > 0 && billing.isSpot(i)) {
            double hours = -Math.log(1 - spotRng.nextDouble()) / perHour;
            events.schedule(spotTimer[i], now + Math.max(1, (long) Math.min(hours * 3600e9, 1e18)));
        }
    }

    /**
     * Two minutes' notice: the instance is drained (no new work), a replacement is launched at
     * once (AWS capacity rebalancing), and whatever it still holds when the two minutes are over is lost.
     */
    private void onSpotNotice(int i) {
        long now = sim.now();
        byte st = station.state(i);
        if (st == ServiceStation.FREE) {
            return;
        }
        interruptions++;
        billing.leaving(i); // its replacement is chosen as if it were gone already (AWS capacity rebalancing)
        long reclaim = now + SPOT_NOTICE_NS;
        if (st == ServiceStation.READY) {
            station.drain(i, now);
            if (station.state(i) == ServiceStation.DRAINING) {
                arm(i, DRAIN_TIMEOUT, Math.min(now + drainTimeoutNs, reclaim));
            }
        } else if (st == ServiceStation.DRAINING) {
            if (!events.isScheduled(lifecycleTimer[i]) || events.timeOf(lifecycleTimer[i]) > reclaim) {
                arm(i, DRAIN_TIMEOUT, reclaim);
            }
        } else {
            station.drain(i, now); // starting or down: simply ends
        }
        reconcile(now);
    }

    /** Lets {@code scaler} set the desired count between {@code min} and {@code max}, reading sampled metrics. */
    public void autoscale(Scaler scaler, int min, int max, double cpuRequest, long historyNs, boolean latency) {
        this.scaler = scaler;
        this.minReplicas = min;
        this.maxReplicas = max;
        station.trackInstances(0);
        metrics = new FleetMetrics(station, station.workers(), cpuRequest, historyNs, latency);
        for (int i = 0; i < station.slotCount(); i++) {
            metrics.launched(i, 0);
        }
        if (latency) {
            station.onLeave(metrics::recordLatency);
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
        events.once(this::zoneGoesDown, z, at);
        events.once(this::zoneComesBack, z, until);
    }

    // ---- desired count --------------------------------------------------------------------

    /** Sets the desired count and launches or drains instances to reach it. */
    public void setDesired(int n, long now) {
        if (n > desired) {
            scaleOuts++;
        } else if (n < desired) {
            scaleIns++;
        }
        desired = n;
        reconcile(now);
    }

    private void reconcile(long now) {
        int active = 0;
        for (int i = 0; i < station.slotCount(); i++) {
            if (isActive(i)) {
                active++;
            }
        }
        while (active < desired) {
            launch(now);
            active++;
        }
        while (active > desired) {
            int victim = pickVictim();
            if (victim < 0) {
                break;
            }
            removeOne(victim, now);
            active--;
        }
    }

    private boolean isActive(int i) {
        byte st = station.state(i);
        return st == ServiceStation.STARTING || st == ServiceStation.READY || st == ServiceStation.DOWN;
    }

    /** A ReplicaSet's order for deletion: not ready before ready (starting, then down), then the newest. */
    private int pickVictim() {
        int best = -1;
        for (int i = 0; i < station.slotCount(); i++) {
            if (!isActive(i)) {
                continue;
            }
            if (best < 0 || rank(i) < rank(best) || rank(i) == rank(best) && launchedAt[i] >= launchedAt[best]) {
                best = i;
            }
        }
        return best;
    }

    private int rank(int i) {
        byte st = station.state(i);
        return st == ServiceStation.STARTING ? 0 : st == ServiceStation.DOWN ? 1 : 2;
    }

    private void removeOne(int i, long now) {
        boolean wasReady = station.state(i) == ServiceStation.READY;
        billing.leaving(i);
        station.drain(i, now);
        if (wasReady && station.state(i) == ServiceStation.DRAINING) {
            arm(i, DRAIN_TIMEOUT, now + drainTimeoutNs);
        }
    }

    private void launch(long now) {
        int zone = healthiestZone();
        int i = station.launch(now, zone);
        ensure(station.slotCount());
        launches++;
        launchedAt[i] = now;
        readyAt[i] = -1;
        waitingForZone[i] = false;
        if (metrics != null) {
            metrics.launched(i, now);
        }
        billing.started(i, now);
        scheduleSpotNotice(i, now);
        long at = now + startupNs + readinessNs;
        if (at == now && !zoneDown[station.zoneOf(i)]) {
            becomeReady(i, now);
        } else {
            arm(i, TO_READY, at);
        }
    }

    /** The healthy zone with the fewest active instances (the lowest-numbered on a tie); -1 without zones. */
    private int healthiestZone() {
        if (zones == 1) {
            return -1;
        }
        int[] count = new int[zones];
        for (int i = 0; i < station.slotCount(); i++) {
            if (isActive(i)) {
                count[station.zoneOf(i)]++;
            }
        }
        int best = -1;
        for (int z = 0; z < zones; z++) {
            if (!zoneDown[z] && (best < 0 || count[z] < count[best])) {
                best = z;
            }
        }
        return best < 0 ? 0 : best;
    }

    private void becomeReady(int i, long now) {
        station.ready(i, now);
        readyAt[i] = now;
        scheduleFailure(i, now);
    }

    // ---- timers ---------------------------------------------------------------------------

    private void arm(int i, byte what, long at) {
        phase[i] = what;
        events.schedule(lifecycleTimer[i], at);
    }

    private void onLifecycle(int i) {
        long now = sim.now();
        byte st = station.state(i);
        switch (phase[i]) {
            case TO_READY -> {
                if (st == ServiceStation.STARTING) {
                    if (zoneDown[station.zoneOf(i)]) {
                        waitingForZone[i] = true;
                    } else {
                        becomeReady(i, now);
                    }
                }
            }
            case DRAIN_TIMEOUT -> {
                if (st == ServiceStation.DRAINING) {
                    station.lose(i, now, false);
                }
            }
            case REPAIRED -> {
                if (st == ServiceStation.DOWN) {
                    if (zoneDown[station.zoneOf(i)]) {
                        waitingForZone[i] = true;
                    } else {
                        becomeReady(i, now);
                    }
                }
            }
            default -> throw new IllegalStateException("instance " + i + " of " + name + ": no lifecycle step");
        }
    }

    private void scheduleFailure(int i, long now) {
        if (timeBetweenFailures != null) {
            events.schedule(failureTimer[i], now + Math.max(1, timeBetweenFailures.sampleNanos()));
        }
    }

    /** Instance {@code i} crashes: it loses what it holds and is repaired in place. */
    private void onFailure(int i) {
        long now = sim.now();
        byte st = station.state(i);
        if (st == ServiceStation.READY) {
            crashes++;
            station.lose(i, now, true);
            arm(i, REPAIRED, now + Math.max(0, timeToRepair.sampleNanos()));
        } else if (st == ServiceStation.DRAINING) {
            crashes++;
            station.lose(i, now, false);
        }
    }

    private void zoneGoesDown(int z) {
        long now = sim.now();
        zoneDown[z] = true;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.zoneOf(i) != z) {
                continue;
            }
            byte st = station.state(i);
            if (st == ServiceStation.READY) {
                station.lose(i, now, true);
                events.cancel(failureTimer[i]);
                waitingForZone[i] = true;
                events.cancel(lifecycleTimer[i]);
            } else if (st == ServiceStation.DRAINING) {
                station.lose(i, now, false);
            }
        }
    }

    private void zoneComesBack(int z) {
        long now = sim.now();
        zoneDown[z] = false;
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.zoneOf(i) == z && waitingForZone[i]) {
                waitingForZone[i] = false;
                byte st = station.state(i);
                if (st == ServiceStation.DOWN || st == ServiceStation.STARTING) {
                    if (st == ServiceStation.DOWN && events.isScheduled(lifecycleTimer[i]) && phase[i] == REPAIRED) {
                        continue; // a crash's repair still under way
                    }
                    if (st == ServiceStation.STARTING && events.isScheduled(lifecycleTimer[i])) {
                        continue; // still starting: it becomes ready at its own time
                    }
                    becomeReady(i, now);
                }
            }
        }
    }

    /** The station says instance {@code slot} ended: billing stops, its clocks stop. */
    @Override
    public void ended(int slot, long now) {
        billing.stopped(slot, now);
        events.cancel(lifecycleTimer[slot]);
        events.cancel(failureTimer[slot]);
        events.cancel(spotTimer[slot]);
        waitingForZone[slot] = false;
    }

    private void ensure(int slots) {
        if (launchedAt.length >= slots) {
            return;
        }
        int old = launchedAt.length;
        int n = Math.max(slots, old * 2);
        launchedAt = Arrays.copyOf(launchedAt, n);
        readyAt = Arrays.copyOf(readyAt, n);
        phase = Arrays.copyOf(phase, n);
        waitingForZone = Arrays.copyOf(waitingForZone, n);
        lifecycleTimer = Arrays.copyOf(lifecycleTimer, n);
        failureTimer = Arrays.copyOf(failureTimer, n);
        spotTimer = Arrays.copyOf(spotTimer, n);
        for (int i = old; i < n; i++) {
            lifecycleTimer[i] = events.timer(onLifecycle, i);
            failureTimer[i] = events.timer(onFailure, i);
            spotTimer[i] = events.timer(onSpotNotice, i);
        }
    }

    // ---- autoscaling ----------------------------------------------------------------------

    private void onSample(int unused) {
        long now = sim.now();
        metrics.sample(now / SECOND, station.received());
        events.scheduleFirst(sampleTimer, now + SECOND);
    }

    private void onScale(int unused) {
        long now = sim.now();
        int want = scaler.decide(view);
        if (want >= 0 && want != desired) {
            setDesired(want, now);
        }
        long next = scaler.nextAtNs(now);
        if (next != Long.MAX_VALUE) {
            events.schedule(scaleTimer, next > now ? next : now + SECOND);
        }
    }

    /** What the scaler sees: the instances that are not being removed, in slot order. */
    private final ScalingView view = new ScalingView() {
        private int[] pods = new int[0];
        private int podCount;
        private long builtAt = -1;
        private long builtEvents = -1;

        private void build() {
            long now = sim.now();
            if (builtAt == now && builtEvents == sim.processed()) {
                return;
            }
            pods = Arrays.copyOf(pods, Math.max(pods.length, station.slotCount()));
            podCount = 0;
            for (int i = 0; i < station.slotCount(); i++) {
                if (isActive(i)) {
                    pods[podCount++] = i;
                }
            }
            builtAt = now;
            builtEvents = sim.processed();
        }

        @Override
        public long nowNs() {
            return sim.now();
        }

        @Override
        public int desired() {
            return desired;
        }

        @Override
        public int minReplicas() {
            return minReplicas;
        }

        @Override
        public int maxReplicas() {
            return maxReplicas;
        }

        @Override
        public int pods() {
            build();
            return podCount;
        }

        @Override
        public boolean ready(int pod) {
            build();
            return station.state(pods[pod]) == ServiceStation.READY;
        }

        @Override
        public long startedNs(int pod) {
            build();
            return launchedAt[pods[pod]];
        }

        @Override
        public long readySinceNs(int pod) {
            build();
            return station.state(pods[pod]) == ServiceStation.READY ? readyAt[pods[pod]] : -1;
        }

        @Override
        public double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs) {
            build();
            if (metric == Metric.LATENCY_P95 || metric == Metric.RPS_TOTAL) {
                return fleetValue(metric, intervalNs, windowNs, lagNs);
            }
            return metrics.podValue(metric, pods[pod], sim.now(), intervalNs, windowNs, lagNs);
        }

        @Override
        public double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs) {
            build();
            long now = sim.now();
            if (metric == Metric.LATENCY_P95) {
                return metrics.latencyP95Ms(now, intervalNs, windowNs, lagNs);
            }
            if (metric == Metric.RPS_TOTAL) {
                return metrics.totalRate(now, intervalNs, windowNs, lagNs);
            }
            double sum = 0;
            int n = 0;
            for (int k = 0; k < podCount; k++) {
                int i = pods[k];
                if (station.state(i) != ServiceStation.READY) {
                    continue;
                }
                double v = metrics.podValue(metric, i, now, intervalNs, windowNs, lagNs);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        @Override
        public long startupNs() {
            return startupNs + readinessNs;
        }
    };

    public int desired() {
        return desired;
    }

    /** Instances launched after the start (scale-outs and replacements). */
    public long launches() {
        return launches;
    }

    public long crashes() {
        return crashes;
    }

    /** Spot interruption notices received. */
    public long interruptions() {
        return interruptions;
    }

    /** Times the desired count went up, and down. */
    public long scaleOuts() {
        return scaleOuts;
    }

    public long scaleIns() {
        return scaleIns;
    }

    public String name() {
        return name;
    }
}
