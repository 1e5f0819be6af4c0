package io.headroom.load.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The data rows of a CSV trace, read and checked one at a time: a header row naming the columns
 * (the first line that is neither blank nor a {@code #} comment), then rows whose time cell is a
 * number greater than the previous row's and whose count or rate cell is a number, zero or more.
 * Cells are separated by commas and trimmed; a cell in double quotes loses them (quoted commas are
 * not supported). UTF-8, with or without a byte-order mark.
 */
final class CsvRows implements AutoCloseable {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final TraceText text;
    private final String timeName;
    private final String valueName;
    private final int timeCol;
    private final int valueCol;
    private final int columns;
    private final double unitSeconds;
    private final boolean counts;

    private long line;
    private double rawTime = Double.NEGATIVE_INFINITY;
    private String timeCell;
    private double value;
    private long previousLine;
    private String previousTimeCell;

    private CsvRows(TraceText text, String timeName, String valueName, int timeCol, int valueCol, int columns,
                    double unitSeconds, boolean counts) {
        this.text = text;
        this.timeName = timeName;
        this.valueName = valueName;
        this.timeCol = timeCol;
        this.valueCol = valueCol;
        this.columns = columns;
        this.unitSeconds = unitSeconds;
        this.counts = counts;
    }

    /** Opens the file and reads its header; the columns the spec names must be in it. */
    static CsvRows open(Path file, TraceSpec spec) throws IOException, TraceException {
        TraceText text = new TraceText(file, true);
        try {
            String header = nextContentLine(text);
            if (header == null) {
                throw new TraceException(0, "is empty: expected a header row naming the columns, e.g. minute,requests");
            }
            List<String> names = cells(header);
            if (names.stream().allMatch(c -> NUMBER.matcher(c).matches())) {
                throw new TraceException(text.line(), "expected a header row naming the columns (e.g. minute,requests),"
                        + " found '" + header.trim() + "'");
            }
            int timeCol = column(names, spec.timeColumn(), "time-column", text.line());
            int valueCol = column(names, spec.valueColumn(), spec.valueKey(), text.line());
            if (timeCol == valueCol) {
                throw new TraceException(spec.valueKey(), 0, "'" + spec.valueColumn() + "' is the time-column too");
            }
            return new CsvRows(text, spec.timeColumn(), spec.valueColumn(), timeCol, valueCol, names.size(),
                    spec.unit().seconds(), spec.counts());
        } catch (IOException | TraceException | RuntimeException e) {
            text.close();
            throw e;
        }
    }

    private static int column(List<String> names, String name, String key, long headerLine) throws TraceException {
        int i = names.indexOf(name.trim());
        if (i < 0) {
            throw new TraceException(key, headerLine, "no column '" + name + "' in the header (columns: "
                    + String.join(", ", names) + ")");
        }
        return i;
    }

    private static String nextContentLine(TraceText text) throws IOException, TraceException {
        for (String s = text.next(); s != null; s = text.next()) {
            String t = s.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return s;
            }
        }
        return null;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split(",", -1)) {
            String t = c.trim();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).trim();
            }
            out.add(t);
        }
        return out;
    }

    /** Moves to the next data row; false at the end of the file. */
    boolean next() throws IOException, TraceException {
        String s = nextContentLine(text);
        if (s == null) {
            return false;
        }
        previousLine = line;
        previousTimeCell = timeCell;
        line = text.line();
        List<String> cells = cells(s);
        double t = number(cells, timeCol, timeName);
        double v = number(cells, valueCol, valueName);
        if (!(t > rawTime)) {
            throw new TraceException(line, "time " + cells.get(timeCol) + " is not after the previous row's "
                    + previousTimeCell + " (line " + previousLine + "): rows must be in increasing time order");
        }
        if (v < 0) {
            throw new TraceException(line, (counts ? "a count" : "a rate") + " must be zero or positive, got "
                    + cells.get(valueCol) + " (column '" + valueName + "')");
        }
        rawTime = t;
        timeCell = cells.get(timeCol);
        value = v;
        return true;
    }

    private double number(List<String> cells, int col, String name) throws TraceException {
        if (col >= cells.size()) {
            throw new TraceException(line, "no value for column '" + name + "': the row has " + cells.size()
                    + (cells.size() == 1 ? " cell" : " cells") + ", the header " + columns);
        }
        String c = cells.get(col);
        if (c.isEmpty()) {
            throw new TraceException(line, "empty cell in column '" + name + "'");
        }
        if (!NUMBER.matcher(c).matches()) {
            throw new TraceException(line, "'" + c + "' in column '" + name + "' is not a number");
        }
        double v = Double.parseDouble(c);
        if (Double.isInfinite(v)) {
            throw new TraceException(line, "'" + c + "' in column '" + name + "' is out of range");
        }
        return v;
    }

    /** The line of the current row. */
    long line() {
        return line;
    }

    /** The current row's start, in seconds of trace time. */
    double time() {
        return rawTime * unitSeconds;
    }

    /** The current row's count or rate. */
    double value() {
        return value;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
