package io.headroom.design.cluster;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import io.headroom.yaml.Quantities;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * A workload's CPU usage before the run (a {@code vertical:} block's {@code history}), as a monitoring system exports it (a Prometheus range query of
 * {@code container_cpu_usage_seconds_total}'s rate, one row per pod and sample): the Vertical Pod Autoscaler's
 * recommender is seeded with it, so that a run starts with a recommendation resting on days of history, as a VPA
 * installed on a running workload would (upstream's recommender reads such a history from Prometheus on start,
 * {@code pkg/recommender/input/history/history_provider.go}, when {@code --storage=prometheus}).
 *
 * <p>The file is CSV with a header naming at least {@code timestamp} (unix seconds, or ISO-8601 with an offset such as
 * {@code 2026-03-02T10:00:00Z}) and {@code cpu} (cores used over the sample's window: a number, or a Kubernetes
 * quantity such as {@code 250m}); other columns (a pod name...) are ignored; blank lines and {@code #} comments are
 * skipped. Timestamps must not decrease (several pods sampled at one time share it). The samples are replayed with
 * their spacing kept, shifted so that the last comes one minute (a metrics window) before the run starts:
 * {@link #offsetNs} are the samples' times relative to the run's start.
 */
public record UsageHistory(long[] offsetNs, double[] cores) {
    /** The last sample of a history is fed this long before the run starts (a metrics-server window). */
    public static final long LAST_SAMPLE_BEFORE_START_NS = 60_000_000_000L;

    /** Reads {@code file}; errors name the file, line and column. The design reader checks it as it reads the design. */
    public static UsageHistory read(Path file) throws BadInputException {
        List<String> lines = io.headroom.yaml.TextLines.read(file);
        int top = 0;
        while (top < lines.size() && skipped(lines.get(top))) {
            top++;
        }
        if (top == lines.size()) {
            throw new BadInputException(new InputError(file.toString(), Mark.UNKNOWN, "", "has no header and no samples: write"
                    + " a header 'timestamp,cpu' and one row per sample"));
        }
        List<String> header = Arrays.stream(lines.get(top).split(",", -1)).map(UsageHistory::unquote).toList();
        int tCol = header.indexOf("timestamp");
        int cCol = header.indexOf("cpu");
        if (tCol < 0 || cCol < 0) {
            throw new BadInputException(error(file, top, 1, "the header must name the columns 'timestamp' and 'cpu', got '"
                    + lines.get(top).trim() + "'"));
        }
        long[] seconds = new long[lines.size()];
        long[] nanos = new long[lines.size()];
        double[] cores = new double[lines.size()];
        int n = 0;
        for (int i = top + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (skipped(line)) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new BadInputException(error(file, i, 1, "a row of " + cells.length + " cells under a header of "
                        + header.size()));
            }
            long[] t = timestamp(file, i, column(cells, tCol), unquote(cells[tCol]));
            double c = cpu(file, i, column(cells, cCol), unquote(cells[cCol]));
            if (n > 0 && (t[0] < seconds[n - 1] || t[0] == seconds[n - 1] && t[1] < nanos[n - 1])) {
                throw new BadInputException(error(file, i, column(cells, tCol), "timestamps must not decrease: '"
                        + unquote(cells[tCol]) + "' comes after a later one"));
            }
            seconds[n] = t[0];
            nanos[n] = t[1];
            cores[n++] = c;
        }
        if (n == 0) {
            throw new BadInputException(new InputError(file.toString(), new Mark(top + 1, 1), "", "has no samples under its header"));
        }
        long[] offsets = new long[n];
        for (int k = 0; k < n; k++) {
            long ds = seconds[k] - seconds[n - 1];
            if (ds < -MAX_SPAN_S) {
                throw new BadInputException(error(file, top + 1, 1, "the history spans more than " + MAX_SPAN_S / 86_400
                        + " days; keep the last weeks (the recommender halves a sample's weight every day)"));
            }
            offsets[k] = ds * 1_000_000_000L + (nanos[k] - nanos[n - 1]) - LAST_SAMPLE_BEFORE_START_NS;
        }
        return new UsageHistory(offsets, Arrays.copyOf(cores, n));
    }

    /** The longest history read (3650 days, the longest duration a design holds). */
    public static final long MAX_SPAN_S = 3650L * 86_400;

    /** Unix seconds and nanoseconds of {@code text}: a number of seconds, or ISO-8601 with an offset. */
    private static long[] timestamp(Path file, int line, int col, String text) throws BadInputException {
        try {
            BigDecimal s = new BigDecimal(text);
            if (s.abs().compareTo(BigDecimal.valueOf(1L << 40)) > 0) {
                throw new BadInputException(error(file, line, col, "timestamp '" + text + "' is out of range (unix seconds)"));
            }
            BigDecimal whole = s.setScale(0, java.math.RoundingMode.FLOOR);
            return new long[] {whole.longValueExact(), s.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN)
                    .longValueExact()};
        } catch (NumberFormatException e) {
            try {
                var instant = OffsetDateTime.parse(text).toInstant();
                return new long[] {instant.getEpochSecond(), instant.getNano()};
            } catch (DateTimeParseException d) {
                throw new BadInputException(error(file, line, col, "timestamp '" + text + "' is neither unix seconds nor"
                        + " ISO-8601 with an offset (e.g. 2026-03-02T10:00:00Z)"));
            }
        }
    }

    private static double cpu(Path file, int line, int col, String text) throws BadInputException {
        BigDecimal q;
        try {
            q = Quantities.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(error(file, line, col, "cpu '" + text + "' is not a number of cores: " + e.getMessage()));
        }
        if (q.signum() < 0 || q.compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw new BadInputException(error(file, line, col, "cpu '" + text + "' must be between 0 and 1000 cores (the"
                    + " recommender's histogram ends at 1000)"));
        }
        return q.doubleValue();
    }

    /** The 1-based column where cell {@code k} of a row starts. */
    private static int column(String[] cells, int k) {
        int col = 1;
        for (int j = 0; j < k; j++) {
            col += cells[j].length() + 1;
        }
        return col;
    }

    private static boolean skipped(String line) {
        return line.isBlank() || line.trim().startsWith("#");
    }

    private static String unquote(String cell) {
        String s = cell.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).trim() : s;
    }

    private static InputError error(Path file, int lineIndex, int col, String message) {
        return new InputError(file.toString(), new Mark(lineIndex + 1, col), "", message);
    }
}
