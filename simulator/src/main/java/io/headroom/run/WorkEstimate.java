package io.headroom.run;

import io.headroom.design.CacheSpec;
import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.DatabaseSpec;
import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.design.FunctionSpec;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.ShardedStoreSpec;
import io.headroom.design.database.Replication;
import io.headroom.dist.DistributionSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.load.closed.ClosedModel;
import io.headroom.load.closed.ClosedStep;
import io.headroom.load.scenario.ScenarioStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much work a run is, before it runs: the users a profile brings, the requests they send and the
 * events the engine fires for them, and so the wall time at the engine's measured rate. A run that
 * would take hours is refused up front ({@code --max-events}) instead of running in silence.
 *
 * <p>Users: an open profile's expected arrivals (each step's rate integrated over its duration, its
 * counts, a trace's rows); a closed one's user-seconds over a user's least cycle (its think time and
 * pauses plus each request's unqueued work), an upper bound since queueing only lengthens the cycle.
 * Requests per user: the scenario's expected requests ({@code p} times repeats), else one. Events per
 * request: the call graph walked from the entry with each call's probability, a cache passing on all of
 * its lookups unless it has a fixed hit ratio (its miss path, an upper bound), retries not counted (a
 * run whose calls fail does more); each visit costs the events its kind fires, measured on the examples
 * (see docs/cli.md, "Work estimate").
 *
 * @param users    users the profile brings in (open: arrivals; closed: user cycles)
 * @param requests requests they send to the design
 * @param events   events the engine fires for them
 * @param runs     how many runs of that size the command makes (replications, points, probes)
 * @param notes    what the figures rest on, when it is a bound rather than an expectation
 */
public record WorkEstimate(double users, double requests, double events, long runs, List<String> notes) {

    /**
     * The engine's rate on the reference machine (2 cores, one run per core), events per second: the
     * median of the examples' {@code --timings} (docs/cli.md). Only the wall-time figure uses it.
     */
    public static final double EVENTS_PER_SECOND = 4e6;

    /**
     * The events a command may fire unless {@code --max-events} says otherwise: about 8 minutes of one
     * core at {@link #EVENTS_PER_SECOND}, so 10 to 15 minutes on a busy 2-core machine.
     */
    public static final long DEFAULT_MAX_EVENTS = 2_000_000_000L;

    /** Events per user arriving (its arrival) and per pause of its scenario (its wake-up). */
    static final double EVENTS_PER_USER = 1;
    static final double EVENTS_PER_PAUSE = 1;
    /** Events per answer to a user who goes on (a scenario's or a closed model's): its going on, once the answer's event is over. */
    static final double EVENTS_PER_ANSWER = 1;
    /** Events per visit to a service or function endpoint: one for its CPU demand, one for its wait, each if it has one. */
    static final double EVENTS_PER_WORK_PHASE = 1;
    /** Events per call: its hand-off to the callee, plus one for its network time when it has some. */
    static final double EVENTS_PER_CALL = 1;
    static final double EVENTS_PER_NETWORK_HOP = 1;
    /** Events per visit to a balancer or cache with a latency (their own delay), and to a store (its work). */
    static final double EVENTS_PER_DELAY = 1;

    public WorkEstimate {
        notes = List.copyOf(notes);
    }

    /** The estimate of one run of {@code profile} through {@code design}. */
    public static WorkEstimate of(Design design, LoadProfile profile) {
        List<String> notes = new ArrayList<>();
        Walk walk = new Walk(design, notes);
        double perUserRequests;
        double perUserEvents;
        double perUserLeastS;
        if (profile.scenario() != null) {
            double[] s = walk.scenario(profile.scenario(), 1.0);
            perUserRequests = s[0];
            perUserEvents = EVENTS_PER_USER + s[1] + s[0] * EVENTS_PER_ANSWER;
            perUserLeastS = s[2];
        } else {
            double[] m = walk.mix(profile.mix());
            perUserRequests = 1;
            perUserEvents = EVENTS_PER_USER + m[0] + (profile.isClosed() || profile.k6() != null ? EVENTS_PER_ANSWER : 0); // a user or VU goes on
            perUserLeastS = m[1];
        }
        double users;
        if (profile.isClosed()) {
            ClosedModel closed = profile.scaledClosed();
            double cycleS = perUserLeastS + (closed.think() != null ? walk.mean(closed.think()) : 0);
            double userSeconds = userSeconds(closed);
            users = cycleS > 0 ? userSeconds / cycleS : userSeconds > 0 ? Double.POSITIVE_INFINITY : 0;
            notes.add("closed model: each user's cycle taken at its least (" + seconds(cycleS)
                    + ": think time, pauses and unqueued work), so an upper bound on its requests");
        } else {
            users = 0;
            for (OpenStep s : profile.scaledInjection()) {
                users += arrivals(s);
            }
        }
        double windows = profile.duration().toNanos() / 1e10; // the time-series windows' closing events, at 10 s
        return new WorkEstimate(users, users * perUserRequests, users * perUserEvents + windows, 1, notes);
    }

    /** {@code n} runs of this size (replications, sweep points, probes of a search). */
    public WorkEstimate times(long n) {
        long all;
        try {
            all = Math.multiplyExact(runs, n);
        } catch (ArithmeticException e) {
            all = Long.MAX_VALUE;
        }
        return new WorkEstimate(users, requests, events, all, notes);
    }

    /** This estimate with one more thing it rests on. */
    public WorkEstimate noting(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new WorkEstimate(users, requests, events, runs, more);
    }

    /** The runs of several estimates as one: their total over all their runs, the figures per run their mean. */
    public static WorkEstimate together(List<WorkEstimate> each) {
        double users = 0;
        double requests = 0;
        double events = 0;
        long runs = 0;
        List<String> notes = new ArrayList<>();
        for (WorkEstimate w : each) {
            users += w.users * w.runs;
            requests += w.requests * w.runs;
            events += w.events * w.runs;
            runs = runs + w.runs < 0 ? Long.MAX_VALUE : runs + w.runs;
            w.notes.stream().filter(n -> !notes.contains(n)).forEach(notes::add);
        }
        long n = Math.max(1, runs);
        return new WorkEstimate(users / n, requests / n, events / n, n, notes);
    }

    /** Events of all the runs together. */
    public double totalEvents() {
        return events * runs;
    }

    /** Wall seconds of all the runs at {@link #EVENTS_PER_SECOND} on {@code threads} cores. */
    public double seconds(int threads) {
        return totalEvents() / EVENTS_PER_SECOND / Math.max(1, Math.min(threads, runs));
    }

    /** Whether the work fits {@code maxEvents}. */
    public boolean fits(long maxEvents) {
        return totalEvents() <= maxEvents;
    }

    /** {@code work: ≈ 4.1 M requests, ≈ 38 M events, ≈ 9 s at 4 M events/s} (with the runs when more than one). */
    public String line(int threads) {
        String perRun = runs > 1 ? " per run × " + count(runs) + " runs = ≈ " + count(totalEvents()) + " events" : "";
        double s = seconds(threads);
        return "work: ≈ " + count(requests) + " requests, ≈ " + count(events) + " events" + perRun + ", "
                + (s < 1 ? "under 1 s" : "≈ " + duration(s)) + " at " + count(EVENTS_PER_SECOND) + " events/s"
                + (runs > 1 && threads > 1 ? " on " + Math.min(threads, runs) + " threads" : "");
    }

    /** A count as people read it: 950, 4.1 k, 38 M, 2.0 G, 1.0e+15. */
    public static String count(double n) {
        if (Double.isInfinite(n) || Double.isNaN(n)) {
            return "unbounded";
        }
        String[] units = {"", " k", " M", " G", " T"};
        double v = n;
        int u = 0;
        while (Math.abs(v) >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%.1e", n);
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, v < 10 ? "%.1f%s" : "%.0f%s", v, units[u]);
    }

    /** A wall time as people read it: 9 s, 4 min, 3.2 h, 12 days, 3.0e+05 years. */
    static String duration(double s) {
        if (Double.isInfinite(s) || Double.isNaN(s)) {
            return "for ever";
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        if (s < 172_800) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        double days = s / 86_400;
        return days < 730 ? String.format(Locale.ROOT, "%.0f days", days) : count(days / 365) + " years";
    }

    private static String seconds(double s) {
        return s >= 1 ? String.format(Locale.ROOT, "%.3g s", s) : String.format(Locale.ROOT, "%.3g ms", s * 1e3);
    }

    /** An open step's expected arrivals (scale already applied). */
    static double arrivals(OpenStep s) {
        double d = s.during().toNanos() / 1e9;
        if (s instanceof OpenStep.ConstantUsersPerSec c) {
            return c.rate() * d;
        }
        if (s instanceof OpenStep.RampUsersPerSec r) {
            return (r.from() + r.to()) / 2 * d;
        }
        if (s instanceof OpenStep.AtOnceUsers a) {
            return a.users();
        }
        if (s instanceof OpenStep.RampUsers r) {
            return r.users();
        }
        if (s instanceof OpenStep.StressPeakUsers p) {
            return p.users();
        }
        if (s instanceof OpenStep.IncrementUsersPerSec inc) {
            return inc.expand().stream().mapToDouble(WorkEstimate::arrivals).sum();
        }
        if (s instanceof OpenStep.Trace t) {
            return t.replay().expectedArrivals();
        }
        return s instanceof OpenStep.NothingFor ? 0 : integral(s, d);
    }

    /** A shaped step's rate integrated over its duration: the midpoint rule on 100,000 slices (a spike narrower than a slice may be missed). */
    private static double integral(OpenStep step, double d) {
        int n = 100_000;
        double h = d / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += step.rateAt((i + 0.5) * h);
        }
        return sum * h;
    }

    /** A closed model's users integrated over its duration (user-seconds): each step's mean of its start and end. */
    static double userSeconds(ClosedModel closed) {
        double sum = 0;
        for (ClosedStep s : closed.steps()) {
            double d = s.during().toNanos() / 1e9;
            sum += (s.usersAt(Duration.ZERO) + (double) s.usersAt(s.during())) / 2 * d;
        }
        return sum;
    }

    /** The call graph's walk: events and least time per request to an endpoint. */
    private static final class Walk {
        /** Deeper than any design can be (calls form no cycle); a guard, not a limit users meet. */
        private static final int MAX_DEPTH = 64;
        private final Design design;
        private final List<String> notes;
        private boolean cacheNoted;

        Walk(Design design, List<String> notes) {
            this.design = design;
            this.notes = notes;
        }

        /** Events and least time of one request drawn from the mix: {events, seconds}. */
        double[] mix(Map<String, Double> mix) {
            List<String> endpoints = design.entryEndpoints();
            double total = mix.values().stream().mapToDouble(Double::doubleValue).sum();
            double events = 0;
            double least = 0;
            for (int i = 0; i < endpoints.size(); i++) {
                double w = mix.isEmpty() ? (i == 0 ? 1 : 0) : mix.getOrDefault(endpoints.get(i), 0.0) / total;
                if (w > 0) {
                    double[] r = request(design.entry(), endpoints.get(i), 0);
                    events += w * r[0];
                    least += w * r[1];
                }
            }
            return new double[] {events, least};
        }

        /** A scenario's expected {requests, events, least seconds} per user, {@code times} over. */
        double[] scenario(List<ScenarioStep> steps, double times) {
            double requests = 0;
            double events = 0;
            double least = 0;
            for (ScenarioStep s : steps) {
                if (s instanceof ScenarioStep.Request r) {
                    double[] e = request(r.to() != null ? r.to() : design.entry(), r.endpoint(), 0);
                    requests += times * r.p();
                    events += times * r.p() * e[0];
                    least += times * r.p() * e[1];
                } else if (s instanceof ScenarioStep.Pause p) {
                    events += times * EVENTS_PER_PAUSE;
                    least += times * mean(p.pause());
                } else if (s instanceof ScenarioStep.Repeat r) {
                    double[] inner = scenario(r.body(), times * r.repeat());
                    requests += inner[0];
                    events += inner[1];
                    least += inner[2];
                }
            }
            return new double[] {requests, events, least};
        }

        /** One request to {@code endpoint} of {@code name}: {events, least seconds}, its calls' included. */
        private double[] request(String name, String endpoint, int depth) {
            ComponentSpec c = design.components().get(name);
            if (c == null || depth > MAX_DEPTH) {
                return new double[] {0, 0};
            }
            if (c instanceof ServiceSpec s) {
                EndpointSpec ep = s.endpoints().get(endpoint);
                return ep == null ? new double[] {EVENTS_PER_WORK_PHASE, 0} : endpoint(ep, endpoint, depth);
            }
            if (c instanceof FunctionSpec f) {
                EndpointSpec ep = f.endpoints().get(endpoint);
                return ep == null ? new double[] {EVENTS_PER_WORK_PHASE, 0} : endpoint(ep, endpoint, depth);
            }
            if (c instanceof io.headroom.design.GlobalRouterSpec router) { // a call to one region's copy, and the reply's trip back
                String first = design.regions().placementOf(router.target()).get(0);
                double[] t = request(design.regions().regionalName(router.target(), first), endpoint, depth + 1);
                return new double[] {EVENTS_PER_CALL + 1 + t[0], t[1]};
            }
            if (c instanceof LoadBalancerSpec lb) {
                double[] t = request(lb.target(), endpoint, depth + 1);
                return new double[] {delay(lb.latency()) + t[0], mean(lb.latency()) + t[1]};
            }
            String entryMiss = depth == 0 ? design.entryMissEndpoint(name, endpoint) : null;
            if (c instanceof CacheSpec cache && entryMiss == null && "write".equals(endpoint)) {
                double[] w = request(cache.miss(), design.writeEndpoint(cache), depth + 1);
                return new double[] {EVENTS_PER_CALL + w[0], w[1]};
            }
            if (c instanceof CacheSpec cache) {
                double miss = cache.hitRatio() != null ? 1 - cache.hitRatio() : 1;
                if (cache.hitRatio() == null && !cacheNoted) {
                    cacheNoted = true;
                    notes.add("a cache without a fixed hit-ratio counted as missing every lookup, so an upper bound");
                }
                double[] m = request(cache.miss(), entryMiss != null ? entryMiss : design.missEndpoint(cache), depth + 1);
                return new double[] {delay(cache.hitLatency()) + miss * (EVENTS_PER_CALL + m[0]), mean(cache.hitLatency()) + miss * m[1]};
            }
            if (c instanceof io.headroom.design.CdnSpec cdn) {
                if (!cacheNoted) {
                    cacheNoted = true;
                    notes.add("a cache without a fixed hit-ratio counted as missing every lookup, so an upper bound");
                }
                double[] m = request(cdn.origin(), entryMiss != null ? entryMiss : design.originEndpoint(cdn), depth + 1);
                return new double[] {delay(cdn.hitLatency()) + EVENTS_PER_CALL + m[0], mean(cdn.hitLatency()) + m[1]};
            }
            if (c instanceof ShardedStoreSpec st) {
                DistributionSpec work = "write".equals(endpoint) ? st.writeDemand() : st.demand();
                return new double[] {delay(work), mean(work)};
            }
            if (c instanceof DatabaseSpec db) {
                boolean write = DatabaseSpec.WRITE.equals(endpoint);
                DistributionSpec work = write ? db.writeDemand() : db.demand();
                boolean acked = write && db.replication() != Replication.ASYNC;
                return new double[] {(write ? EVENTS_PER_CALL : 0) + delay(work) + (acked ? 1 : 0), mean(work) + (acked ? mean(db.lag()) : 0)};
            }
            return new double[] {1, 0};
        }

        private double[] endpoint(EndpointSpec ep, String endpoint, int depth) {
            double events = delay(ep.demand()) + delay(ep.offCpu());
            double sum = 0;
            double longest = 0;
            for (CallSpec call : ep.calls()) {
                double[] r = request(call.to(), design.endpointCalled(call, endpoint), depth + 1);
                boolean hop = call.latency() != null || design.network() != null;
                events += call.p() * (EVENTS_PER_CALL + (hop ? EVENTS_PER_NETWORK_HOP : 0) + r[0]);
                double t = call.p() * (mean(call.latency()) + r[1]);
                sum += t;
                longest = Math.max(longest, t);
            }
            return new double[] {events, mean(ep.demand()) + mean(ep.offCpu()) + (ep.parallel() ? longest : sum)};
        }

        /** The event a delay drawn from {@code d} costs: one, or none without one (or one that is always 0). */
        private double delay(DistributionSpec d) {
            // a delay whose mean is 0 is always 0 (delays are never negative) and is no event
            return d == null || !(d instanceof DistributionSpec.Empirical) && mean(d) == 0 ? 0 : EVENTS_PER_DELAY;
        }

        /** A distribution's mean in seconds; 0 where it cannot be had cheaply (an empirical file is not read here). */
        double mean(DistributionSpec d) {
            if (d == null || d instanceof DistributionSpec.Empirical) {
                return 0;
            }
            try {
                return d.meanSeconds();
            } catch (RuntimeException e) {
                return 0;
            }
        }
    }
}
