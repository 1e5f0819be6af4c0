package io.headroom.service;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * The CPUs of each instance: {@code cores} cores shared by the requests computing on it.
 *
 * <p><b>Processor sharing.</b> The {@code n} computing requests of an instance share its cores
 * equally: each progresses at rate min(1, cores/n). A virtual clock per instance advances at
 * that rate (the CPU time one request has received); a request's computation ends when the
 * virtual clock reaches its virtual finish (virtual time at start + demand). Only the smallest
 * virtual finish needs an event, so one timer per instance, rescheduled whenever n changes, serves
 * all its computing requests (a heap keeps them by virtual finish) without touching the others.
 * When the timer fires, the owner takes the finished request with {@link #finishEarliest}.
 *
 * <p><b>Dedicated cores.</b> With a core per worker ({@code workers <= cores}) no request is ever
 * slowed: each computation is one event of its own at start + demand, stored in the request's
 * {@code workEvent} (so a lost instance can cancel it), and the owner calls
 * {@link #finishDedicated} when it fires. No virtual clock, heap or reschedule is needed.
 *
 * <p><b>Shaped CPU</b> (a pod with a CPU limit, or pods sharing their node's cores): each instance has a capacity
 * in cores, which its node may change ({@link #setCapacity}), and with a limit a CFS quota of limit × period of CPU
 * time per period, periods aligned on multiples of the period from time 0. Its {@code n} computing requests progress
 * at min(1, capacity/n) and use min(n, capacity) cores; the CPU used in the current period is brought up to date
 * lazily, with the virtual clock. One more timer per instance fires when the quota is predicted to run out, then the
 * instance is <i>throttled</i> (capacity 0, every computation stalled) until the period's end, when the timer fires
 * again. An instance that computes faster than its limit also wakes at each period's end to start the next period's
 * prediction. Without shaping none of this runs: the unshaped path is the one above.
 *
 * <p><b>Simultaneous multithreading.</b> When the cores are an x86 type's vCPUs, each is a hyperthread: two of them
 * share one physical core, so {@code cores} vCPUs are {@code cores / 2} cores ({@link #smt}). With {@code n}
 * computations the Linux scheduler fills the physical cores first, so they deliver C(n) = n up to cores / 2, then each
 * further one adds only gain − 1 of a solo thread (two busy siblings run at {@code gain} times one alone), up to
 * cores / 2 × gain with every vCPU busy; each computation progresses at C(n) / n. A dedicated core per worker then
 * needs {@code workers <= cores / 2}. The vCPUs in use (what CloudWatch's CPU utilisation counts, and what burstable
 * CPU credits are spent on) are still min(n, cores).
 */
final class Processors {
    private final Requests req;
    private final EventQueue events;
    private final EventHandler instanceTimer;
    private final EventHandler requestDone;
    private final int workers;
    private final int cores;
    private boolean dedicated;
    private int[] computing;
    private double[] virtualTime;
    private long[] virtualAt;
    private int[][] heap; // per instance: computing requests by virtual finish
    private int[] timer;
    private int busyCores;
    private double shapedBusyCores; // with shaping, busy cores over every instance (fractions of a core when shared)

    private boolean shaped;
    private long quotaNs; // a CPU limit's quota per period; 0: no limit
    private long periodNs;
    private double limitCores;
    private EventHandler quotaTimer;
    private double[] capacity;     // per instance: the cores it may use now (throttling aside)
    private long[] throttledUntil; // per instance: the end of the period it is throttled in; 0 when it is not
    private double[] used;         // per instance: CPU time used in the current period, ns
    private double[] level;        // per instance: cores it uses now
    private int[] quota;           // per instance: its quota timer
    private long throttledPeriods;
    private double stalledNs;
    private PodCpu.DemandListener listener;
    private double[] smtRate;      // with SMT: per number computing n (up to the workers), the rate each progresses at
    private double[] smtDelivered; // with SMT: per n, the solo-vCPU equivalents n computations get, C(n)

    /**
     * @param instanceTimer fired with the instance when its earliest shared computation is due
     * @param requestDone   fired with the request when its computation on a dedicated core is done
     */
    Processors(Requests req, EventQueue events, int workers, int cores, EventHandler instanceTimer, EventHandler requestDone) {
        this.req = req;
        this.events = events;
        this.workers = workers;
        this.cores = cores;
        this.dedicated = workers <= cores;
        this.instanceTimer = instanceTimer;
        this.requestDone = requestDone;
        computing = new int[0];
        virtualTime = new double[0];
        virtualAt = new long[0];
        heap = new int[0][];
        timer = new int[0];
    }

    /** Grows to {@code n} instances, each idle with its timer. */
    void grow(int n) {
        int old = computing.length;
        computing = Arrays.copyOf(computing, n);
        virtualTime = Arrays.copyOf(virtualTime, n);
        virtualAt = Arrays.copyOf(virtualAt, n);
        heap = Arrays.copyOf(heap, n);
        timer = Arrays.copyOf(timer, n);
        for (int i = old; i < n; i++) {
            heap[i] = new int[workers];
            timer[i] = events.timer(instanceTimer, i);
        }
        if (shaped) {
            growShaped(old, n);
        }
    }

    private void growShaped(int old, int n) {
        capacity = Arrays.copyOf(capacity, n);
        throttledUntil = Arrays.copyOf(throttledUntil, n);
        used = Arrays.copyOf(used, n);
        level = Arrays.copyOf(level, n);
        quota = Arrays.copyOf(quota, n);
        for (int i = old; i < n; i++) {
            capacity[i] = cores;
            quota[i] = events.timer(quotaTimer, i);
        }
    }

    /**
     * Shapes every instance's CPU: from now on its capacity can change and, with {@code limitMilli > 0}, a quota of
     * limit × {@code periodNs} per period applies. Call before any request computes.
     *
     * @param timer fired with the instance when its quota is due to run out or its period ends
     */
    void shape(long limitMilli, long periodNs, EventHandler timer) {
        if (!shaped) {
            shaped = true;
            dedicated = false;
            quotaTimer = timer;
            capacity = new double[0];
            throttledUntil = new long[0];
            used = new double[0];
            level = new double[0];
            quota = new int[0];
            growShaped(0, computing.length);
        }
        if (limitMilli > 0) {
            this.quotaNs = limitMilli * periodNs / 1000;
            this.periodNs = periodNs;
            this.limitCores = limitMilli / 1000.0;
        }
    }

    /** Told of every change of an instance's demand (its node's CPU sharing). */
    void onDemandChange(PodCpu.DemandListener l) {
        this.listener = l;
    }

    /**
     * The cores are hyperthreads, two to a physical core, and two busy siblings run at {@code gain} (1 to 2) times the
     * speed of one alone. Call before any request computes.
     */
    void smt(double gain) {
        double physical = cores / 2.0;
        smtDelivered = new double[workers + 1];
        smtRate = new double[workers + 1];
        for (int n = 1; n <= workers; n++) {
            double c = io.headroom.design.pricing.CpuSpec.smtCapacity(cores, n, gain);
            smtDelivered[n] = c;
            smtRate[n] = c / n;
        }
        dedicated = !shaped && workers <= Math.floor(physical);
    }

    /** Whether every worker has a core of its own: no processor sharing can occur. */
    boolean dedicated() {
        return dedicated;
    }

    private double rate(int n) {
        if (smtRate != null) {
            return smtRate[n];
        }
        return n <= cores ? 1.0 : (double) cores / n;
    }

    /** The rate each of {@code n} (> 0) computations progresses at on {@code c} cores of capacity, throttling aside. */
    private double shapedRate(double c, int n) {
        if (smtDelivered != null) {
            return Math.min(smtDelivered[n], c) / n;
        }
        return n <= c ? 1.0 : c / n;
    }

    /** The rate each of {@code n} computing requests of shaped instance {@code i} progresses at: 0 while throttled. */
    private double shapedRate(int i, int n) {
        if (throttledUntil[i] != 0) {
            return 0;
        }
        return shapedRate(capacity[i], n);
    }

    private void advance(int i, long now) {
        int n = computing[i];
        if (n > 0) {
            virtualTime[i] += (now - virtualAt[i]) * rate(n);
        }
        virtualAt[i] = now;
    }

    /** Request {@code r} starts computing {@code cpuNs} of CPU time on instance {@code i}. */
    void start(int r, int i, long cpuNs, long now) {
        if (dedicated) {
            // never more computing than cores: the request runs at full speed and is done at now + cpuNs
            computing[i]++;
            busyCores++;
            req.workEvent[r] = events.once(requestDone, r, now + cpuNs);
            return;
        }
        if (shaped) {
            startShaped(r, i, cpuNs, now);
            return;
        }
        advance(i, now);
        int n = computing[i];
        if (n == 0) {
            virtualTime[i] = 0; // idle: restart the virtual clock so it never loses precision
        }
        req.virtualFinish[r] = virtualTime[i] + cpuNs;
        heapPush(i, r);
        computing[i] = n + 1;
        if (n < cores) {
            busyCores++;
        }
        reschedule(i, now);
    }

    /** With dedicated cores: a computation on instance {@code i} is done (its own event fired). */
    void finishDedicated(int i) {
        computing[i]--;
        busyCores--;
    }

    /** Instance {@code i}'s timer fired: takes and returns the request with the smallest virtual finish, done computing. */
    int finishEarliest(int i, long now) {
        if (shaped) {
            return finishShaped(i, now);
        }
        advance(i, now);
        int r = heapPop(i);
        int n = --computing[i];
        if (n < cores) {
            busyCores--;
        }
        reschedule(i, now);
        return r;
    }

    /** Instance {@code i} is lost: its computations stop (the owner cancels dedicated ones' own events). */
    void clear(int i) {
        if (shaped) {
            computing[i] = 0;
            throttledUntil[i] = 0;
            events.cancel(quota[i]);
            relevel(i);
            events.cancel(timer[i]);
            return;
        }
        busyCores -= Math.min(computing[i], cores);
        computing[i] = 0;
        events.cancel(timer[i]);
    }

    private void reschedule(int i, long now) {
        int n = computing[i];
        if (n == 0) {
            events.cancel(timer[i]);
            return;
        }
        double remaining = req.virtualFinish[heap[i][0]] - virtualTime[i];
        long dt = remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate(n));
        events.schedule(timer[i], now + dt);
    }

    /** Requests computing on instance {@code i}. */
    int computing(int i) {
        return computing[i];
    }

    /** Busy cores of instance {@code i}. */
    double busyCores(int i) {
        return shaped ? level[i] : Math.min(computing[i], cores);
    }

    /** Busy cores over every instance. */
    double busyCores() {
        return shaped ? shapedBusyCores : busyCores;
    }

    // ---- shaped CPU: capacity and quota ---------------------------------------------------------

    /**
     * Brings shaped instance {@code i}'s virtual clock, its CPU used in the current period and the time its requests
     * spent stalled up to {@code now}. Throttling ends at the period's end: from there the instance runs again with
     * a fresh quota. Between two calls the instance's rate is constant, so the CPU used in the current period is its
     * cores in use × the time since the later of the last call and the period's start.
     */
    private void advanceShaped(int i, long now) {
        long at = virtualAt[i];
        virtualAt[i] = now;
        if (now <= at) {
            return;
        }
        int n = computing[i];
        long until = throttledUntil[i];
        if (until != 0) {
            stalledNs += (double) n * (Math.min(now, until) - at);
            if (now < until) {
                return;
            }
            throttledUntil[i] = 0;
            used[i] = 0;
            at = until;
        }
        double c = capacity[i];
        if (n > 0) {
            virtualTime[i] += (now - at) * shapedRate(c, n);
        }
        if (quotaNs > 0) {
            long periodStart = now - now % periodNs;
            double busy = Math.min(n, c);
            used[i] = at < periodStart ? busy * (now - periodStart) : used[i] + busy * (now - at);
        }
    }

    private void startShaped(int r, int i, long cpuNs, long now) {
        advanceShaped(i, now);
        int n = computing[i];
        if (n == 0) {
            virtualTime[i] = 0;
        }
        req.virtualFinish[r] = virtualTime[i] + cpuNs;
        heapPush(i, r);
        computing[i] = n + 1;
        changed(i, now);
    }

    private int finishShaped(int i, long now) {
        advanceShaped(i, now);
        int r = heapPop(i);
        computing[i]--;
        changed(i, now);
        return r;
    }

    /** Sets shaped instance {@code i}'s CPU timer for its earliest computation's end, at its present rate; none while nothing progresses. */
    private void rescheduleShaped(int i, long now) {
        int n = computing[i];
        double rate = n == 0 ? 0 : shapedRate(i, n);
        if (rate == 0) {
            events.cancel(timer[i]); // idle, throttled, or no share of its node
            return;
        }
        double remaining = req.virtualFinish[heap[i][0]] - virtualTime[i];
        long dt = remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate);
        events.schedule(timer[i], now + dt);
    }

    /** Shaped instance {@code i}'s computations changed at {@code now} (after {@link #advanceShaped}). */
    private void changed(int i, long now) {
        rescheduleShaped(i, now);
        if (quotaNs > 0) {
            checkQuota(i, now);
        }
        relevel(i);
        if (listener != null) {
            listener.demandChanged(i, now);
        }
    }

    /**
     * Throttles instance {@code i} if its quota is spent (after its CPU timer is set, so that a computation ending as the
     * quota runs out ends first), and sets its quota timer: at the period's end while
     * throttled; else when the quota will run out at the present rate, if within this period; else at the period's
     * end if it uses more cores than its limit (next period's quota may run out); else none. A quota that runs out
     * exactly at the period's end is refilled there: no throttling.
     */
    private void checkQuota(int i, long now) {
        int q = quota[i];
        if (throttledUntil[i] != 0) {
            events.schedule(q, throttledUntil[i]);
            return;
        }
        int n = computing[i];
        double busy = Math.min(n, capacity[i]);
        if (n == 0 || busy <= 0) {
            events.cancel(q);
            return;
        }
        long periodEnd = now - now % periodNs + periodNs;
        double left = quotaNs - used[i];
        if (left <= QUOTA_SPENT) {
            throttledUntil[i] = periodEnd;
            throttledPeriods++;
            events.cancel(timer[i]);
            events.schedule(q, periodEnd);
            return;
        }
        long out = now + (long) Math.ceil(left / busy);
        if (out < periodEnd) {
            events.schedule(q, out);
        } else if (busy > limitCores) {
            events.schedule(q, periodEnd);
        } else {
            events.cancel(q);
        }
    }

    /** CPU time (ns) left of a quota below which it counts as spent: the rounding of a sum of products, no more. */
    private static final double QUOTA_SPENT = 1e-6;

    private void relevel(int i) {
        double cores = throttledUntil[i] != 0 ? 0 : Math.min(computing[i], capacity[i]);
        shapedBusyCores += cores - level[i];
        level[i] = cores;
    }

    /** Shaped instance {@code i}'s quota timer fired: its quota ran out, or its period ended. */
    void quotaDue(int i, long now) {
        advanceShaped(i, now);
        changed(i, now);
    }

    /** Its node gives shaped instance {@code i} {@code cores} cores from {@code now} on; true if that throttled it. */
    boolean setCapacity(int i, double cores, long now) {
        if (capacity[i] == cores) {
            return false;
        }
        advanceShaped(i, now);
        capacity[i] = cores;
        rescheduleShaped(i, now);
        boolean wasThrottled = throttledUntil[i] != 0;
        if (quotaNs > 0) {
            checkQuota(i, now);
        }
        relevel(i);
        return !wasThrottled && throttledUntil[i] != 0;
    }

    /**
     * The cores shaped instance {@code i} would use if its node had them: its computations, one core each, whatever its
     * limit (a CFS quota bounds CPU time per period, not parallelism: a pod limited to 1 CPU may run on 4 cores for a
     * quarter of the period, then stall); 0 while throttled.
     */
    double demand(int i) {
        return throttledUntil[i] != 0 ? 0 : computing[i];
    }

    /** Whether a CPU limit's quota applies. */
    boolean limited() {
        return quotaNs > 0;
    }

    /** Periods in which an instance's quota ran out, over every instance (cgroup cpu.stat's nr_throttled, summed). */
    long throttledPeriods() {
        return throttledPeriods;
    }

    /** Request-nanoseconds of computation stalled by throttling, up to {@code now}. */
    double stalledNs(long now) {
        double s = stalledNs;
        if (shaped) {
            for (int i = 0; i < computing.length; i++) {
                long until = throttledUntil[i];
                if (until != 0 && now > virtualAt[i]) {
                    s += (double) computing[i] * (Math.min(now, until) - virtualAt[i]);
                }
            }
        }
        return s;
    }

    private void heapPush(int i, int r) {
        int[] h = heap[i];
        double[] key = req.virtualFinish;
        int p = computing[i];
        double k = key[r];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (key[h[parent]] <= k) {
                break;
            }
            h[p] = h[parent];
            p = parent;
        }
        h[p] = r;
    }

    private int heapPop(int i) {
        int[] h = heap[i];
        double[] key = req.virtualFinish;
        int top = h[0];
        int size = computing[i] - 1;
        if (size > 0) {
            int last = h[size];
            double k = key[last];
            int p = 0;
            int half = size >>> 1;
            while (p < half) {
                int c = 2 * p + 1;
                if (c + 1 < size && key[h[c + 1]] < key[h[c]]) {
                    c++;
                }
                if (k <= key[h[c]]) {
                    break;
                }
                h[p] = h[c];
                p = c;
            }
            h[p] = last;
        }
        return top;
    }
}
