package io.headroom.experiment;

import io.headroom.result.Figures;
import io.headroom.result.Replication;
import io.headroom.result.Summary;
import io.headroom.result.SweepPoint;
import io.headroom.study.StudyPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point's line in a sweep's results ({@link SweepPoint}), taken from the point's {@link Summary} (of
 * one run, or of replications with their half-widths): the values set, the key metrics, and the SLO
 * outcomes. Cost keys appear when the summary has them and something was priced; cluster keys (node-hours, peak
 * nodes, the pending pods' peak and 95th-percentile pending time) when the design runs on a cluster; throttling keys
 * (CPU-limit periods throttled, request-seconds stalled, summed over the services with a limit) when one has a limit;
 * rollout keys (the rollouts' duration, p99 of the requests during them, their errors and extra cost) when the design
 * has deployments.
 */
public final class SweepRow {
    /** The metric keys, in row order; {@code cost_} keys only when something was priced. */
    public static final List<String> METRICS = List.of("requests", "throughput_per_s", "errors_pct", "mean_ms", "p50_ms", "p90_ms",
            "p95_ms", "p99_ms", "p99_9_ms", "instance_hours", "instances_peak", "busiest_p99_ms", "cost_total_usd",
            "cost_per_hour_usd", "cost_per_million_usd", "node_hours", "nodes_peak", "pods_pending_peak", "pending_p95_s",
            "throttled_periods", "throttled_s", "rollout_s", "rollout_p99_ms", "rollout_errors", "rollout_extra_usd", "warmup_s");
    /** The keys a design on a Kubernetes cluster adds (summed over its pools where they are per pool). */
    private static final List<String> CLUSTER = List.of("node_hours", "nodes_peak", "pods_pending_peak", "pending_p95_s");
    /** The keys a service with a CPU limit adds (summed over such services). */
    private static final List<String> THROTTLING = List.of("throttled_periods", "throttled_s");
    /** The keys a design with deployments adds (summed over its rollouts; the p99 the worst of them). */
    private static final List<String> ROLLOUTS = List.of("rollout_s", "rollout_p99_ms", "rollout_errors", "rollout_extra_usd");

    private SweepRow() {
    }

    public static SweepPoint of(StudyPoint point, Summary summary) {
        Replication replication = summary.replication();
        return new SweepPoint(point.index(), point.name(), new LinkedHashMap<>(point.values()),
                replication == null ? 1 : replication.count(), figures(summary));
    }

    /** The key figures of one summary (a run's, or replications' with their half-widths). */
    public static Figures figures(Summary summary) {
        Replication replication = summary.replication();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Summary ci = replication == null ? null : replication.halfWidths();
        Map<String, Double> ciRow = ci == null ? null : new LinkedHashMap<>();
        // a cost object whose components are all unpriced (no instance types) is no cost: instance-hours stand in
        boolean priced = summary.cost() != null && summary.cost().priced();
        for (String key : METRICS) {
            if (key.startsWith("cost_") && !priced) {
                continue;
            }
            if (key.equals("busiest_p99_ms") && summary.transientFigures() == null) {
                continue;
            }
            if (CLUSTER.contains(key) && summary.cluster() == null) {
                continue;
            }
            if (THROTTLING.contains(key) && (summary.cluster() == null || summary.cluster().throttling().isEmpty())) {
                continue;
            }
            if (ROLLOUTS.contains(key) && summary.rollouts().isEmpty()) {
                continue;
            }
            metrics.put(key, metric(summary, key));
            if (ciRow != null) {
                double h = key.equals("errors_pct") || key.equals("instance_hours") ? Double.NaN
                        : key.equals("instances_peak") ? (ci.transientFigures() == null ? Double.NaN : ci.transientFigures().instancesPeak())
                        : metric(ci, key);
                ciRow.put(key, h);
            }
        }
        boolean met = true;
        for (Summary.SloResult s : summary.slo()) {
            met &= s.pass();
        }
        return new Figures(metrics, ciRow, List.copyOf(summary.slo()), met, List.copyOf(summary.unstable()),
                summary.checks() == null ? List.of() : List.copyOf(summary.checks().failures()));
    }

    /** A metric of a summary (of means, or of half-widths), NaN where it has none. */
    private static double metric(Summary s, String key) {
        Summary.Requests o = s.overall();
        Summary.Latency l = o.latencyMs();
        Summary.Transient t = s.transientFigures();
        Summary.Cost c = s.cost();
        return switch (key) {
            case "requests" -> o.requests();
            case "throughput_per_s" -> o.throughputPerS();
            case "errors_pct" -> {
                double req = Double.isNaN(o.requests()) ? 0 : o.requests();
                double err = 0;
                for (double e : o.errors().values()) {
                    err += Double.isNaN(e) ? 0 : e;
                }
                yield req > 0 ? round(100 * err / req) : Double.NaN;
            }
            case "mean_ms" -> l.mean();
            case "p50_ms" -> l.p50();
            case "p90_ms" -> l.p90();
            case "p95_ms" -> l.p95();
            case "p99_ms" -> l.p99();
            case "p99_9_ms" -> l.p99_9();
            case "instance_hours" -> sum(s, Summary.Service::instanceHours);
            // the most instances at once over the whole design; the sum of each component's peak without the windows
            case "instances_peak" -> t != null && !Double.isNaN(t.instancesPeak()) ? t.instancesPeak()
                    : sum(s, Summary.Service::instancesPeak);
            case "busiest_p99_ms" -> t == null ? Double.NaN : t.busiestWindowP99Ms();
            case "cost_total_usd" -> c == null ? Double.NaN : c.totalUsd();
            case "cost_per_hour_usd" -> c == null ? Double.NaN : c.perHourUsd();
            case "cost_per_million_usd" -> c == null ? Double.NaN : c.perMillionRequestsUsd();
            case "node_hours" -> s.cluster() == null ? Double.NaN
                    : s.cluster().pools().values().stream().mapToDouble(io.headroom.cluster.ClusterFigures.Pool::nodeHours).sum();
            case "nodes_peak" -> s.cluster() == null ? Double.NaN
                    : s.cluster().pools().values().stream().mapToDouble(io.headroom.cluster.ClusterFigures.Pool::nodesPeak).sum();
            case "pods_pending_peak" -> s.cluster() == null ? Double.NaN : s.cluster().podsPendingPeak();
            case "pending_p95_s" -> s.cluster() == null ? Double.NaN : s.cluster().pendingS().p95();
            case "throttled_periods" -> s.cluster() == null ? Double.NaN : s.cluster().throttling().values().stream()
                    .mapToDouble(io.headroom.cluster.ClusterFigures.Throttling::throttledPeriods).sum();
            case "throttled_s" -> s.cluster() == null ? Double.NaN : s.cluster().throttling().values().stream()
                    .mapToDouble(io.headroom.cluster.ClusterFigures.Throttling::throttledS).sum();
            case "rollout_s" -> rollouts(s, io.headroom.run.RolloutFigures::durationS, false);
            case "rollout_p99_ms" -> rollouts(s, io.headroom.run.RolloutFigures::p99Ms, true);
            case "rollout_errors" -> rollouts(s, f -> (double) f.errors(), false);
            case "rollout_extra_usd" -> rollouts(s, io.headroom.run.RolloutFigures::extraCostUsd, false);
            case "warmup_s" -> s.run().warmupS();
            default -> throw new IllegalArgumentException(key);
        };
    }

    /** The metrics of one summary (a run's or replications'), by key; a key the summary lacks is left out. */
    public static Map<String, Double> metrics(Summary summary) {
        return figures(summary).metrics();
    }

    /** A figure summed (or its largest, {@code worst}) over the rollouts that have it; NaN when none has. */
    private static double rollouts(Summary s, java.util.function.Function<io.headroom.run.RolloutFigures, Double> figure, boolean worst) {
        double total = worst ? Double.NEGATIVE_INFINITY : 0;
        boolean any = false;
        for (io.headroom.run.RolloutFigures f : s.rollouts()) {
            Double v = figure.apply(f);
            if (v != null && !Double.isNaN(v)) {
                total = worst ? Math.max(total, v) : total + v;
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    /** The sum of a figure over the services that have it; NaN when none has. */
    private static double sum(Summary s, java.util.function.ToDoubleFunction<Summary.Service> figure) {
        double total = 0;
        boolean any = false;
        for (Summary.Component c : s.components().values()) {
            if (c instanceof Summary.Service service && !Double.isNaN(figure.applyAsDouble(service))) {
                total += figure.applyAsDouble(service);
                any = true;
            }
        }
        return any ? round(total) : Double.NaN;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
