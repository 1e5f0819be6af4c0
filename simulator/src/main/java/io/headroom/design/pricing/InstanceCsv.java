package io.headroom.design.pricing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Instance rows from CSV text, as AWS price exports and the bundled catalogue hold them: a header
 * naming at least the columns of its {@link Layout} — EC2 types {@code instance_type}, {@code vcpu},
 * {@code memory_gib} and {@code ondemand_usd_per_hour}; RDS DB instance classes {@code class},
 * {@code engine}, {@code vcpu}, {@code memory_gib}, {@code usd_per_hour}; ElastiCache node types
 * {@code node_type}, {@code vcpu}, {@code memory_gib}, {@code usd_per_hour} (other columns, such as
 * {@code region} or {@code source}, are ignored) — then one row per type. Every bad cell is reported at
 * its line and column.
 */
final class InstanceCsv {
    static final List<String> COLUMNS = Layout.EC2.required();
    private static final CsvMapper MAPPER = new CsvMapper();

    /** Which rows a file holds, and the columns it names them by. */
    enum Layout {
        EC2(InstanceType.Service.EC2, "instance_type", null, "ondemand_usd_per_hour"),
        RDS(InstanceType.Service.RDS, "class", "engine", "usd_per_hour"),
        ELASTICACHE(InstanceType.Service.ELASTICACHE, "node_type", null, "usd_per_hour");

        final InstanceType.Service service;
        final List<String> columns;
        final boolean engine;

        Layout(InstanceType.Service service, String name, String engine, String price) {
            this.service = service;
            this.engine = engine != null;
            this.columns = List.of(name, "vcpu", "memory_gib", price, engine == null ? name : engine);
        }

        List<String> required() {
            return engine ? columns : columns.subList(0, 4);
        }
    }

    /** One row read: its type, and for a DB instance class the engine it is priced for (else null). */
    record Row(String engine, InstanceType type) {
    }

    private InstanceCsv() {
    }

    /** The EC2 rows of {@code text} (named {@code file} in errors); problems are added to {@code errors}. */
    static List<InstanceType> read(String file, String text, List<InputError> errors) {
        return read(file, text, errors, Layout.EC2).stream().map(Row::type).toList();
    }

    /** The rows of {@code text} in {@code layout} (named {@code file} in errors); problems are added to {@code errors}. */
    static List<Row> read(String file, String text, List<InputError> errors, Layout layout) {
        List<String> columns = layout.required();
        List<Row> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES).readValues(text)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new InputError(file, Mark.UNKNOWN, "", "cannot read the CSV: " + e.getMessage()));
            return out;
        }
        // Rows and non-blank lines correspond one to one (a quoted cell may not span lines), which
        // gives each row the line an editor shows.
        List<Integer> contentLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                contentLines.add(i + 1);
            }
        }
        List<List<String>> content = new ArrayList<>();
        for (List<String> r : rows) {
            if (!(r.size() == 1 && r.get(0).isBlank()) && !r.isEmpty()) {
                content.add(r);
            }
        }
        if (content.isEmpty()) {
            errors.add(new InputError(file, Mark.UNKNOWN, "", "is empty: expected a header naming the columns "
                    + String.join(", ", columns)));
            return out;
        }
        List<String> header = content.get(0);
        int[] col = new int[columns.size()];
        boolean missing = false;
        for (int c = 0; c < columns.size(); c++) {
            col[c] = header.indexOf(columns.get(c));
            if (col[c] < 0) {
                errors.add(new InputError(file, new Mark(contentLines.get(0), 1), "", "no column '" + columns.get(c)
                        + "' in the header (columns: " + String.join(", ", header) + ")"));
                missing = true;
            }
        }
        if (missing) {
            return out;
        }
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 1; i < content.size(); i++) {
            List<String> row = content.get(i);
            int line = i < contentLines.size() ? contentLines.get(i) : 0;
            String raw = line > 0 ? lines[line - 1] : "";
            if (row.size() < header.size()) {
                errors.add(new InputError(file, new Mark(line, 1), "", row.size() + " cells, the header has " + header.size()));
                continue;
            }
            String name = row.get(col[0]);
            if (name.isEmpty()) {
                errors.add(new InputError(file, new Mark(line, column(raw, col[0])), "", columns.get(0) + " is blank"));
                continue;
            }
            Integer vcpu = null;
            try {
                vcpu = Integer.valueOf(row.get(col[1]));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (vcpu == null || vcpu < 1) {
                errors.add(new InputError(file, new Mark(line, column(raw, col[1])), "", name + ": vcpu must be a whole number"
                        + " of at least 1, got '" + row.get(col[1]) + "'"));
                continue;
            }
            double memory = number(row.get(col[2]));
            if (!(memory > 0)) {
                errors.add(new InputError(file, new Mark(line, column(raw, col[2])), "", name + ": memory_gib must be a positive"
                        + " number, got '" + row.get(col[2]) + "'"));
                continue;
            }
            double price = number(row.get(col[3]));
            if (!(price >= 0)) {
                errors.add(new InputError(file, new Mark(line, column(raw, col[3])), "", name + ": " + columns.get(3) + " must be"
                        + " a number, zero or more, got '" + row.get(col[3]) + "'"));
                continue;
            }
            String engine = layout.engine ? row.get(col[4]) : null;
            if (layout.engine && engine.isEmpty()) {
                errors.add(new InputError(file, new Mark(line, column(raw, col[4])), "", name + ": engine is blank"));
                continue;
            }
            String key = engine == null ? name : engine + " " + name;
            Integer before = seen.put(key, line);
            if (before != null) {
                errors.add(new InputError(file, new Mark(line, column(raw, col[0])), "", (engine == null ? name : name + " (" + engine + ")")
                        + " is listed twice (also on line " + before + ")"));
                continue;
            }
            out.add(new Row(engine, new InstanceType(name, vcpu, memory, price, layout.service)));
        }
        return out;
    }

    private static double number(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The 1-based column where cell {@code index} starts in a raw line (cells split on commas). */
    private static int column(String raw, int index) {
        int c = 0;
        for (int k = 0; k < index; k++) {
            int comma = raw.indexOf(',', c);
            if (comma < 0) {
                return 1;
            }
            c = comma + 1;
        }
        return c + 1;
    }
}
