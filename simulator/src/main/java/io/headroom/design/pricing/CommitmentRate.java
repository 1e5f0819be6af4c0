package io.headroom.design.pricing;

import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A published price of a standard reserved instance (Linux, default tenancy, regional): for {@code type}, {@code term}
 * and {@code payment}, the {@code upfrontUsd} paid once and the {@code hourlyUsd} paid every hour of the term. Its
 * effective hourly price, what the ledger charges for it, is {@code upfront / hours of the term + hourly}
 * ({@link #effectiveUsdPerHour}). {@code tier} says how far to trust it (T1 AWS, T2 tool golden files, T3 others, A
 * assumption) and {@code source} where it comes from.
 */
public record CommitmentRate(String type, Term term, Payment payment, double upfrontUsd, double hourlyUsd, String tier, String source) {
    /** The columns of a rate file, in order; {@code source} is the rest of the line (it may hold commas). */
    public static final List<String> COLUMNS = List.of("instance_type", "kind", "term", "payment", "upfront_usd", "hourly_usd", "tier",
            "source");

    /** Hours of a term, as AWS amortises an upfront payment: 365 days a year. */
    public static double termHours(Term term) {
        return term == Term.ONE_YEAR ? 8760 : 3 * 8760;
    }

    /** The price per hour of the term, upfront spread over it. */
    public double effectiveUsdPerHour() {
        return upfrontUsd / termHours(term) + hourlyUsd;
    }

    /** The key a catalogue finds a rate by. */
    public static String key(String type, Term term, Payment payment) {
        return type + "/" + term.key() + "/" + payment.key();
    }

    /**
     * The rows of a rate file ({@code file} names it in errors): a header with {@link #COLUMNS}, then one row per
     * type, term and payment; {@code kind} is {@code reserved} (a standard reserved instance). Every bad cell is added
     * to {@code errors} at its line and column.
     */
    public static List<CommitmentRate> read(String file, String text, List<InputError> errors) {
        List<CommitmentRate> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int header = -1;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            errors.add(new InputError(file, Mark.UNKNOWN, "", "is empty: expected a header " + String.join(",", COLUMNS)));
            return out;
        }
        List<String> names = List.of(lines[header].trim().split("\\s*,\\s*", -1));
        if (names.size() < COLUMNS.size() || !names.subList(0, COLUMNS.size()).equals(COLUMNS)) {
            errors.add(new InputError(file, new Mark(header + 1, 1), "", "the header must be " + String.join(",", COLUMNS)
                    + ", got " + lines[header].trim()));
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = header + 1; i < lines.length; i++) {
            String raw = lines[i];
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            int line = i + 1;
            String[] cells = raw.split(",", COLUMNS.size());
            if (cells.length < COLUMNS.size()) {
                errors.add(new InputError(file, new Mark(line, 1), "", cells.length + " cells, expected " + COLUMNS.size()
                        + " (" + String.join(",", COLUMNS) + ")"));
                continue;
            }
            String type = cells[0].trim();
            if (type.isEmpty()) {
                errors.add(new InputError(file, new Mark(line, 1), "", "instance_type is blank"));
                continue;
            }
            if (!"reserved".equals(cells[1].trim())) {
                errors.add(new InputError(file, new Mark(line, column(cells, 1)), "", type + ": kind must be 'reserved'"
                        + " (a standard reserved instance), got '" + cells[1].trim() + "'"));
                continue;
            }
            Term term = "1y".equals(cells[2].trim()) ? Term.ONE_YEAR : "3y".equals(cells[2].trim()) ? Term.THREE_YEARS : null;
            if (term == null) {
                errors.add(new InputError(file, new Mark(line, column(cells, 2)), "", type + ": term must be 1y or 3y, got '"
                        + cells[2].trim() + "'"));
                continue;
            }
            Payment payment = Payment.of(cells[3].trim());
            if (payment == null) {
                errors.add(new InputError(file, new Mark(line, column(cells, 3)), "", type + ": payment must be no-upfront,"
                        + " partial-upfront or all-upfront, got '" + cells[3].trim() + "'"));
                continue;
            }
            double upfront = number(cells[4]);
            if (!(upfront >= 0) || upfront > 1e9) {
                errors.add(new InputError(file, new Mark(line, column(cells, 4)), "", type + ": upfront_usd must be a number"
                        + " from 0 to 1e9, got '" + cells[4].trim() + "'"));
                continue;
            }
            double hourly = number(cells[5]);
            if (!(hourly >= 0) || hourly > 1e4) {
                errors.add(new InputError(file, new Mark(line, column(cells, 5)), "", type + ": hourly_usd must be a number"
                        + " from 0 to 10000, got '" + cells[5].trim() + "'"));
                continue;
            }
            if (payment == Payment.NO_UPFRONT && upfront != 0) {
                errors.add(new InputError(file, new Mark(line, column(cells, 4)), "", type + ": a no-upfront reservation has"
                        + " upfront_usd 0, got '" + cells[4].trim() + "'"));
                continue;
            }
            if (payment == Payment.ALL_UPFRONT && hourly != 0) {
                errors.add(new InputError(file, new Mark(line, column(cells, 5)), "", type + ": an all-upfront reservation has"
                        + " hourly_usd 0, got '" + cells[5].trim() + "'"));
                continue;
            }
            String key = key(type, term, payment);
            Integer before = seen.putIfAbsent(key, line);
            if (before != null) {
                errors.add(new InputError(file, new Mark(line, 1), "", type + " " + term.key() + " " + payment.key()
                        + " is listed twice (also on line " + before + ")"));
                continue;
            }
            out.add(new CommitmentRate(type, term, payment, upfront, hourly, cells[6].trim(), cells[7].trim()));
        }
        return out;
    }

    private static int column(String[] cells, int index) {
        int c = 1;
        for (int i = 0; i < index; i++) {
            c += cells[i].length() + 1;
        }
        return c + (cells[index].length() - cells[index].stripLeading().length());
    }

    private static double number(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
