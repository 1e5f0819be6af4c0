package io.headroom.report;

import io.headroom.metrics.LatencyStats.LatencySummary;
import io.headroom.run.RunResult;
import java.util.Locale;
import java.util.Map;

/** The few lines {@code headroom run} prints: what was simulated, latency, errors, and each component's load. */
public final class TextSummary {
    private TextSummary() {
    }

    public static String render(RunResult r) {
        StringBuilder b = new StringBuilder();
        RunResult.RequestStats o = r.overall();
        b.append(String.format(Locale.ROOT, "%s under %s (seed %d): %s simulated", r.design(), r.profile(), r.seed(), seconds(r.simulatedS())));
        if (r.warmupS() > 0) {
            b.append(String.format(Locale.ROOT, ", first %s left out as warm-up", seconds(r.warmupS())));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "  requests   %,d   completed %,d   errors %,d (%.3f%%)   in flight %,d   throughput %.2f/s%n",
                o.requests(), o.completed(), o.errorTotal(), o.requests() == 0 ? 0.0 : 100.0 * o.errorTotal() / o.requests(),
                o.inFlight(), o.throughputPerS()));
        if (o.errorTotal() > 0) {
            b.append("  errors    ");
            for (Map.Entry<io.headroom.request.ErrorCause, Long> e : o.errors().entrySet()) {
                if (e.getValue() > 0) {
                    b.append(String.format(Locale.ROOT, " %s %,d", e.getKey().key(), e.getValue()));
                }
            }
            b.append('\n');
        }
        LatencySummary l = o.latencyMs();
        b.append(String.format(Locale.ROOT, "  latency ms mean %s  p50 %s  p90 %s  p95 %s  p99 %s  p99.9 %s  max %s%n",
                ms(l.mean()), ms(l.p50()), ms(l.p90()), ms(l.p95()), ms(l.p99()), ms(l.p99_9()), ms(l.max())));
        if (r.endpoints().size() > 1) {
            r.endpoints().forEach((name, s) -> b.append(String.format(Locale.ROOT, "    %-12s %,9d requests  mean %s  p99 %s ms%n",
                    name, s.requests(), ms(s.latencyMs().mean()), ms(s.latencyMs().p99()))));
        }
        r.components().forEach((name, c) -> {
            var lc = c.lifecycle();
            boolean varied = lc.launches() + lc.scaleIns() > 0
                    || c.instancesPeak() != c.replicas() || Math.abs(c.instancesMean() - c.replicas()) > 1e-9;
            String size = varied ? String.format(Locale.ROOT, "%.2f instances (peak %d)", c.instancesMean(), c.instancesPeak())
                    : String.valueOf(c.replicas());
            b.append(String.format(Locale.ROOT,
                    "  %-12s %s × %d workers, %d cores: utilisation %.3f  cpu %.3f  queue %.2f  in service+queue %.2f%n",
                    name, size, c.concurrency(), c.cores(), c.utilisation(), c.cpu(), c.queueMean(), c.inSystemMean()));
            var life = c.lifecycle();
            if (life.scaleOuts() + life.scaleIns() + life.crashes() + life.interruptions() + life.lost() > 0) {
                b.append(String.format(Locale.ROOT,
                        "  %-12s scale-outs %d  scale-ins %d  launches %d  crashes %d  spot interruptions %d  lost %d%n",
                        "", life.scaleOuts(), life.scaleIns(), life.launches(), life.crashes(), life.interruptions(), life.lost()));
            }
        });
        if (r.cost() != null && r.cost().totalUsd() > 0) {
            var cost = r.cost();
            b.append(String.format(Locale.ROOT, "  cost       $%.4f total  $%.4f/h  $%.4f per million requests  idle $%.4f%n",
                    cost.totalUsd(), cost.perHourUsd(), cost.perMillionRequestsUsd(), cost.idleUsd()));
        }
        for (var slo : r.slos()) {
            b.append("  SLO ").append(io.headroom.design.Slo.parse(slo.expression()).describe(slo.value())).append('\n');
        }
        for (String w : r.warnings()) {
            b.append("  WARNING: ").append(w).append('\n');
        }
        return b.toString();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String seconds(double s) {
        if (s >= 3600 && s % 3600 == 0) {
            return String.format(Locale.ROOT, "%.0f h", s / 3600);
        }
        if (s >= 60 && s % 60 == 0) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
