package io.headroom.fleet;

import io.headroom.design.CanaryStep;
import io.headroom.design.DeploymentSpec;
import io.headroom.design.RolloutStrategy;
import io.headroom.design.TrafficRouting;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.rollout.Canary;
import io.headroom.rollout.Deployment;
import io.headroom.rollout.DeploymentController;
import io.headroom.rollout.Revision;
import io.headroom.service.ServiceStation;
import io.headroom.yaml.CountOrPercent;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's Deployment at run time: its versions (one ReplicaSet's worth of instances each, {@link ReplicaSet}
 * counting them per version) and its rollouts, each started at its {@code at} and driven by its strategy's controller
 * whenever something it watches changes — an instance ready, available ({@code min-ready} after ready), gone, or the
 * replicas asked for (the HPA) — as the controllers react to their informers' events:
 * <ul>
 *   <li>rolling update and recreate: the Deployment controller ({@link DeploymentController}, a sync repeated while it
 *       scales something, as its requeues do);</li>
 *   <li>instance refresh: the same arithmetic with {@code max-unavailable} the capacity above
 *       {@code min-healthy-percentage} (at least one instance when {@code max-healthy-percentage} is 100) and
 *       {@code max-surge} the room up to {@code max-healthy-percentage};</li>
 *   <li>blue-green (Argo Rollouts): the new version at full size held out of service, switched in once all of it is
 *       available, the old one withdrawn and kept for {@code scale-down-delay};</li>
 *   <li>canary (Argo Rollouts): each step's weight as pod counts ({@link Canary}) or exactly (a traffic router), the
 *       step done when both versions are at their counts and available, then its pause; older versions scaled down
 *       as availability allows ({@code scaleDownOldReplicaSetsForCanary}); an analysis ({@link CanaryAnalysis}) that
 *       aborts: weight 0, the stable version back to full, the rollout rolled back.</li>
 * </ul>
 * A rollout that makes no progress (Kubernetes' {@code DeploymentProgressing}: more updated, fewer old, more ready or
 * more available instances) for {@code progress-deadline} ends {@code failed}; its controller keeps trying, as
 * upstream's does.
 */
final class Rollouts {
    private static final int MAX_SYNCS = 64;

    private final String service;
    private final ReplicaSet replicas;
    private final ServiceStation station;
    private final Simulation sim;
    private final EventQueue events;
    private final List<DeploymentSpec> specs;
    private final List<RolloutRecord> records = new ArrayList<>();
    private final int[] versionOfSpec;
    private int stable;
    private Active active;
    private int next;
    private int wakeTimer = -1;
    private boolean syncing;
    private boolean again;
    private CanaryAnalysis.Factory analyses;
    private final org.apache.commons.math3.random.RandomGenerator routingRng;

    Rollouts(String service, ReplicaSet replicas, ServiceStation station, Simulation sim, List<DeploymentSpec> specs,
             org.apache.commons.math3.random.RandomGenerator routingRng) {
        this.routingRng = routingRng;
        this.service = service;
        this.replicas = replicas;
        this.station = station;
        this.sim = sim;
        this.events = sim.events();
        this.specs = List.copyOf(specs);
        this.versionOfSpec = new int[specs.size()];
        for (int k = 0; k < specs.size(); k++) {
            versionOfSpec[k] = replicas.addVersion();
        }
    }

    /** Canary analyses are measured by what {@code analyses} makes (the station's served requests by version). */
    void analysedBy(CanaryAnalysis.Factory analyses) {
        this.analyses = analyses;
    }

    /** Schedules the first rollout; call once before the run. */
    void start() {
        wakeTimer = events.timer(this::onWake, 0);
        scheduleWake(0);
    }

    /** The rollouts so far (those under way included), in order. */
    List<RolloutRecord> records() {
        return records;
    }

    /** The version serving now (the last rollout's new one once it completed). */
    int stable() {
        return stable;
    }

    /** The rollout under way, or null (also once it has failed at its progress deadline). */
    RolloutRecord current() {
        return active == null || active.record.failed() ? null : active.record;
    }

    /** The replicas asked for changed (an autoscaler): the controller spreads them over the versions. */
    void replicasChanged(long now) {
        sync(now);
    }

    /** An instance became ready or ended: the controller looks again, as an informer's event queues a sync. */
    void changed(long now) {
        if (syncing) {
            again = true; // heard inside the sync itself (an idle pod drained at once, an instance ready at launch)
            return;
        }
        if (wakeTimer >= 0 && !(events.isScheduled(wakeTimer) && events.timeOf(wakeTimer) == now)) {
            events.schedule(wakeTimer, now);
        }
    }

    private void onWake(int unused) {
        sync(sim.now());
    }

    private void sync(long now) {
        if (syncing) {
            again = true;
            return;
        }
        syncing = true;
        try {
            int rounds = 0;
            do {
                again = false;
                step(now);
            } while (again && ++rounds < MAX_SYNCS);
        } finally {
            syncing = false;
        }
        scheduleWake(now);
    }

    private void step(long now) {
        if (next < specs.size() && specs.get(next).at().toNanos() <= now) {
            if (active != null) {
                supersede(now);
            }
            begin(next++, now);
        }
        if (active == null) {
            for (int v = 0; v < replicas.versions(); v++) {
                replicas.setDesiredOf(v, v == stable ? replicas.desired() : 0);
            }
            replicas.reconcile(now);
            return;
        }
        switch (active.spec.strategy()) {
            case ROLLING_UPDATE, RECREATE, INSTANCE_REFRESH -> deploymentStep(now);
            case BLUE_GREEN -> blueGreenStep(now);
            case CANARY -> canaryStep(now);
        }
        active.record.observe(replicas, now, minReady());
        progress(now);
        if (active != null && active.done) {
            finish(now);
        }
    }

    private void begin(int k, long now) {
        DeploymentSpec spec = specs.get(k);
        int v = versionOfSpec[k];
        active = new Active(spec, v, stable, new RolloutRecord(service, spec.strategy().key(), now, v));
        records.add(active.record);
        active.lastProgressAt = now;
        active.status = status(now);
        if (spec.strategy() == RolloutStrategy.BLUE_GREEN) {
            replicas.hold(v, true, now);
        }
        if (spec.strategy() == RolloutStrategy.CANARY && spec.analysis() != null && analyses != null) {
            active.analysis = analyses.start(spec.analysis(), v, now);
        }
        if (spec.strategy() == RolloutStrategy.CANARY && spec.trafficRouting() == TrafficRouting.EXACT) {
            active.exact = true;
        }
    }

    /**
     * The next deployment is due while this one is still under way (or failed at its deadline): as when a Deployment's
     * template changes mid-rollout, the new rollout starts from every version that still has pods, and this one ends
     * {@code superseded} (unless it had already failed).
     */
    private void supersede(long now) {
        active.record.observe(replicas, now, minReady());
        active.record.supersede(now, replicas);
        if (active.analysis != null) {
            active.analysis.stop();
        }
        if (active.exact) {
            station.routeVersions(-1, 0, null);
        }
        // the new version serves alone once a blue-green release switched or a canary was promoted; a preview never
        // switched in is scaled away (Argo drops a stale preview) before it is let out of its hold, and any other old
        // version is the next rollout's to scale down
        boolean serving = active.switchedAt >= 0 || !active.aborted && active.stepIndex >= active.spec.steps().size()
                && active.spec.strategy() == RolloutStrategy.CANARY;
        if (active.spec.strategy() == RolloutStrategy.BLUE_GREEN && active.switchedAt < 0) {
            replicas.setDesiredOf(active.version, 0);
            replicas.reconcile(now);
            replicas.hold(active.version, false, now);
        }
        stable = serving ? active.version : active.stable;
        active = null;
    }

    private void finish(long now) {
        active.record.observe(replicas, now, minReady());
        active.record.end(now, replicas);
        if (active.analysis != null) {
            active.analysis.stop();
        }
        if (active.exact) {
            station.routeVersions(-1, 0, null);
        }
        stable = active.record.rolledBack() ? active.stable : active.version;
        active = null;
        replicas.setDesiredOf(stable, replicas.desired());
        replicas.reconcile(now);
    }

    // ---- rolling update, recreate, instance refresh: the Deployment controller

    private void deploymentStep(long now) {
        int n = replicas.desired();
        Deployment d = deployment(n);
        if (active.newRS == null) {
            List<Revision> olds = oldRevisions(n, d, now);
            active.newRS = d.rolling() ? DeploymentController.newRevision("v" + active.version, now, d, olds)
                    : new Revision("v" + active.version, now, 0).annotations(n, n);
            active.olds = olds;
        } else {
            refresh(active.newRS, active.version, now);
            for (Revision o : active.olds) {
                refresh(o, versionOf(o), now);
            }
        }
        for (int rounds = 0; rounds < MAX_SYNCS; rounds++) {
            boolean oldPodsRunning = false;
            for (Revision o : active.olds) {
                oldPodsRunning |= replicas.presentOf(versionOf(o)) > 0;
            }
            if (!DeploymentController.sync(d, active.newRS, active.olds, oldPodsRunning)) {
                break;
            }
        }
        replicas.setDesiredOf(active.version, active.newRS.replicas());
        int oldActive = 0;
        for (Revision o : active.olds) {
            replicas.setDesiredOf(versionOf(o), o.replicas());
        }
        replicas.reconcile(now);
        for (Revision o : active.olds) {
            oldActive += replicas.activeOf(versionOf(o));
        }
        // DeploymentComplete: updated == replicas == available == spec.replicas
        active.done = replicas.activeOf(active.version) == n && oldActive == 0
                && replicas.availableOf(active.version, now, minReady()) == n;
    }

    private Deployment deployment(int n) {
        DeploymentSpec s = active.spec;
        return switch (s.strategy()) {
            case RECREATE -> new Deployment(n, Deployment.Strategy.RECREATE, null, null);
            case INSTANCE_REFRESH -> {
                int minHealthy = (int) Math.ceil(n * s.minHealthyPercentage() / 100.0 - 1e-9);
                int room = (int) Math.floor(n * (s.maxHealthyPercentage() - 100) / 100.0 + 1e-9);
                int unavailable = n - minHealthy;
                if (room == 0 && unavailable == 0 && n > 0) {
                    unavailable = 1;
                }
                yield new Deployment(n, Deployment.Strategy.ROLLING_UPDATE, CountOrPercent.of(room), CountOrPercent.of(unavailable));
            }
            default -> new Deployment(n, Deployment.Strategy.ROLLING_UPDATE, s.maxSurge(), s.maxUnavailable());
        };
    }

    /** The revisions holding instances when a rollout begins, each annotated as sized for the Deployment as it is. */
    private List<Revision> oldRevisions(int n, Deployment d, long now) {
        List<Revision> olds = new ArrayList<>();
        int surge = DeploymentController.maxSurge(d);
        for (int v = 0; v < replicas.versions(); v++) {
            if (v != active.version && (v == active.stable || replicas.activeOf(v) > 0)) {
                Revision r = new Revision("v" + v, v, replicas.desiredOf(v)).annotations(n, n + surge);
                r.available(replicas.availableOf(v, now, minReady()));
                olds.add(r);
            }
        }
        return olds;
    }

    private void refresh(Revision r, int v, long now) {
        r.available(replicas.availableOf(v, now, minReady()));
    }

    private static int versionOf(Revision r) {
        return Integer.parseInt(r.name().substring(1));
    }

    // ---- blue-green (Argo Rollouts)

    private void blueGreenStep(long now) {
        int n = replicas.desired();
        int v = active.version;
        replicas.setDesiredOf(v, n);
        if (active.switchedAt < 0) {
            replicas.setDesiredOf(active.stable, n);
            replicas.reconcile(now);
            if (n > 0 && replicas.availableOf(v, now, minReady()) >= n) {
                active.switchedAt = now;
                active.record.switched(now);
                replicas.hold(v, false, now);
                for (int old = 0; old < replicas.versions(); old++) {
                    if (old != v) {
                        replicas.retire(old, active.spec.scaleDownDelay().toNanos(), now);
                    }
                }
            }
            return;
        }
        replicas.reconcile(now);
        int oldPresent = 0;
        for (int old = 0; old < replicas.versions(); old++) {
            if (old != v) {
                oldPresent += replicas.presentOf(old);
            }
        }
        active.done = oldPresent == 0;
    }

    // ---- canary (Argo Rollouts)

    private void canaryStep(long now) {
        DeploymentSpec s = active.spec;
        int n = replicas.desired();
        int v = active.version;
        if (active.analysis != null && !active.aborted && active.analysis.failed()) {
            active.aborted = true;
            active.pauseUntil = -1;
            active.record.abort(now, active.analysis.failures());
            if (active.exact) {
                station.routeVersions(-1, 0, null);
                active.exact = false;
            }
        }
        List<CanaryStep> steps = s.steps();
        boolean promoted = !active.aborted && active.stepIndex >= steps.size();
        int weight = active.aborted ? 0 : promoted ? 100 : steps.get(active.stepIndex).percent();
        int stableV = promoted ? v : active.stable;
        Revision canaryRS = revision(v, now);
        Revision stableRS = promoted ? canaryRS : revision(stableV, now);
        List<Revision> older = new ArrayList<>();
        for (int o = 0; o < replicas.versions(); o++) {
            if (o != v && o != stableV && replicas.desiredOf(o) > 0) {
                older.add(revision(o, now));
            }
        }
        int[] counts = Canary.replicaCounts(n, weight, s.maxSurge(), s.maxUnavailable(), active.exact, canaryRS, stableRS, older);
        replicas.setDesiredOf(v, counts[0]);
        if (stableV != v) {
            replicas.setDesiredOf(stableV, counts[1]);
        }
        scaleDownOlder(older, n, s, now);
        if (active.exact) {
            station.routeVersions(v, weight / 100.0, routingRng);
        }
        replicas.reconcile(now);
        if (active.aborted) {
            active.done = replicas.presentOf(v) == 0 && replicas.availableOf(active.stable, now, minReady()) == n;
            return;
        }
        if (promoted) {
            int oldPresent = 0;
            for (int o = 0; o < replicas.versions(); o++) {
                oldPresent += o == v ? 0 : replicas.activeOf(o);
            }
            active.done = oldPresent == 0 && replicas.availableOf(v, now, minReady()) == n;
            return;
        }
        if (active.pauseUntil < 0) {
            if (atDesiredCounts(counts, v, stableV, older, now)) {
                active.pauseUntil = now + steps.get(active.stepIndex).pause().toNanos();
            }
        }
        if (active.pauseUntil >= 0 && now >= active.pauseUntil) {
            active.stepIndex++;
            active.pauseUntil = -1;
            active.lastProgressAt = now; // Argo's RolloutResumed: the deadline counts again from here
            again = true;
        }
    }

    /** {@code AtDesiredReplicaCountsForCanary}: canary and stable at their counts and all available, older ones empty. */
    private boolean atDesiredCounts(int[] counts, int v, int stableV, List<Revision> older, long now) {
        if (replicas.desiredOf(v) != counts[0] || replicas.availableOf(v, now, minReady()) != counts[0]) {
            return false;
        }
        if (replicas.desiredOf(stableV) != counts[1] || replicas.availableOf(stableV, now, minReady()) != counts[1]) {
            return false;
        }
        for (Revision o : older) {
            if (replicas.availableOf(versionOf(o), now, minReady()) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code scaleDownOldReplicaSetsForCanary} without a traffic router: versions older than canary and stable shrink,
     * oldest first, by what availability above {@code replicas − maxUnavailable} allows.
     */
    private void scaleDownOlder(List<Revision> older, int n, DeploymentSpec s, long now) {
        if (older.isEmpty()) {
            return;
        }
        int available = 0;
        for (int o = 0; o < replicas.versions(); o++) {
            available += replicas.availableOf(o, now, minReady());
        }
        int unavailable = Math.min(n, DeploymentController.resolveFenceposts(s.maxSurge(), s.maxUnavailable(), n)[1]);
        int maxScaleDown = available - (n - unavailable);
        for (Revision o : older) {
            if (maxScaleDown <= 0) {
                break;
            }
            int down = Math.min(o.replicas(), maxScaleDown);
            replicas.setDesiredOf(versionOf(o), o.replicas() - down);
            maxScaleDown -= down;
        }
    }

    private Revision revision(int v, long now) {
        return new Revision("v" + v, v, replicas.desiredOf(v)).available(replicas.availableOf(v, now, minReady()));
    }

    // ---- progress

    /** {@code status} of the Deployment: updated, all, ready and available instances. */
    private int[] status(long now) {
        int all = 0;
        int ready = 0;
        int available = 0;
        for (int v = 0; v < replicas.versions(); v++) {
            all += replicas.activeOf(v);
            ready += replicas.readyOf(v);
            available += replicas.availableOf(v, now, minReady());
        }
        return new int[] {replicas.activeOf(active.version), all, ready, available};
    }

    /** {@code DeploymentProgressing} since the last look, and {@code DeploymentTimedOut}. */
    private void progress(long now) {
        if (active == null || active.done) {
            return;
        }
        int[] s = status(now);
        int[] o = active.status;
        if (s[0] > o[0] || s[1] - s[0] < o[1] - o[0] || s[2] > o[2] || s[3] > o[3]) {
            active.lastProgressAt = now;
        }
        active.status = s;
        if (!active.record.failed() && deadlineRuns() && now >= active.lastProgressAt + active.spec.progressDeadline().toNanos()) {
            active.record.fail(now, replicas);
        }
    }

    /**
     * Whether the progress deadline is watched now: not during a canary's pause, after a blue-green switch (only the
     * old fleet's delay is left) or once aborted — Argo's {@code requeueStuckRollout} skips a paused, aborted or
     * complete rollout.
     */
    private boolean deadlineRuns() {
        return active.pauseUntil < 0 && active.switchedAt < 0 && !active.aborted;
    }

    private long minReady() {
        return active == null ? 0 : active.spec.minReady().toNanos();
    }

    private void scheduleWake(long now) {
        long at = next < specs.size() ? Math.max(now, specs.get(next).at().toNanos()) : Long.MAX_VALUE;
        if (active != null) {
            for (int v = 0; v < replicas.versions(); v++) {
                at = Math.min(at, replicas.nextAvailableAt(v, now, minReady()));
            }
            if (active.pauseUntil > now) {
                at = Math.min(at, active.pauseUntil);
            }
            if (!active.record.failed() && deadlineRuns()) {
                at = Math.min(at, active.lastProgressAt + active.spec.progressDeadline().toNanos());
            }
        }
        if (at == Long.MAX_VALUE) {
            events.cancel(wakeTimer);
        } else if (!events.isScheduled(wakeTimer) || events.timeOf(wakeTimer) != at) {
            events.schedule(wakeTimer, Math.max(at, now));
        }
    }

    /** The rollout under way. */
    private static final class Active {
        final DeploymentSpec spec;
        final int version;
        final int stable;
        final RolloutRecord record;
        Revision newRS;
        List<Revision> olds = List.of();
        int[] status;
        long lastProgressAt;
        boolean done;
        long switchedAt = -1;
        int stepIndex;
        long pauseUntil = -1;
        boolean aborted;
        boolean exact;
        CanaryAnalysis analysis;

        Active(DeploymentSpec spec, int version, int stable, RolloutRecord record) {
            this.spec = spec;
            this.version = version;
            this.stable = stable;
            this.record = record;
        }
    }
}
