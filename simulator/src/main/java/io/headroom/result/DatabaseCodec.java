package io.headroom.result;

import static io.headroom.result.JsonValues.count;
import static io.headroom.result.JsonValues.d;
import static io.headroom.result.JsonValues.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.run.DatabaseFigures;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code databases} object of {@code summary.json}, one entry per database: {@code reads}, {@code writes},
 * {@code stale_reads}, {@code stale_read_ratio}, {@code failovers}, {@code unavailable_s}, {@code unavailable_writes},
 * {@code unavailable_reads}, {@code writes_lost},
 * {@code replica_lag_ms} ({@code mean}, {@code p99}, {@code max}) and {@code backups}. Absent from a design without
 * a database. Counts are whole for one run and decimal means over replications; NaN is null.
 */
final class DatabaseCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DatabaseCodec() {
    }

    static ObjectNode write(Map<String, DatabaseFigures> databases, boolean whole) {
        ObjectNode out = F.objectNode();
        databases.forEach((name, d) -> {
            ObjectNode o = out.putObject(name);
            count(o, "reads", d.reads(), whole);
            count(o, "writes", d.writes(), whole);
            count(o, "stale_reads", d.staleReads(), whole);
            number(o, "stale_read_ratio", d.staleReadRatio());
            count(o, "failovers", d.failovers(), whole);
            number(o, "unavailable_s", d.unavailableS());
            count(o, "unavailable_writes", d.unavailableWrites(), whole);
            count(o, "unavailable_reads", d.unavailableReads(), whole);
            count(o, "writes_lost", d.writesLost(), whole);
            ObjectNode lag = o.putObject("replica_lag_ms");
            number(lag, "mean", d.replicaLagMs().mean());
            number(lag, "p99", d.replicaLagMs().p99());
            number(lag, "max", d.replicaLagMs().max());
            count(o, "backups", d.backups(), whole);
        });
        return out;
    }

    static Map<String, DatabaseFigures> read(JsonNode json) {
        Map<String, DatabaseFigures> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode o = e.getValue();
            JsonNode lag = o.path("replica_lag_ms");
            out.put(e.getKey(), new DatabaseFigures(d(o.get("reads")), d(o.get("writes")), d(o.get("stale_reads")),
                    d(o.get("stale_read_ratio")), d(o.get("failovers")), d(o.get("unavailable_s")), d(o.get("unavailable_writes")),
                    d(o.get("unavailable_reads")), d(o.get("writes_lost")),
                    new DatabaseFigures.Lag(d(lag.get("mean")), d(lag.get("p99")), d(lag.get("max"))), d(o.get("backups"))));
        }
        return out;
    }
}
