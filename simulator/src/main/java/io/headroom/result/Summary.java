package io.headroom.result;

import io.headroom.request.ErrorCause;
import io.headroom.slo.Incident;
import io.headroom.slo.SloVerdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code summary.json} holds, typed: one run's figures, or the means of replications with
 * their 95 % half-widths. Every reader of results (run, sweep and compare reports, capacity search,
 * validation) reads these records, and {@link SummaryCodec} is the one place that turns them into
 * JSON and back. Numbers are doubles (a replicated summary's counts are means, not whole), NaN
 * where the file has {@code null}: no value (no completed request, no replication with one).
 *
 * @param incidents        the stretches in which an SLO was breached (of every replication)
 * @param warmupMethod     {@code "mser-5"} when the warm-up was found from the data, else null
 * @param transientFigures the worst moment of the run ({@code transient}), or null when not computed
 * @param replication      the replications' count and half-widths, or null for a single run
 * @param checks           what the run verified about itself, or null (a summary written before there were checks)
 * @param databases        each database's figures ({@code databases}; empty without one)
 * @param iterations       a k6 profile's iterations ({@code iterations}: completed, interrupted,
 *                         {@code dropped_iterations}); null for a Gatling profile, and then no key is written
 */
public record Summary(Run run, Requests overall, Map<String, Requests> endpoints, Map<String, Component> components,
                      Cost cost, List<SloResult> slo, List<Incident> incidents, List<String> unstable, List<String> warnings, String warmupMethod,
                      Transient transientFigures, Replication replication, Checks checks,
                      io.headroom.cluster.ClusterFigures cluster, List<io.headroom.run.RolloutFigures> rollouts,
                      Map<String, io.headroom.run.DatabaseFigures> databases, Regions regions,
                      Iterations iterations) {

    public Summary {
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
        databases = databases == null ? Map.of() : databases;
    }

    /** A summary of a profile without k6 iterations. */
    public Summary(Run run, Requests overall, Map<String, Requests> endpoints, Map<String, Component> components,
                   Cost cost, List<SloResult> slo, List<Incident> incidents, List<String> unstable, List<String> warnings,
                   String warmupMethod, Transient transientFigures, Replication replication, Checks checks,
                   io.headroom.cluster.ClusterFigures cluster, List<io.headroom.run.RolloutFigures> rollouts,
                   Map<String, io.headroom.run.DatabaseFigures> databases, Regions regions) {
        this(run, overall, endpoints, components, cost, slo, incidents, unstable, warnings, warmupMethod, transientFigures,
                replication, checks, cluster, rollouts, databases, regions, null);
    }

    /** A summary of a design without regions. */
    public Summary(Run run, Requests overall, Map<String, Requests> endpoints, Map<String, Component> components,
                   Cost cost, List<SloResult> slo, List<Incident> incidents, List<String> unstable, List<String> warnings,
                   String warmupMethod, Transient transientFigures, Replication replication, Checks checks,
                   io.headroom.cluster.ClusterFigures cluster, List<io.headroom.run.RolloutFigures> rollouts,
                   Map<String, io.headroom.run.DatabaseFigures> databases) {
        this(run, overall, endpoints, components, cost, slo, incidents, unstable, warnings, warmupMethod, transientFigures,
                replication, checks, cluster, rollouts, databases, null);
    }

    /**
     * {@code regions}: per region its share of the users, the requests served there (the shape of {@code overall}) and its
     * cost; {@code routing}: per global router, each user population's requests by the region that served them, and its
     * records' health changes.
     */
    public record Regions(Map<String, Region> regions, Map<String, io.headroom.run.RegionFigures.Routing> routing) {
    }

    /** One region's figures. */
    public record Region(double usersShare, Requests served, double costUsd) {
    }

    /** A summary without databases. */
    public Summary(Run run, Requests overall, Map<String, Requests> endpoints, Map<String, Component> components,
                   Cost cost, List<SloResult> slo, List<Incident> incidents, List<String> unstable, List<String> warnings,
                   String warmupMethod, Transient transientFigures, Replication replication, Checks checks,
                   io.headroom.cluster.ClusterFigures cluster, List<io.headroom.run.RolloutFigures> rollouts) {
        this(run, overall, endpoints, components, cost, slo, incidents, unstable, warnings, warmupMethod, transientFigures,
                replication, checks, cluster, rollouts, Map.of());
    }

    /** A summary without rollouts. */
    public Summary(Run run, Requests overall, Map<String, Requests> endpoints, Map<String, Component> components,
                   Cost cost, List<SloResult> slo, List<Incident> incidents, List<String> unstable, List<String> warnings,
                   String warmupMethod, Transient transientFigures, Replication replication, Checks checks,
                   io.headroom.cluster.ClusterFigures cluster) {
        this(run, overall, endpoints, components, cost, slo, incidents, unstable, warnings, warmupMethod, transientFigures,
                replication, checks, cluster, List.of());
    }

    /** A summary without a cluster. */
    public Summary(Run run, Requests overall, Map<String, Requests> endpoints, Map<String, Component> components,
                   Cost cost, List<SloResult> slo, List<Incident> incidents, List<String> unstable, List<String> warnings,
                   String warmupMethod, Transient transientFigures, Replication replication, Checks checks) {
        this(run, overall, endpoints, components, cost, slo, incidents, unstable, warnings, warmupMethod, transientFigures,
                replication, checks, null);
    }

    /** Bumped when a key changes meaning or disappears; adding keys does not bump it. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * What was run and for how long (seconds).
     *
     * @param stoppedEarlyS when the in-flight guard stopped the run; null when it ran to the end
     */
    public record Run(int schemaVersion, String design, String profile, long seed, double simulatedS, double warmupS,
                      double drainedS, Double stoppedEarlyS, double events, double peakInFlight) {
    }

    /** Requests that arrived in the measured period; errors by cause, every cause present. */
    public record Requests(double requests, double completed, double attempts, EnumMap<ErrorCause, Double> errors,
                           double inFlight, double throughputPerS, Latency latencyMs) {
        public double errorTotal() {
            double total = 0;
            for (double e : errors.values()) {
                total += e;
            }
            return total;
        }
    }

    /** Latency of successful requests in milliseconds. */
    public record Latency(double mean, double p50, double p90, double p95, double p99, double p99_9, double max) {
    }

    /** A component of the design, as its kind reports it. */
    public sealed interface Component permits Service, Cache, Cdn {
    }

    /**
     * A service (or a sharded store, when it has {@code shards}) over the measured period; see
     * {@code RunResult.ServiceStats} for the meaning of each figure.
     */
    public record Service(double replicas, double concurrency, double cores, double utilisation, double cpu,
                          double instancesMean, double instancesPeak, double queueMean, double instanceHours,
                          double arrivalRatePerS, double inSystemMean, double sojournMeanMs, double rejected,
                          double timedOut, double attempts, double callsNotPermitted, double lost, double crashes,
                          double interruptions, double launches, double scaleOuts, double scaleIns,
                          List<Double> instanceRequests, List<Shard> shards, double hottestShardUtilisation,
                          Map<String, Pool> pools, Connections connections)
            implements Component {

        /** A component without connection pools, and that no pool reaches. */
        public Service(double replicas, double concurrency, double cores, double utilisation, double cpu,
                       double instancesMean, double instancesPeak, double queueMean, double instanceHours,
                       double arrivalRatePerS, double inSystemMean, double sojournMeanMs, double rejected,
                       double timedOut, double attempts, double callsNotPermitted, double lost, double crashes,
                       double interruptions, double launches, double scaleOuts, double scaleIns,
                       List<Double> instanceRequests, List<Shard> shards, double hottestShardUtilisation) {
            this(replicas, concurrency, cores, utilisation, cpu, instancesMean, instancesPeak, queueMean, instanceHours,
                    arrivalRatePerS, inSystemMean, sojournMeanMs, rejected, timedOut, attempts, callsNotPermitted, lost, crashes,
                    interruptions, launches, scaleOuts, scaleIns, instanceRequests, shards, hottestShardUtilisation, null, null);
        }

        public boolean sharded() {
            return shards != null;
        }
    }

    /**
     * A connection pool of a service to one callee ({@code pools.<callee>}); see {@code RunResult.PoolStats}.
     */
    public record Pool(double size, double calls, double waited, double waitMeanMs, double waitP99Ms, double poolTimeouts,
                       double connectionsMean, double connectionsShort) {
    }

    /** The connections callers' pools opened to a component over the run: refused by its bound, and the most at once. */
    public record Connections(double refused, double peak) {
    }

    /** One shard of a sharded store. */
    public record Shard(double utilisation, double requests) {
    }

    /** A cache: the fraction of counted lookups that hit. */
    public record Cache(double hitRatio, double lookups, double crashes, double bypassed, Double writes, Double invalidations)
            implements Component {
        /** A cache that takes no writes. */
        public Cache(double hitRatio, double lookups, double crashes, double bypassed) {
            this(hitRatio, lookups, crashes, bypassed, null, null);
        }
    }

    /**
     * A CDN: counted requests and the fraction that hit, over its edges and per edge ({@code edges}, by the population's
     * region, {@code edge} without regions); the GB its edges sent and its bill, over the whole run.
     */
    public record Cdn(double hitRatio, double requests, double hits, Map<String, CdnEdge> edges, double bytesOutGb, double costUsd)
            implements Component {
    }

    /** One edge of a CDN: counted requests and their hit ratio. */
    public record CdnEdge(double requests, double hitRatio) {
    }

    /**
     * The bill in USD: totals, then by component (name order) and by market; {@code perMonthUsd} the cost per month (the
     * run's average per hour × 730, AWS's month; NaN in a summary written before there was the key: read {@link #month}); {@code allocation} the roll-ups by tag (null when no component is
     * tagged); {@code budget} the projected month against the design's budget (null without one).
     */
    public record Cost(double totalUsd, double perHourUsd, double perMillionRequestsUsd, double idleUsd,
                       Map<String, Double> byComponent, Map<String, Double> byMarket,
                       Map<String, io.headroom.pricing.StorageFigures> storage, double perMonthUsd, Allocation allocation,
                       io.headroom.pricing.BudgetProjection budget) {
        public Cost {
            storage = storage == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(storage));
        }

        /** A cost without tags or budget, its month from its hour. */
        public Cost(double totalUsd, double perHourUsd, double perMillionRequestsUsd, double idleUsd,
                    Map<String, Double> byComponent, Map<String, Double> byMarket,
                    Map<String, io.headroom.pricing.StorageFigures> storage) {
            this(totalUsd, perHourUsd, perMillionRequestsUsd, idleUsd, byComponent, byMarket, storage, perMonth(perHourUsd), null, null);
        }

        /** A cost without stored data. */
        public Cost(double totalUsd, double perHourUsd, double perMillionRequestsUsd, double idleUsd,
                    Map<String, Double> byComponent, Map<String, Double> byMarket) {
            this(totalUsd, perHourUsd, perMillionRequestsUsd, idleUsd, byComponent, byMarket, null);
        }

        /** The cost per month of {@code perHourUsd} as the summary writes it: × 730, to the micro-dollar. */
        public static double perMonth(double perHourUsd) {
            return Math.round(perHourUsd * Figures.HOURS_PER_MONTH * 1e6) / 1e6;
        }

        /** The cost per month: as written, else (a summary written before the key) from the cost per hour. */
        public double month() {
            return Double.isNaN(perMonthUsd) ? perMonth(perHourUsd) : perMonthUsd;
        }

        /** Something had an instance type (a cost of only unpriced components is no cost). */
        public boolean priced() {
            return !byComponent.isEmpty();
        }
    }

    /** The bill allocated by tag ({@code cost.allocation}): the rule for shared costs and, per tag key, its roll-up. */
    public record Allocation(String shared, Map<String, TagRollup> byTag) {
    }

    /**
     * One tag key's roll-up in USD, to the cent: each value's cost and the unallocated part (they add up to the total
     * rounded to the cent), and the same per month (adding up to the cost per month rounded to the cent); {@code shared}:
     * how each shared line was split, line → value → share (to 6 places; empty: unallocated).
     */
    public record TagRollup(Map<String, Double> values, double unallocatedUsd, Map<String, Double> valuesPerMonth,
                            double unallocatedPerMonthUsd, Map<String, Map<String, Double>> shared) {
        public TagRollup {
            shared = shared == null ? Map.of() : shared;
        }
    }

    /**
     * One SLO: its expression (or an error budget's name), the value that decides it, met or not;
     * how its windows went or how its budget was spent, when it has them (else null); and over
     * replications the share of them in which it was met (NaN for one run).
     */
    public record SloResult(String expr, double value, boolean pass, SloVerdict.Windows windows, SloVerdict.Budget budget,
                            double passedShare) {
        /** A whole-run SLO of one run. */
        public SloResult(String expr, double value, boolean pass) {
            this(expr, value, pass, null, null, Double.NaN);
        }
    }

    /**
     * The worst moment of a run: the window with the most arrivals per second, the most instances
     * at once (summed over components), and the highest cost rate (null when nothing was priced).
     */
    public record Transient(double busiestWindowStartS, double busiestWindowArrivalsPerS, double busiestWindowP99Ms,
                            double instancesPeak, Double costPeakUsdPerHour) {
    }

    /**
     * The run's self-checks ({@code checks}; see {@code io.headroom.run.Checks}): passed or not, what
     * failed, and the figures of each law — for one run only; over replications, how many failed.
     *
     * @param replicationsFailed replications whose checks failed, or null for one run
     * @param overall            the load's counted requests (null over replications)
     * @param components         each service's requests of the whole run (null over replications)
     */
    public record Checks(boolean passed, List<String> failures, Integer replicationsFailed, Balance overall,
                         Map<String, Balance> components, Little overallLittle, Map<String, Little> componentLittle) {
    }

    /**
     * Conservation: {@code arrived = completed + passed on + errors + in flight} ({@code passedOn}
     * NaN for the load, which passes nothing on).
     */
    public record Balance(double arrived, double completed, double passedOn, EnumMap<ErrorCause, Double> errors, double inFlight) {
    }

    /** Little's law over the measured period, in request·seconds, and the relative difference. */
    public record Little(double integral, double sum, double relativeError) {
    }

    /**
     * A k6 profile's iterations over the whole run (whole for one run, the mean over replications): completed,
     * interrupted (a hard stop), dropped (k6's {@code dropped_iterations}).
     */
    public record Iterations(double completed, double interrupted, double dropped) {
    }

    /** True when every SLO was met (or there are none). */
    public boolean slosMet() {
        return slo.stream().allMatch(SloResult::pass);
    }

    /** The same summary with other transient figures and warm-up method. */
    public Summary withTransient(String method, Transient figures) {
        return new Summary(run, overall, endpoints, components, cost, slo, incidents, unstable, warnings, method, figures,
                replication, checks, cluster, rollouts, databases, regions, iterations);
    }
}
