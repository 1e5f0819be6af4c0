package io.headroom.run;

import io.headroom.metrics.LatencyStats.LatencySummary;
import io.headroom.request.ErrorCause;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run found, in plain values (no engine objects), ready for the writers in
 * {@code reports}. Durations are seconds and latencies milliseconds, as in {@code summary.json}.
 *
 * @param simulatedS   the profile's length: the measured period ends here
 * @param warmupS      the start of the measured period
 * @param drainedS     how long after the profile's end in-flight requests were followed
 * @param stoppedEarlyS when the in-flight guard stopped the run (null if it ran to the end)
 * @param events       events fired (for speed figures; deterministic)
 * @param peakInFlight most requests in flight at once: with {@code peakPendingEvents}, what the
 *                     run's memory is proportional to (neither grows with the run's length)
 * @param slos         the design's SLOs, in design order
 * @param incidents    the stretches in which an SLO was breached, by start
 * @param checks       what the run verified about itself (conservation, Little's law)
 * @param databases    each database's figures, in design order (empty without one)
 */
public record RunResult(
        String design,
        String profile,
        long seed,
        double simulatedS,
        double warmupS,
        double drainedS,
        Double stoppedEarlyS,
        long events,
        int peakInFlight,
        int peakPendingEvents,
        RequestStats overall,
        Map<String, RequestStats> endpoints,
        Map<String, ServiceStats> components,
        Map<String, CacheStats> caches,
        List<io.headroom.slo.SloVerdict> slos,
        List<io.headroom.slo.Incident> incidents,
        List<String> unstable,
        List<String> warnings,
        io.headroom.pricing.CostSummary cost,
        Checks checks,
        io.headroom.cluster.ClusterFigures cluster,
        List<RolloutFigures> rollouts,
        Map<String, DatabaseFigures> databases,
        Map<String, CdnStats> cdns,
        RegionFigures regions,
        IterationFigures iterations) {

    public RunResult {
        databases = databases == null ? Map.of() : databases;
        cdns = cdns == null ? Map.of() : cdns;
    }

    /** A result of a profile without k6 iterations. */
    public RunResult(String design, String profile, long seed, double simulatedS, double warmupS, double drainedS, Double stoppedEarlyS,
                     long events, int peakInFlight, int peakPendingEvents, RequestStats overall, Map<String, RequestStats> endpoints,
                     Map<String, ServiceStats> components, Map<String, CacheStats> caches, List<io.headroom.slo.SloVerdict> slos,
                     List<io.headroom.slo.Incident> incidents, List<String> unstable, List<String> warnings,
                     io.headroom.pricing.CostSummary cost, Checks checks, io.headroom.cluster.ClusterFigures cluster,
                     List<RolloutFigures> rollouts, Map<String, DatabaseFigures> databases, Map<String, CdnStats> cdns,
                     RegionFigures regions) {
        this(design, profile, seed, simulatedS, warmupS, drainedS, stoppedEarlyS, events, peakInFlight, peakPendingEvents, overall,
                endpoints, components, caches, slos, incidents, unstable, warnings, cost, checks, cluster, rollouts, databases, cdns,
                regions, null);
    }

    /** A result without CDNs or regions. */
    public RunResult(String design, String profile, long seed, double simulatedS, double warmupS, double drainedS, Double stoppedEarlyS,
                     long events, int peakInFlight, int peakPendingEvents, RequestStats overall, Map<String, RequestStats> endpoints,
                     Map<String, ServiceStats> components, Map<String, CacheStats> caches, List<io.headroom.slo.SloVerdict> slos,
                     List<io.headroom.slo.Incident> incidents, List<String> unstable, List<String> warnings,
                     io.headroom.pricing.CostSummary cost, Checks checks, io.headroom.cluster.ClusterFigures cluster,
                     List<RolloutFigures> rollouts, Map<String, DatabaseFigures> databases) {
        this(design, profile, seed, simulatedS, warmupS, drainedS, stoppedEarlyS, events, peakInFlight, peakPendingEvents, overall,
                endpoints, components, caches, slos, incidents, unstable, warnings, cost, checks, cluster, rollouts, databases, Map.of(),
                null);
    }

    /**
     * A CDN over the measured period: counted requests and hits over its edges, and per edge (by name: the population's
     * region, or {@code edge} without regions); {@code bytesOut} and {@code costUsd} are what it sent and was billed
     * over the whole run.
     */
    public record CdnStats(double hitRatio, long requests, long hits, Map<String, Edge> edges, long bytesOut, double costUsd) {
        /** One edge: counted requests and their hit ratio (NaN without requests). */
        public record Edge(long requests, double hitRatio) {
        }
    }

    /** A result without databases. */
    public RunResult(String design, String profile, long seed, double simulatedS, double warmupS, double drainedS, Double stoppedEarlyS,
                     long events, int peakInFlight, int peakPendingEvents, RequestStats overall, Map<String, RequestStats> endpoints,
                     Map<String, ServiceStats> components, Map<String, CacheStats> caches, List<io.headroom.slo.SloVerdict> slos,
                     List<io.headroom.slo.Incident> incidents, List<String> unstable, List<String> warnings,
                     io.headroom.pricing.CostSummary cost, Checks checks, io.headroom.cluster.ClusterFigures cluster,
                     List<RolloutFigures> rollouts) {
        this(design, profile, seed, simulatedS, warmupS, drainedS, stoppedEarlyS, events, peakInFlight, peakPendingEvents, overall,
                endpoints, components, caches, slos, incidents, unstable, warnings, cost, checks, cluster, rollouts, Map.of());
    }

    /** A result without rollouts. */
    public RunResult(String design, String profile, long seed, double simulatedS, double warmupS, double drainedS, Double stoppedEarlyS,
                     long events, int peakInFlight, int peakPendingEvents, RequestStats overall, Map<String, RequestStats> endpoints,
                     Map<String, ServiceStats> components, Map<String, CacheStats> caches, List<io.headroom.slo.SloVerdict> slos,
                     List<io.headroom.slo.Incident> incidents, List<String> unstable, List<String> warnings,
                     io.headroom.pricing.CostSummary cost, Checks checks, io.headroom.cluster.ClusterFigures cluster) {
        this(design, profile, seed, simulatedS, warmupS, drainedS, stoppedEarlyS, events, peakInFlight, peakPendingEvents, overall,
                endpoints, components, caches, slos, incidents, unstable, warnings, cost, checks, cluster, List.of());
    }

    /** A result without a cluster. */
    public RunResult(String design, String profile, long seed, double simulatedS, double warmupS, double drainedS, Double stoppedEarlyS,
                     long events, int peakInFlight, int peakPendingEvents, RequestStats overall, Map<String, RequestStats> endpoints,
                     Map<String, ServiceStats> components, Map<String, CacheStats> caches, List<io.headroom.slo.SloVerdict> slos,
                     List<io.headroom.slo.Incident> incidents, List<String> unstable, List<String> warnings,
                     io.headroom.pricing.CostSummary cost, Checks checks) {
        this(design, profile, seed, simulatedS, warmupS, drainedS, stoppedEarlyS, events, peakInFlight, peakPendingEvents, overall,
                endpoints, components, caches, slos, incidents, unstable, warnings, cost, checks, null);
    }

    /**
     * Requests that arrived in the measured period.
     *
     * @param errors by cause, every cause present (in result order)
     */
    public record RequestStats(long requests, long completed, long attempts, EnumMap<ErrorCause, Long> errors, long inFlight,
                               double throughputPerS, LatencySummary latencyMs) {
        public long errorTotal() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A service over the measured period. Averages are over time; {@code queueMean} and
     * {@code inSystemMean} are totals over instances. {@code attempts}: counted requests that reached
     * it (with retries, more than its callers' requests); {@code callsNotPermitted}: its own calls
     * failed fast by its circuit breakers; {@code pools}: its connection pools (empty: none);
     * {@code connections}: the connections its callers' pools opened to it (null when none can).
     */
    public record ServiceStats(int replicas, int concurrency, int cores, double utilisation, double cpu,
                               double instancesMean, int instancesPeak, double queueMean, double instanceHours,
                               double arrivalRatePerS, double inSystemMean, double sojournMeanMs,
                               long rejected, long timedOut, long attempts, long callsNotPermitted, List<Long> instanceRequests,
                               List<ShardStats> shards, Lifecycle lifecycle, List<PoolStats> pools, ConnectionStats connections) {

        /** A component without connection pools, and that no pool reaches. */
        public ServiceStats(int replicas, int concurrency, int cores, double utilisation, double cpu,
                            double instancesMean, int instancesPeak, double queueMean, double instanceHours,
                            double arrivalRatePerS, double inSystemMean, double sojournMeanMs,
                            long rejected, long timedOut, long attempts, long callsNotPermitted, List<Long> instanceRequests,
                            List<ShardStats> shards, Lifecycle lifecycle) {
            this(replicas, concurrency, cores, utilisation, cpu, instancesMean, instancesPeak, queueMean, instanceHours,
                    arrivalRatePerS, inSystemMean, sojournMeanMs, rejected, timedOut, attempts, callsNotPermitted, instanceRequests,
                    shards, lifecycle, List.of(), null);
        }

        /** The busiest shard's utilisation (a sharded store), or NaN. */
        public double hottestShardUtilisation() {
            return shards == null ? Double.NaN : shards.stream().mapToDouble(ShardStats::utilisation).max().orElse(Double.NaN);
        }
    }

    /**
     * What happened to a component's instances: counted requests lost with an instance, crashes, spot interruptions,
     * instances launched after the start (scale-outs and replacements), and how often the desired
     * count went up and down.
     */
    public record Lifecycle(long lost, long crashes, long interruptions, long launches, long scaleOuts, long scaleIns) {
    }

    /** True when every SLO of the design was met (or there are none). */
    public boolean slosMet() {
        return slos.stream().allMatch(io.headroom.slo.SloVerdict::met);
    }

    /**
     * A cache over the measured period: the fraction of counted lookups that hit; {@code writes} and
     * {@code invalidations} (counted writes, and those that dropped a cached key) are null for a cache that takes no
     * writes.
     */
    public record CacheStats(double hitRatio, long lookups, long crashes, long bypassed, Long writes, Long invalidations) {
        public CacheStats(double hitRatio, long lookups) {
            this(hitRatio, lookups, 0, 0);
        }

        public CacheStats(double hitRatio, long lookups, long crashes, long bypassed) {
            this(hitRatio, lookups, crashes, bypassed, null, null);
        }
    }

    /**
     * A caller's connection pool to {@code callee}, {@code size} connections per instance: counted call attempts that
     * asked for a connection ({@code calls}), that found none free ({@code waited}) and that waited the pool's timeout
     * ({@code poolTimeouts}); the wait over every one of them (ms: mean and p99, zero for those that found one); and,
     * averaged over the measured period, the connections its instances held ({@code connectionsMean}) and those they
     * lacked of their size ({@code connectionsShort}: the callee's bound refused them), summed over instances.
     */
    public record PoolStats(String callee, int size, long calls, long waited, double waitMeanMs, double waitP99Ms,
                            long poolTimeouts, double connectionsMean, double connectionsShort) {
    }

    /**
     * The connections callers' pools opened to a component, over the whole run (pools open theirs as instances start,
     * warm-up included): those its bound ({@code max-connections}) refused, each counted once, and the most open at once.
     */
    public record ConnectionStats(long refused, int peak) {
    }

    /** One shard of a sharded store: utilisation of its replicas' workers, and counted requests it took. */
    public record ShardStats(double utilisation, long requests) {
    }
}
