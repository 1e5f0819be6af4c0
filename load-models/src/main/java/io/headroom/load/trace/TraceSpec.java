package io.headroom.load.trace;

import io.headroom.yaml.FieldError;

/**
 * A {@code trace:} step as the profile writes it, checked for consistency before its file is read.
 * Field names in errors are the YAML keys.
 *
 * @param file        the trace file, relative to the profile (a {@code .gz} file is read through gzip)
 * @param format      {@code csv} (default) or {@code clf}
 * @param timeColumn  csv: the column holding each row's start time, in {@code unit}
 * @param countColumn csv: the column holding the number of requests in each row
 * @param rateColumn  csv: the column holding the request rate (per second) during each row
 * @param unit        what the time column and the window count: {@code s}, {@code min} or {@code h}
 *                    (required for csv; clf defaults to {@code s})
 * @param speedup     trace time runs this many times faster (default 1); rates are multiplied by it, so
 *                    the same requests arrive in a shorter time
 * @param scale       multiplies the counts and rates (default 1)
 * @param window      the slice to replay (default: all of it)
 */
public record TraceSpec(String file, TraceFormat format, String timeColumn, String countColumn, String rateColumn,
                        TraceUnit unit, Double speedup, Double scale, TraceWindow window) {

    public TraceSpec {
        FieldError.require(file, "file");
        if (file.isBlank()) {
            throw new FieldError("file", "must name a trace file, e.g. file: traces/requests.csv");
        }
        format = format == null ? TraceFormat.CSV : format;
        if (format == TraceFormat.CSV) {
            if (timeColumn == null) {
                throw new FieldError("time-column", "missing required key 'time-column': the csv column that holds each row's"
                        + " start time (in unit)");
            }
            if (countColumn != null && rateColumn != null) {
                throw new FieldError("rate-column", "give count-column (requests in each row) or rate-column (requests per"
                        + " second during each row), not both");
            }
            if (countColumn == null && rateColumn == null) {
                throw new FieldError("count-column", "missing required key: a csv trace needs count-column (requests in"
                        + " each row) or rate-column (requests per second during each row)");
            }
            if (unit == null) {
                throw new FieldError("unit", "missing required key 'unit': s, min or h, what the time column counts");
            }
        } else {
            for (String[] column : new String[][] {{"time-column", timeColumn}, {"count-column", countColumn},
                    {"rate-column", rateColumn}}) {
                if (column[1] != null) {
                    throw new FieldError(column[0], "a clf log has no columns: each line is one request at its logged time");
                }
            }
            unit = unit == null ? TraceUnit.S : unit;
        }
        speedup = speedup == null ? 1.0 : speedup;
        FieldError.positive(speedup, "speedup");
        scale = scale == null ? 1.0 : scale;
        FieldError.positive(scale, "scale");
    }

    /** True when the csv rows hold counts (else rates). */
    boolean counts() {
        return countColumn != null;
    }

    /** The csv column that holds the counts or the rates. */
    String valueColumn() {
        return countColumn != null ? countColumn : rateColumn;
    }

    /** The YAML key of {@link #valueColumn()}. */
    String valueKey() {
        return countColumn != null ? "count-column" : "rate-column";
    }
}
