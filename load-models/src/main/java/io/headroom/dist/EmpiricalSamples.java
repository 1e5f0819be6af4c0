package io.headroom.dist;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Measured durations read from a CSV file, in seconds. Errors name the file and row. */
public record EmpiricalSamples(Path file, double[] seconds) {

    public static EmpiricalSamples load(Path file, String column, TimeUnitName unit) throws BadInputException {
        List<String> lines = io.headroom.yaml.TextLines.read(file);
        // the header, if any, is the first line that is neither blank nor a comment
        int top = 0;
        while (top < lines.size() && (lines.get(top).isBlank() || lines.get(top).trim().startsWith("#"))) {
            top++;
        }
        int col = 0;
        int first = top;
        if (top < lines.size() && !looksNumeric(lines.get(top).split(",")[0])) {
            String[] header = lines.get(top).split(",");
            first = top + 1;
            if (column != null) {
                col = Arrays.asList(header).stream().map(String::trim).toList().indexOf(column);
                if (col < 0) {
                    throw new BadInputException(row(file, top + 1, "no column '" + column + "' in header " + lines.get(top)));
                }
            }
        } else if (column != null) {
            throw new BadInputException(row(file, top + 1, "column '" + column + "' asked for, but the file has no header row"));
        }
        double[] out = new double[lines.size() - first];
        int n = 0;
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            if (col >= cells.length) {
                throw new BadInputException(row(file, i + 1, "row has no column " + (col + 1)));
            }
            double v;
            try {
                v = Double.parseDouble(cells[col].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException(row(file, i + 1, "'" + cells[col].trim() + "' is not a number"));
            }
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new BadInputException(row(file, i + 1, "a duration sample must be zero or positive, got " + cells[col].trim()));
            }
            out[n++] = v * unit.seconds();
        }
        if (n == 0) {
            throw new BadInputException(new InputError(file.toString(), Mark.UNKNOWN, "", "has no samples"));
        }
        return new EmpiricalSamples(file, Arrays.copyOf(out, n));
    }

    private static InputError row(Path file, int row, String message) {
        return new InputError(file.toString(), new Mark(row, 1), "", "row " + row + ": " + message);
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public double meanSeconds() {
        return Arrays.stream(seconds).average().orElse(0);
    }
}
