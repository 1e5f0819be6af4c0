package io.headroom.report;

import io.headroom.result.Summary;
import io.headroom.run.RegionFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "Regions" tables, for a design with regions: per region, its share of the users, the requests served
 * there, their errors and latency as users saw it, and the region's cost; and, per global router, where each user
 * population was served (a map-free table: populations down, serving regions across), with its records' health
 * changes. Empty (and left out) without regions.
 */
final class RegionSection {
    private static final String DASH = "\u2014";

    private RegionSection() {
    }

    static List<ReportTable> tables(Summary s) {
        List<ReportTable> out = new ArrayList<>();
        if (s.regions() == null) {
            return out;
        }
        List<List<String>> rows = new ArrayList<>();
        s.regions().regions().forEach((name, r) -> {
            Summary.Requests q = r.served();
            double errors = q.errorTotal();
            rows.add(List.of(name, String.format(Locale.ROOT, "%.1f %%", 100 * r.usersShare()), count(q.requests()), count(errors),
                    q.requests() > 0 ? String.format(Locale.ROOT, "%.3f %%", 100 * errors / q.requests()) : DASH,
                    RunReport.number(q.latencyMs().p50(), 2), RunReport.number(q.latencyMs().p99(), 2),
                    String.format(Locale.ROOT, "$%.4f", r.costUsd())));
        });
        out.add(ReportTable.of(List.of("region", "users", "requests served", "errors", "error share", "p50 ms", "p99 ms", "cost"),
                List.of(false, true, true, true, true, true, true, true), rows));
        for (Map.Entry<String, RegionFigures.Routing> e : s.regions().routing().entrySet()) {
            List<String> regions = new ArrayList<>();
            e.getValue().served().values().stream().findFirst().ifPresent(row -> regions.addAll(row.keySet()));
            List<String> header = new ArrayList<>();
            header.add("users in (" + e.getKey() + ")");
            regions.forEach(r -> header.add("served in " + r));
            List<Boolean> right = new ArrayList<>();
            right.add(false);
            regions.forEach(r -> right.add(true));
            List<List<String>> served = new ArrayList<>();
            e.getValue().served().forEach((population, row) -> {
                List<String> cells = new ArrayList<>();
                cells.add(population);
                long total = row.values().stream().mapToLong(Long::longValue).sum();
                for (String r : regions) {
                    long n = row.getOrDefault(r, 0L);
                    cells.add(total == 0 ? DASH : String.format(Locale.ROOT, "%,d (%.1f %%)", n, 100.0 * n / total));
                }
                served.add(cells);
            });
            out.add(ReportTable.of(header, right, served));
            if (!e.getValue().healthChanges().isEmpty()) {
                List<List<String>> changes = new ArrayList<>();
                for (RegionFigures.HealthChange h : e.getValue().healthChanges()) {
                    changes.add(List.of(TimeAxis.clock(h.atS()), h.region(), h.healthy() ? "healthy" : "unhealthy"));
                }
                out.add(ReportTable.of(List.of("at (" + e.getKey() + " health checks)", "region", "became"), List.of(false, false, false),
                        changes));
            }
        }
        return out;
    }

    private static String count(double v) {
        return Double.isNaN(v) ? DASH : String.format(Locale.ROOT, "%,d", Math.round(v));
    }
}
