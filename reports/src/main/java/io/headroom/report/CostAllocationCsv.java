package io.headroom.report;

import io.headroom.result.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code cost-allocation.csv}, beside {@code summary.json} when a component is tagged: one row per tag key and value,
 * then the key's unallocated part ({@code kind} {@code value} or {@code unallocated}), with its cost over the run and
 * per month in USD to the cent; a key's rows add up to the run's total to the cent. Written atomically.
 */
public final class CostAllocationCsv {
    public static final String FILE = "cost-allocation.csv";

    private CostAllocationCsv() {
    }

    /** The file's text, or null when the summary has no allocation. */
    public static String text(Summary s) {
        if (s.cost() == null || s.cost().allocation() == null) {
            return null;
        }
        StringBuilder b = new StringBuilder("tag_key,tag_value,kind,usd,per_month_usd\n");
        s.cost().allocation().byTag().forEach((key, r) -> {
            r.values().forEach((v, usd) -> row(b, key, v, "value", usd, r.valuesPerMonth().get(v)));
            row(b, key, "", "unallocated", r.unallocatedUsd(), r.unallocatedPerMonthUsd());
        });
        return b.toString();
    }

    /** Stages the file for {@code target} ({@link AtomicFiles#stage}) when the summary has an allocation; null otherwise. */
    public static Path stage(Summary s, Path target) throws IOException {
        String text = text(s);
        return text == null ? null : AtomicFiles.stage(target, w -> w.write(text));
    }

    private static void row(StringBuilder b, String key, String value, String kind, double usd, double perMonth) {
        b.append(field(key)).append(',').append(field(value)).append(',').append(kind).append(',')
                .append(String.format(Locale.ROOT, "%.2f", usd)).append(',').append(String.format(Locale.ROOT, "%.2f", perMonth))
                .append('\n');
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
