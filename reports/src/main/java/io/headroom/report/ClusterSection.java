package io.headroom.report;

import io.headroom.cluster.ClusterFigures;
import io.headroom.result.Summary;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's Cluster section, for a run on a Kubernetes cluster: per node pool its nodes, node-hours, cost, the CPU
 * pods requested and used and the idle cost; the pods' pending times and preemptions; and the cost allocated to each
 * service (OpenCost's way), with each pool's idle beside it; for Karpenter's NodePools, what it launched and consolidated;
 * and, where a service's CPU limit throttled its pods, the periods throttled and the delay it added.
 */
final class ClusterSection {
    private ClusterSection() {
    }

    /** The section's tables; none when the run had no cluster. */
    static List<ReportTable> tables(Summary s) {
        ClusterFigures c = s.cluster();
        if (c == null) {
            return List.of();
        }
        List<List<String>> pools = new ArrayList<>();
        c.pools().forEach((name, p) -> pools.add(List.of(name, RunReport.number(p.nodesMean(), 2), RunReport.number(p.nodesPeak(), 0),
                RunReport.number(p.nodeHours(), 2), usd(p.costUsd()), pct(p.cpuRequested()), pct(p.cpuUsed()), usd(p.idleUsd()))));
        List<List<String>> pods = new ArrayList<>();
        ClusterFigures.PendingTimes t = c.pendingS();
        pods.add(List.of(RunReport.number(t.pods(), 0), RunReport.number(c.podsPendingPeak(), 0), RunReport.number(t.p50(), 1),
                RunReport.number(t.p95(), 1), RunReport.number(t.max(), 1), RunReport.number(c.preemptions(), 0),
                RunReport.number(c.evictions(), 0)));
        List<List<String>> allocated = new ArrayList<>();
        c.allocatedCostUsd().forEach((name, v) -> allocated.add(List.of(name, usd(v))));
        c.pools().forEach((name, p) -> allocated.add(List.of("idle in " + name, usd(p.idleUsd()))));
        List<ReportTable> tables = new ArrayList<>(List.of(
                ReportTable.numbers(List.of("node pool", "nodes mean", "peak", "node-hours", "cost", "CPU requested", "CPU used",
                        "idle"), pools),
                ReportTable.numbers(List.of("pods started", "pending peak", "pending p50 s", "p95 s", "max s", "preemptions",
                        "evictions"), pods),
                ReportTable.numbers(List.of("cost allocated (OpenCost)", "USD"), allocated)));
        List<List<String>> throttled = new ArrayList<>();
        c.throttling().forEach((name, v) -> {
            if (v.throttledPeriods() > 0) {
                throttled.add(List.of(name, RunReport.number(v.throttledPeriods(), 0), RunReport.number(v.throttledS(), 3),
                        RunReport.number(v.throttledMsPerRequest(), 3)));
            }
        });
        if (!throttled.isEmpty()) {
            tables.add(ReportTable.numbers(List.of("CPU limit throttled", "periods", "stalled request-s", "ms per request"), throttled));
        }
        if (!c.karpenter().isEmpty()) {
            List<List<String>> karpenter = new ArrayList<>();
            c.karpenter().forEach((name, k) -> karpenter.add(List.of(name, RunReport.number(k.nodeClaims(), 0),
                    RunReport.number(k.emptyDeletes(), 0), RunReport.number(k.underutilizedDeletes(), 0), RunReport.number(k.replaces(), 0),
                    RunReport.number(k.nodesConsolidated(), 0), RunReport.number(k.expired(), 0), hoursByType(k))));
            tables.add(ReportTable.numbers(List.of("Karpenter NodePool", "NodeClaims", "empty deleted", "underused deleted", "replaced",
                    "nodes consolidated", "expired", "node-hours by type"), karpenter));
        }
        return tables;
    }

    /** {@code c6i.large/on-demand 3.63 h, ...}, the largest first. */
    private static String hoursByType(ClusterFigures.KarpenterPool k) {
        List<String> parts = new ArrayList<>();
        k.nodeHoursByOffering().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
                .forEach(e -> parts.add(e.getKey() + " " + RunReport.number(e.getValue(), 2) + " h"));
        return String.join(", ", parts);
    }

    private static String usd(double v) {
        return Double.isNaN(v) ? "\u2014" : String.format(java.util.Locale.ROOT, "$%,.4f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "\u2014" : String.format(java.util.Locale.ROOT, "%.1f %%", v * 100);
    }
}
