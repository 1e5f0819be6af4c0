package io.headroom.service;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The CPU credits of a burstable service's instances (EC2 T3, T3a, T4g), by AWS's rules. A credit is one vCPU busy for
 * a minute, accounted continuously. An instance earns {@code baseline × vCPUs} vCPU-time per unit of time and spends
 * the vCPU-time it uses (its busy vCPUs, what CloudWatch's CPU utilisation shows); its balance holds at most 24 hours
 * of earning, and starts at the run's {@code initial-credits} for the instances running at the start, at 0 for every
 * one launched later (T3, T3a and T4g get no launch credits).
 * <ul>
 *   <li><b>standard</b>: when the balance reaches 0 while the instance uses more than its baseline, it is held to its
 *       baseline — {@code baseline × vCPUs} vCPUs of CPU time, shared by its computations ({@link PodCpu#setCapacity})
 *       — until its use falls to the baseline, when it earns again and may burst on what it earns. (AWS lowers the
 *       CPU "gradually"; at what pace is not published: here it is held at once.)</li>
 *   <li><b>unlimited</b>: it keeps bursting past 0 on surplus credits, which credits earned later pay back first.
 *       Surplus is billed when it exceeds what the instance can earn in 24 hours (the excess, as it happens), when the
 *       instance ends, and for what is still owed at the run's end.</li>
 * </ul>
 * Between two changes of an instance's computations its use is constant, so its balance moves linearly: it is brought
 * up to date lazily, and one timer per instance fires only when a standard instance's balance runs out.
 */
public final class CpuCredits implements PodCpu.DemandListener {
    /** Nanoseconds of one vCPU's time in a credit. */
    public static final double NS_PER_CREDIT = 60e9;
    private static final double NS_PER_MS = 1e6;

    private final ServiceStation station;
    private final Processors cpu;
    private final Simulation sim;
    private final EventQueue events;
    private final EventHandler due = this::due;
    private final double vcpus;
    private final double earn;      // vCPUs earned: baseline × vCPUs
    private final double maxNs;     // the largest balance, vCPU-ns
    private final double initialNs; // the balance of instances running at the start, vCPU-ns
    private final boolean unlimited;
    private final LongConsumer surplusMeter; // vCPU-milliseconds of surplus billed

    private double[] balance = new double[0]; // vCPU-ns; below 0 in unlimited mode: surplus owed
    private long[] at = new long[0];
    private double[] level = new double[0];    // vCPUs in use since at
    private boolean[] held = new boolean[0];   // a standard instance held to its baseline
    private boolean[] live = new boolean[0];
    private int[] timer = new int[0];
    private double heldNs;    // instance-time held to the baseline
    private double billedNs;  // surplus vCPU-time billed
    private double unmeteredNs;

    /**
     * Credits for {@code station}'s instances of {@code vcpus} vCPUs and {@code baseline} per vCPU, from {@code initialCredits}
     * for those running now; {@code surplusMeter} (unlimited only) is given the surplus billed, in vCPU-milliseconds.
     */
    public CpuCredits(ServiceStation station, Simulation sim, int vcpus, double baseline, double initialCredits, boolean unlimited,
                      LongConsumer surplusMeter) {
        this.station = station;
        this.cpu = station.work().cpu();
        this.sim = sim;
        this.events = sim.events();
        this.vcpus = vcpus;
        this.earn = baseline * vcpus;
        this.maxNs = earn * 24 * 3600e9;
        this.initialNs = initialCredits * NS_PER_CREDIT;
        this.unlimited = unlimited;
        this.surplusMeter = surplusMeter;
        station.work().shape(0, 0);
        cpu.onDemandChange(this);
        for (int i = 0; i < station.slotCount(); i++) {
            if (station.state(i) != InstanceSlots.FREE) {
                launched(i, 0);
            }
        }
    }

    /** A new instance in slot {@code i}: its balance starts (at the initial balance at time 0, else empty). */
    void launched(int i, long now) {
        grow(i + 1);
        live[i] = true;
        balance[i] = now == 0 ? initialNs : 0;
        at[i] = now;
        held[i] = false;
        station.podCpu().setCapacity(i, vcpus, now);
        level[i] = cpu.busyCores(i);
    }

    /** Instance {@code i} ended: surplus it still owes is billed. */
    void ended(int i, long now) {
        if (i >= live.length || !live[i]) {
            return;
        }
        settle(i, now);
        if (balance[i] < 0) {
            bill(-balance[i]);
        }
        live[i] = false;
        balance[i] = 0;
        events.cancel(timer[i]);
    }

    @Override
    public void demandChanged(int i, long now) {
        if (i >= live.length || !live[i]) {
            return;
        }
        settle(i, now);
        decide(i, now);
    }

    /** The run ends at {@code now}: every instance's balance is brought up to date and the surplus still owed billed. */
    public void finish(long now) {
        for (int i = 0; i < live.length; i++) {
            if (live[i]) {
                settle(i, now);
                if (balance[i] < 0) {
                    bill(-balance[i]);
                    balance[i] = 0;
                }
            }
        }
        if (surplusMeter != null && unmeteredNs > 0) {
            surplusMeter.accept(Math.round(unmeteredNs / NS_PER_MS));
            unmeteredNs = 0;
        }
    }

    /** Instance {@code i}'s balance in credits now (negative: surplus owed). */
    public double credits(int i, long now) {
        if (i >= live.length || !live[i]) {
            return 0;
        }
        settle(i, now);
        return balance[i] / NS_PER_CREDIT;
    }

    /** Whether instance {@code i} is held to its baseline now. */
    public boolean held(int i) {
        return i < held.length && held[i];
    }

    /** Instance-seconds spent held to the baseline, up to the last change. */
    public double heldSeconds() {
        return heldNs / 1e9;
    }

    /** Surplus credits billed so far. */
    public double surplusCreditsBilled() {
        return billedNs / NS_PER_CREDIT;
    }

    /** Whether the instances run unlimited. */
    public boolean unlimited() {
        return unlimited;
    }

    private void due(int i) {
        long now = sim.now();
        settle(i, now);
        decide(i, now);
    }

    /** Brings instance {@code i}'s balance up to {@code now} at the use it had since the last change. */
    private void settle(int i, long now) {
        long dt = now - at[i];
        if (dt <= 0) {
            return;
        }
        at[i] = now;
        if (held[i]) {
            heldNs += dt;
        }
        double b = balance[i] + (earn - level[i]) * dt;
        if (b > maxNs) {
            b = maxNs;
        } else if (unlimited && b < -maxNs) {
            bill(-maxNs - b); // surplus past 24 hours of earning is billed as it is spent
            b = -maxNs;
        } else if (!unlimited && b < 0) {
            b = 0; // its timer fired at the first nanosecond at or past 0
        }
        balance[i] = b;
    }

    /** Holds a standard instance to its baseline, or frees it, and sets its timer for when its balance runs out. */
    private void decide(int i, long now) {
        if (!unlimited) {
            double want = Math.min(cpu.computing(i), vcpus);
            if (!held[i] && balance[i] <= 0 && want > earn) {
                held[i] = true;
                station.podCpu().setCapacity(i, earn, now);
            } else if (held[i] && (want <= earn || balance[i] > 0)) {
                held[i] = false;
                station.podCpu().setCapacity(i, vcpus, now);
            }
        }
        level[i] = cpu.busyCores(i);
        double net = level[i] - earn;
        if (!unlimited && !held[i] && net > 0 && balance[i] > 0) {
            events.schedule(timer[i], now + (long) Math.ceil(balance[i] / net));
        } else {
            events.cancel(timer[i]);
        }
    }

    private void bill(double ns) {
        billedNs += ns;
        if (surplusMeter == null) {
            return;
        }
        unmeteredNs += ns;
        long ms = (long) (unmeteredNs / NS_PER_MS);
        if (ms > 0) {
            surplusMeter.accept(ms);
            unmeteredNs -= ms * NS_PER_MS;
        }
    }

    private void grow(int n) {
        int old = live.length;
        if (n <= old) {
            return;
        }
        int size = Math.max(n, old * 2);
        balance = Arrays.copyOf(balance, size);
        at = Arrays.copyOf(at, size);
        level = Arrays.copyOf(level, size);
        held = Arrays.copyOf(held, size);
        live = Arrays.copyOf(live, size);
        timer = Arrays.copyOf(timer, size);
        for (int i = old; i < size; i++) {
            timer[i] = events.timer(due, i);
        }
    }
}
