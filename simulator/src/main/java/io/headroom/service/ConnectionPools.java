package io.headroom.service;

import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A service's connection pools, one per component its calls reach through a pool ({@code pool: N} on the call): every
 * call of the service to that callee that names a pool, from any endpoint or version, shares it, as one
 * {@code DataSource} per database serves a whole application. It finds the pool of each call of each versioned
 * endpoint, and opens and closes every pool's connections as the service's instances start and stop.
 */
final class ConnectionPools {
    static final double[] NO_AREAS = new double[0];
    private static final int[] NONE = new int[0];

    private final CallOrchestrator calls;
    private final Simulation sim;
    private final Requests req;
    private final IntFunction<ConnectionLimit> limits;
    private final List<ConnectionPool> pools = new ArrayList<>();
    private final List<Integer> targets = new ArrayList<>();
    private int[][] poolOf = new int[0][]; // [versioned endpoint][call]: index into pools, or -1
    private int slots;

    /** @param limits the bound of each component (by index) that pools open connections to */
    private ConnectionPools(CallOrchestrator calls, Simulation sim, Requests req, IntFunction<ConnectionLimit> limits) {
        this.calls = calls;
        this.sim = sim;
        this.req = req;
        this.limits = limits;
    }

    /**
     * The pools of {@code calls}' plans: {@code existing} (null: none yet) brought up to date, made if a plan has a
     * pooled call, else null — a service without pools keeps none, and its calls look nothing up.
     */
    static ConnectionPools configure(ConnectionPools existing, CallOrchestrator calls, Simulation sim, Requests req,
                                     IntFunction<ConnectionLimit> limits, int slots, IntPredicate present) {
        boolean pooled = existing != null;
        for (CallPlan p : calls.plans()) {
            pooled |= p.pooled();
        }
        if (!pooled) {
            return null;
        }
        ConnectionPools pools = existing == null ? new ConnectionPools(calls, sim, req, limits) : existing;
        pools.configure(calls.plans(), calls.components(), slots, present, sim.now());
        calls.usePools(pools);
        return pools;
    }

    /**
     * Finds the pool of every pooled call of {@code plans} (per versioned endpoint), making those not made yet, for
     * {@code slots} instance slots; a new pool opens its connections for the instances {@code present} now.
     */
    private void configure(CallPlan[] plans, Component[] components, int slots, IntPredicate present, long now) {
        this.slots = slots;
        poolOf = new int[plans.length][];
        int before = pools.size();
        for (int e = 0; e < plans.length; e++) {
            CallPlan plan = plans[e];
            if (!plan.pooled()) {
                poolOf[e] = NONE;
                continue;
            }
            poolOf[e] = new int[plan.size()];
            for (int c = 0; c < plan.size(); c++) {
                int size = plan.poolSizes()[c];
                if (size == 0) {
                    poolOf[e][c] = -1;
                    continue;
                }
                int target = plan.targets()[c];
                int p = targets.indexOf(target);
                if (p < 0) {
                    p = pools.size();
                    targets.add(target);
                    ConnectionPool pool = new ConnectionPool(calls, sim, req, components[target].name(), size, plan.poolTimeouts()[c],
                            limits.apply(target));
                    pool.grow(slots);
                    pools.add(pool);
                }
                poolOf[e][c] = p;
            }
        }
        for (int p = before; p < pools.size(); p++) {
            for (int i = 0; i < slots; i++) {
                if (present.test(i)) {
                    pools.get(p).start(i, now);
                }
            }
        }
    }

    /** Whether the service has any pool. */
    boolean any() {
        return !pools.isEmpty();
    }

    /** The pool of call {@code c} of versioned endpoint {@code ve}, or null if the call names none. */
    ConnectionPool poolOf(int ve, int c) {
        int[] of = poolOf[ve];
        if (of.length == 0) {
            return null;
        }
        int p = of[c];
        return p < 0 ? null : pools.get(p);
    }

    void grow(int n) {
        slots = Math.max(slots, n);
        for (ConnectionPool p : pools) {
            p.grow(n);
        }
    }

    /** Instance {@code i} starts (or returns from repair): every pool opens its connections. */
    void start(int i, long now) {
        for (ConnectionPool p : pools) {
            p.start(i, now);
        }
    }

    /** Instance {@code i} stops or is lost: every pool closes its connections. */
    void stop(int i, long now) {
        for (ConnectionPool p : pools) {
            p.stop(i, now);
        }
    }

    /** Attempt {@code child} ended: its connection, if it holds one, goes back. */
    void release(int child, long now) {
        if (req.connection[child] != 0) {
            poolOf(req.callerEndpoint[child], req.callIndex[child]).release(child, now);
        }
    }

    /** Each pool's figures, in the order the service's calls first reach their callees. */
    List<PoolFigures> figures() {
        List<PoolFigures> out = new ArrayList<>();
        for (ConnectionPool p : pools) {
            out.add(p.figures());
        }
        return out;
    }

    /**
     * The integrals up to {@code now} of each pool's connections open and missing over the service's instances
     * (connection × ns), two per pool in {@link #figures}' order.
     */
    double[] areas(long now) {
        double[] out = new double[2 * pools.size()];
        for (int k = 0; k < pools.size(); k++) {
            double[] a = pools.get(k).areas(now);
            out[2 * k] = a[0];
            out[2 * k + 1] = a[1];
        }
        return out;
    }
}
