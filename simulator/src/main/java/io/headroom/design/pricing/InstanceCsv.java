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
 * naming at least {@code instance_type}, {@code vcpu}, {@code memory_gib} and
 * {@code ondemand_usd_per_hour} (other columns, such as {@code region} or {@code family}, are
 * ignored), then one row per type. Every bad cell is reported at its line and column.
 */
final class InstanceCsv {
    static final List<String> COLUMNS = List.of("instance_type", "vcpu", "memory_gib", "ondemand_usd_per_hour");
    private static final CsvMapper MAPPER = new CsvMapper();

    private InstanceCsv() {
    }

    /** The rows of {@code text} (named {@code file} in errors); problems are added to {@code errors}. */
    static List<InstanceType> read(String file, String text, List<InputError> errors) {
        List<InstanceType> out = new ArrayList<>();
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
                    + String.join(", ", COLUMNS)));
            return out;
        }
        List<String> header = content.get(0);
        int[] col = new int[COLUMNS.size()];
        boolean missing = false;
        for (int c = 0; c < COLUMNS.size(); c++) {
            col[c] = header.indexOf(COLUMNS.get(c));
            if (col[c] < 0) {
                errors.add(new InputError(file, new Mark(contentLines.get(0), 1), "", "no column '" + COLUMNS.get(c)
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
                errors.add(new InputError(file, new Mark(line, column(raw, col[0])), "", "instance_type is blank"));
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
                errors.add(new InputError(file, new Mark(line, column(raw, col[3])), "", name + ": ondemand_usd_per_hour must be"
                        + " a number, zero or more, got '" + row.get(col[3]) + "'"));
                continue;
            }
            Integer before = seen.put(name, line);
            if (before != null) {
                errors.add(new InputError(file, new Mark(line, column(raw, col[0])), "", name + " is listed twice (also on line "
                        + before + ")"));
                continue;
            }
            out.add(new InstanceType(name, vcpu, memory, price));
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
