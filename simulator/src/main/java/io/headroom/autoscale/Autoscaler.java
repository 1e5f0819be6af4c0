package io.headroom.autoscale;

import io.headroom.design.autoscaling.Hpa;
import io.headroom.design.autoscaling.Scheduled;
import io.headroom.design.autoscaling.Autoscaling;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Metric;
import io.headroom.design.ReplicasSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A component's autoscaling: its policies, its scheduled actions and its bounds. The simulator calls
 * {@link #decide} at {@link #nextEvaluationNs()} with a {@link ScalingView} of the component and sets
 * the component's desired count to the answer. The rules:
 * <ul>
 *   <li>Scheduled actions due by now apply first, in time order: they set min, max and/or desired
 *       (desired is then kept inside [min, max]).</li>
 *   <li>Each policy due by now decides on a view whose desired/min/max are those after the schedule.</li>
 *   <li>Reactive policies combine as AWS combines a group's policies: out if any policy decided now
 *       asks for more (the largest wins); in only if every reactive policy's latest decision asks for
 *       less (the largest of those, i.e. the smallest cut); otherwise unchanged. "No opinion" (-1) is
 *       not a vote to scale in, and a policy not evaluated now votes with its last decision only if the
 *       desired count has not changed since (a scheduled action may have moved it).</li>
 *   <li>A predictive policy is a floor: the result is at least its forecast capacity, never lower
 *       than what the reactive policies ask. Alone, the count follows its forecast.</li>
 *   <li>The result is clamped to [min, max].</li>
 * </ul>
 * Stateful and single-threaded, like the run that owns it; no allocation per decision except inside
 * an HPA sync (a few small arrays every 15 s).
 */
public final class Autoscaler {
    private final ScalingPolicy[] policies;
    private final boolean[] predictive;
    private final long[] nextNs;
    private final int[] last;
    private final int[] votedAt;
    private final boolean[] fresh;
    private final ScheduledActions schedule;
    private final BoundedView bounded = new BoundedView();
    private int min;
    private int max;

    private Autoscaler(List<ScalingPolicy> policies, ScheduledActions schedule, int min, int max) {
        int n = policies.size();
        this.policies = policies.toArray(new ScalingPolicy[0]);
        this.predictive = new boolean[n];
        this.nextNs = new long[n];
        this.last = new int[n];
        this.votedAt = new int[n];
        this.fresh = new boolean[n];
        for (int i = 0; i < n; i++) {
            predictive[i] = this.policies[i].floor();
            nextNs[i] = this.policies[i].firstAtNs();
            last[i] = -1;
        }
        this.schedule = schedule;
        this.min = min;
        this.max = max;
    }

    /**
     * The autoscaler of a component with these policies and {@code replicas} bounds. An HPA manifest's
     * minReplicas/maxReplicas replace the component's min/max.
     */
    public static Autoscaler of(Autoscaling specs, ReplicasSpec bounds) {
        int min = bounds.min();
        int max = bounds.max();
        List<ScalingPolicy> policies = new ArrayList<>();
        List<Scheduled.Action> actions = new ArrayList<>();
        for (AutoscalingSpec s : specs.policies()) {
            if (s instanceof Hpa h && h.minReplicas() != null) {
                min = h.minReplicas();
                max = h.maxReplicas();
            }
            if (s instanceof Scheduled sc) {
                actions.addAll(sc.actions());
            }
            ScalingPolicy p = Policies.create(s);
            if (p != null) {
                policies.add(p);
            }
        }
        return new Autoscaler(policies, actions.isEmpty() ? null : new ScheduledActions(actions), min, max);
    }

    /** An autoscaler over policies built elsewhere (tests, custom policies), bounded by [min, max], without schedule. */
    public static Autoscaler ofPolicies(List<ScalingPolicy> policies, int min, int max) {
        return new Autoscaler(policies, null, min, max);
    }

    /** One policy. */
    public static Autoscaler of(AutoscalingSpec spec, ReplicasSpec bounds) {
        return of(Autoscaling.of(spec), bounds);
    }

    /** When {@link #decide} should next be called; Long.MAX_VALUE if never (fixed). */
    public long nextEvaluationNs() {
        long n = schedule == null ? Long.MAX_VALUE : schedule.nextNs();
        for (long t : nextNs) {
            n = Math.min(n, t);
        }
        return n;
    }

    /** How far back the {@link ScalingView} must keep metric samples for every policy here (0 if none reads any). */
    public long historyNs() {
        long h = 0;
        for (ScalingPolicy p : policies) {
            h = Math.max(h, p.historyNs());
        }
        return h;
    }

    /** The current lower bound (scheduled actions may change it). */
    public int minReplicas() {
        return min;
    }

    /** The current upper bound. */
    public int maxReplicas() {
        return max;
    }

    /** The policies that vote, in the order of the YAML. */
    public List<ScalingPolicy> policies() {
        return List.of(policies);
    }

    /** True if this autoscaler ever changes anything (false for {@code fixed}). */
    public boolean active() {
        return policies.length > 0 || schedule != null;
    }

    /** The count the component should run from now on (its current desired count when nothing changes). */
    public int decide(ScalingView v) {
        long now = v.nowNs();
        int desired = v.desired();
        if (schedule != null) {
            for (Scheduled.Action a : schedule.due(now)) {
                if (a.min() != null) {
                    min = a.min();
                    max = Math.max(max, min);
                }
                if (a.max() != null) {
                    max = a.max();
                    min = Math.min(min, max);
                }
                if (a.desired() != null) {
                    desired = a.desired();
                }
                desired = clamp(desired);
            }
        }
        bounded.set(v, desired, min, max);
        for (int i = 0; i < policies.length; i++) {
            fresh[i] = false;
            if (nextNs[i] <= now) {
                last[i] = policies[i].decide(bounded);
                votedAt[i] = desired;
                fresh[i] = true;
                long period = policies[i].periodNs();
                while (nextNs[i] <= now) {
                    nextNs[i] += period;
                }
            }
        }
        int out = -1;
        int in = -1;
        int reactive = 0;
        boolean allIn = true;
        int floor = -1;
        for (int i = 0; i < policies.length; i++) {
            int r = last[i];
            if (predictive[i]) {
                floor = Math.max(floor, r);
                continue;
            }
            reactive++;
            if (fresh[i] && r > desired) {
                out = Math.max(out, r);
            }
            // an earlier vote stands only while the desired count is still the one it was cast on
            if (r >= 0 && r < desired && (fresh[i] || votedAt[i] == desired)) {
                in = Math.max(in, r);
            } else {
                allIn = false;
            }
        }
        int result;
        if (out >= 0) {
            result = out;
        } else if (reactive > 0 && allIn) {
            result = in;
        } else {
            result = desired;
        }
        if (floor >= 0) {
            result = reactive == 0 ? floor : Math.max(result, floor);
        }
        bounded.set(null, 0, 0, 0);
        return clamp(result);
    }

    private int clamp(int n) {
        return Math.max(min, Math.min(max, n));
    }

    /** The simulator's view with desired/min/max as the schedule left them. */
    private static final class BoundedView implements ScalingView {
        private ScalingView v;
        private int desired;
        private int min;
        private int max;

        void set(ScalingView v, int desired, int min, int max) {
            this.v = v;
            this.desired = desired;
            this.min = min;
            this.max = max;
        }

        public long nowNs() {
            return v.nowNs();
        }

        public int desired() {
            return desired;
        }

        public int minReplicas() {
            return min;
        }

        public int maxReplicas() {
            return max;
        }

        public int pods() {
            return v.pods();
        }

        public boolean ready(int pod) {
            return v.ready(pod);
        }

        public long startedNs(int pod) {
            return v.startedNs(pod);
        }

        public long readySinceNs(int pod) {
            return v.readySinceNs(pod);
        }

        public double podValue(Metric metric, int pod, long intervalNs, long windowNs, long lagNs) {
            return v.podValue(metric, pod, intervalNs, windowNs, lagNs);
        }

        public double fleetValue(Metric metric, long intervalNs, long windowNs, long lagNs) {
            return v.fleetValue(metric, intervalNs, windowNs, lagNs);
        }

        public long startupNs() {
            return v.startupNs();
        }
    }
}
