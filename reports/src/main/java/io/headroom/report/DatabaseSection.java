package io.headroom.report;

import io.headroom.result.Summary;
import io.headroom.run.DatabaseFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Databases" table: per database, the reads and how many a replica served stale, the writes, the
 * failovers, how long writes were unavailable and how many a failover lost, the replicas' lag and the backups.
 * Empty (and left out) for a design without a database.
 */
final class DatabaseSection {
    private static final String DASH = "\u2014";

    private DatabaseSection() {
    }

    static ReportTable table(Summary s) {
        List<List<String>> rows = new ArrayList<>();
        s.databases().forEach((name, d) -> rows.add(row(name, d)));
        return ReportTable.of(List.of("database", "reads", "stale reads", "stale share", "writes", "failovers", "writes unavailable",
                        "writes lost", "replica lag mean ms", "p99 ms", "max ms", "backups"),
                List.of(false, true, true, true, true, true, true, true, true, true, true, true), rows);
    }

    private static List<String> row(String name, DatabaseFigures d) {
        return List.of(name, count(d.reads()), count(d.staleReads()),
                Double.isNaN(d.staleReadRatio()) ? DASH : String.format(Locale.ROOT, "%.3f %%", 100 * d.staleReadRatio()),
                count(d.writes()), count(d.failovers()), Double.isNaN(d.unavailableS()) ? DASH : TimeAxis.clock(d.unavailableS()),
                count(d.writesLost()), RunReport.number(d.replicaLagMs().mean(), 2), RunReport.number(d.replicaLagMs().p99(), 2),
                RunReport.number(d.replicaLagMs().max(), 2), count(d.backups()));
    }

    private static String count(double v) {
        return Double.isNaN(v) ? DASH : String.format(Locale.ROOT, "%,d", Math.round(v));
    }
}
