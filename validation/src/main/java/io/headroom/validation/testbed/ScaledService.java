package io.headroom.validation.testbed;

import io.headroom.autoscale.Autoscaler;
import io.headroom.design.autoscaling.Metric;
import io.headroom.autoscale.ScalingView;
import io.headroom.design.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An autoscaled service in the testbed, scaled by the simulator's own {@link Autoscaler} on measured metrics.
 * Its instances sit behind a {@link Router}; this class is the {@link ScalingView} the policy reads, as the
 * simulator's {@code Fleet} is:
 * <ul>
 *   <li>the clock starts at the first request the router receives (Gatling's first request, the profile's
 *       time 0), and the autoscaler is evaluated on a wall-clock timer at its own times from there;</li>
 *   <li>every second each instance's integral of busy workers ({@link InstanceServer#busyWorkerNs}) and its
 *       busy cores' integral ({@link CpuGate#heldCoreNs}: its consumed CPU time, on a machine with a processor free
 *       for each core) are sampled;
 *       {@code utilisation} over a policy's window is the difference of two samples over the window's length
 *       and the workers, {@code cpu} the difference of the CPU samples over the length and the
 *       {@code cpu-request} (else the cores), with the same span rule as the simulator's {@code FleetMetrics} (the span ends at the
 *       last multiple of the sampling interval at or before now − lag; an instance launched inside it is
 *       averaged from its first sample);</li>
 *   <li>a new instance is a server started at once that joins the router only after {@code startup} +
 *       {@code readiness-delay};</li>
 *   <li>on scale-in the victim is chosen as a ReplicaSet does (the simulator's {@code Fleet.pickVictim}):
 *       a starting instance first, then the newest; a ready one leaves the router, finishes what it holds
 *       (at most {@code drain-timeout}) and stops.</li>
 * </ul>
 * All scaling state lives on one thread (this service's timer). Every second the count of instances in any
 * state (starting, ready, draining: what the simulator's {@code NAME.instances} counts) is recorded.
 */
public final class ScaledService implements ScalingView, AutoCloseable {
    private static final long SECOND = 1_000_000_000L;
    private static final byte STARTING = 0;
    private static final byte READY = 1;
    private static final byte DRAINING = 2;
    private static final byte STOPPED = 3;

    /** How a new instance is made and started (bound, its workers running), by its index. */
    interface Launcher {
        InstanceServer launch(int index) throws IOException;
    }

    /** One scale event: at {@code tS} (from the clock's start) the desired count went from {@code from} to {@code to}. */
    public record ScaleEvent(double tS, int from, int to) {
    }

    /** What was measured of the service: per second, instances in any state and the desired count; the events. */
    public record Timeline(String service, double syncPeriodS, List<int[]> perSecond, List<ScaleEvent> events) {
    }

    private final class Instance {
        final InstanceServer server;
        final long launchedNs;
        final long firstTick;
        long readyNs = -1;
        int slot = -1;
        byte state;
        long drainDeadlineNs;
        final List<Long> samples = new ArrayList<>(); // busy-worker integral at ticks firstTick, firstTick+1, ...
        final List<Long> cpuSamples = new ArrayList<>(); // busy-core integral at the same ticks

        Instance(InstanceServer server, long launchedNs, byte state) {
            this.server = server;
            this.launchedNs = launchedNs;
            this.state = state;
            this.firstTick = launchedNs <= 0 ? 0 : launchedNs / SECOND + 1;
        }
    }

    private final String name;
    private final ServiceSpec spec;
    private final Autoscaler autoscaler;
    private final Router router;
    private final Launcher launcher;
    private final ScheduledExecutorService clock;
    private final List<Instance> all = new ArrayList<>();
    private final List<Instance> pods = new ArrayList<>();
    private final List<int[]> perSecond = new ArrayList<>();
    private final List<ScaleEvent> events = new ArrayList<>();
    private final long readyAfterNs;
    private final double syncPeriodS;
    private long originNs;
    private long lastTick = -1;
    private int desired;
    private int nextIndex;

    ScaledService(String name, ServiceSpec spec, Router router, List<InstanceServer> initial, Launcher launcher) {
        this.name = name;
        this.spec = spec;
        this.autoscaler = Autoscaler.of(spec.autoscaling(), spec.replicas());
        this.router = router;
        this.launcher = launcher;
        this.readyAfterNs = spec.startup().toNanos() + spec.readinessDelay().toNanos();
        this.syncPeriodS = syncPeriodS(autoscaler);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "testbed-" + name + "-autoscaler");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        clock = t;
        for (InstanceServer s : initial) {
            Instance i = new Instance(s, 0, READY);
            i.readyNs = 0;
            i.slot = all.size();
            all.add(i);
            pods.add(i);
        }
        nextIndex = initial.size();
        desired = initial.size();
        router.onFirstRequest(() -> clock.execute(this::begin));
    }

    /** The period between the policies' evaluations (the HPA's sync period, 60 s for target tracking). */
    private static double syncPeriodS(Autoscaler a) {
        long p = Long.MAX_VALUE;
        for (var policy : a.policies()) {
            p = Math.min(p, policy.periodNs());
        }
        return p == Long.MAX_VALUE ? Double.NaN : p / 1e9;
    }

    private void begin() {
        originNs = System.nanoTime();
        clock.scheduleAtFixedRate(this::sample, SECOND, SECOND, TimeUnit.NANOSECONDS);
        scheduleDecision();
    }

    private long now() {
        return System.nanoTime() - originNs;
    }

    private void scheduleDecision() {
        long at = autoscaler.nextEvaluationNs();
        if (at != Long.MAX_VALUE) {
            clock.schedule(this::evaluate, Math.max(0, at - now()), TimeUnit.NANOSECONDS);
        }
    }

    private void sample() {
        long tick = Math.round(now() / (double) SECOND);
        int present = 0;
        for (Instance i : all) {
            if (i.state == STOPPED) {
                continue;
            }
            present++;
            if (tick >= i.firstTick) {
                while (i.firstTick + i.samples.size() < tick) { // a late tick: repeat the last value
                    i.samples.add(i.samples.isEmpty() ? 0L : i.samples.get(i.samples.size() - 1));
                    i.cpuSamples.add(i.cpuSamples.isEmpty() ? 0L : i.cpuSamples.get(i.cpuSamples.size() - 1));
                }
                if (i.firstTick + i.samples.size() == tick) {
                    i.samples.add(i.server.busyWorkerNs());
                    i.cpuSamples.add(busyCoreNs(i.server));
                }
            }
            if (i.state == DRAINING && (i.server.held() == 0 && router.inFlight(i.slot) == 0 || now() >= i.drainDeadlineNs)) {
                stop(i);
            }
        }
        lastTick = Math.max(lastTick, tick);
        perSecond.add(new int[] {(int) tick, present, desired});
    }

    private void evaluate() {
        try {
            int d = autoscaler.decide(this);
            if (d != desired) {
                events.add(new ScaleEvent(now() / 1e9, desired, d));
                desired = d;
                reconcile();
            }
        } catch (IOException | RuntimeException e) {
            events.add(new ScaleEvent(now() / 1e9, desired, -1));
        } finally {
            scheduleDecision();
        }
    }

    private void reconcile() throws IOException {
        while (pods.size() < desired) {
            launch();
        }
        while (pods.size() > desired) {
            Instance victim = pickVictim();
            pods.remove(victim);
            if (victim.state == STARTING) {
                stop(victim);
            } else {
                router.remove(victim.slot);
                victim.state = DRAINING;
                victim.drainDeadlineNs = now() + spec.drainTimeout().toNanos();
            }
        }
    }

    /** A ReplicaSet's order for deletion: starting before ready, then the newest. */
    private Instance pickVictim() {
        Instance best = null;
        for (Instance i : pods) {
            if (best == null || rank(i) < rank(best) || rank(i) == rank(best) && i.launchedNs >= best.launchedNs) {
                best = i;
            }
        }
        return best;
    }

    private static int rank(Instance i) {
        return i.state == STARTING ? 0 : 2;
    }

    private void launch() throws IOException {
        Instance i = new Instance(launcher.launch(nextIndex++), now(), STARTING);
        all.add(i);
        pods.add(i);
        clock.schedule(() -> {
            if (i.state == STARTING) {
                i.slot = router.add(URI.create("http://127.0.0.1:" + i.server.port()));
                i.state = READY;
                i.readyNs = now();
            }
        }, readyAfterNs, TimeUnit.NANOSECONDS);
    }

    private void stop(Instance i) {
        i.state = STOPPED;
        i.server.close();
    }

    /** The router its instances join when ready and leave when they begin to drain. */
    Router router() {
        return router;
    }

    /** What was measured so far (call after the run; copies). */
    Timeline timeline() {
        try {
            return clock.submit(() -> new Timeline(name, syncPeriodS, List.copyOf(perSecond), List.copyOf(events))).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new Timeline(name, syncPeriodS, List.of(), List.of());
        }
    }

    // ---- ScalingView: pods are the instances not being removed, in launch order; times from the clock's start

    @Override
    public long nowNs() {
        return now();
    }

    @Override
    public int desired() {
        return desired;
    }

    @Override
    public int minReplicas() {
        return autoscaler.minReplicas();
    }

    @Override
    public int maxReplicas() {
        return autoscaler.maxReplicas();
    }

    @Override
    public int pods() {
        return pods.size();
    }

    @Override
    public boolean ready(int pod) {
        return pods.get(pod).state == READY;
    }

    @Override
    public long startedNs(int pod) {
        return pods.get(pod).launchedNs;
    }

    @Override
    public long readySinceNs(int pod) {
        return pods.get(pod).readyNs;
    }

    /** The time the instance's cores were held by computing requests so far: its busy cores' integral (0 when it only sleeps). */
    private static long busyCoreNs(InstanceServer server) {
        CpuGate cpu = server.cpu();
        return cpu == null ? 0 : cpu.heldCoreNs();
    }

    /**
     * What the simulator's {@code cpu} metric divides busy cores by: the {@code cpu-request}, else the instance's
     * cores (with no computing endpoint nothing is consumed, and any positive divisor gives 0).
     */
    private double cpuRequest(Instance i) {
        if (spec.cpuRequest() != null) {
            return spec.cpuRequest();
        }
        CpuGate cpu = i.server.cpu();
        return cpu == null ? 1 : cpu.cores();
    }

    @Override
    public double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs) {
        if (metric != Metric.UTILISATION && metric != Metric.CPU) {
            return Double.NaN; // Testbed.check admits utilisation and cpu policies only
        }
        long step = Math.max(1, intervalNs / SECOND);
        long end = Math.floorDiv(Math.floorDiv(now() - lagNs, SECOND), step) * step;
        end = Math.min(end, lastTick);
        long start = Math.max(0, end - Math.max(1, windowNs / SECOND));
        if (end <= 0) {
            return Double.NaN;
        }
        Instance i = pods.get(pod);
        long t1 = Math.max(start, i.firstTick);
        long t2 = Math.min(end, i.firstTick + i.samples.size() - 1);
        if (t2 <= t1) {
            return Double.NaN;
        }
        if (metric == Metric.CPU) { // busy cores over the span, over the cpu-request
            long cpu = i.cpuSamples.get((int) (t2 - i.firstTick)) - i.cpuSamples.get((int) (t1 - i.firstTick));
            return cpu / ((t2 - t1) * (double) SECOND) / cpuRequest(i);
        }
        long area = i.samples.get((int) (t2 - i.firstTick)) - i.samples.get((int) (t1 - i.firstTick));
        return area / ((t2 - t1) * (double) SECOND) / spec.concurrency();
    }

    @Override
    public double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < pods.size(); k++) {
            if (pods.get(k).state != READY) {
                continue;
            }
            double v = podValue(metric, k, intervalNs, windowNs, lagNs);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public long startupNs() {
        return readyAfterNs;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        for (Instance i : all) {
            if (i.state != STOPPED) {
                try {
                    i.server.close();
                } catch (RuntimeException e) {
                    // closing the rest matters more
                }
            }
        }
    }
}
