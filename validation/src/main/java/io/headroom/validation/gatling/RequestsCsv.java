package io.headroom.validation.gatling;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The requests of a load-generator run as CSV: a header {@code start_ms,response_ms,gatling_ms,status,endpoint}
 * and one row per request. headroom writes it after each Gatling run ({@code requests.csv}); {@code compare-run}
 * reads it (or a user's own export with at least {@code start_ms} and {@code response_ms}; {@code gatling_ms}
 * defaults to the rounded response time, {@code status} to 200, {@code endpoint} to none). Start times may be absolute (epoch milliseconds): they are
 * taken relative to the first.
 */
public final class RequestsCsv {
    public static final String HEADER = "start_ms,response_ms,gatling_ms,status,endpoint";

    private RequestsCsv() {
    }

    public static void write(List<RecordedRequest> requests, Writer w) throws IOException {
        w.write(HEADER);
        w.write('\n');
        for (RecordedRequest r : requests) {
            w.write(String.format(Locale.ROOT, "%.3f,%.3f,%d,%d,%s%n", r.startMs(), r.responseMs(), r.gatlingMs(), r.status(),
                    r.endpoint() == null ? "" : r.endpoint()));
        }
    }

    /** Reads a requests CSV; errors are located at the file's row and column. */
    public static List<RecordedRequest> read(Path file) throws BadInputException {
        List<RecordedRequest> out = new ArrayList<>();
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (header == null) {
                throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "empty file: expected the header " + HEADER));
            }
            List<String> cols = Arrays.stream(header.split(",")).map(String::trim).toList();
            int start = cols.indexOf("start_ms");
            int rt = cols.indexOf("response_ms");
            int status = cols.indexOf("status");
            int gatling = cols.indexOf("gatling_ms");
            int endpoint = cols.indexOf("endpoint");
            if (start < 0 || rt < 0) {
                throw new BadInputException(new InputError(name, new Mark(1, 1), "", "the header needs start_ms and response_ms"
                        + " columns (and optionally status, endpoint), got: " + header));
            }
            String line;
            int row = 1;
            double first = Double.NaN;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                try {
                    double s = Double.parseDouble(f[start].trim());
                    double r = Double.parseDouble(f[rt].trim());
                    long g = gatling >= 0 && gatling < f.length && !f[gatling].isBlank() ? Long.parseLong(f[gatling].trim())
                            : Math.round(r);
                    int st = status >= 0 && status < f.length && !f[status].isBlank() ? Integer.parseInt(f[status].trim()) : 200;
                    String ep = endpoint >= 0 && endpoint < f.length ? f[endpoint].trim() : "";
                    if (!(s >= 0) || !(r >= 0)) {
                        throw new NumberFormatException("negative");
                    }
                    if (Double.isNaN(first)) {
                        first = s;
                    }
                    out.add(new RecordedRequest(s, r, g, st, ep));
                } catch (RuntimeException e) {
                    throw new BadInputException(new InputError(name, new Mark(row, 1), "",
                            "expected numbers start_ms >= 0, response_ms >= 0 and an integer status, got: " + line));
                }
            }
            if (out.isEmpty()) {
                throw new BadInputException(new InputError(name, new Mark(row, 1), "", "no requests in the file"));
            }
            double t0 = out.stream().mapToDouble(RecordedRequest::startMs).min().orElse(0);
            List<RecordedRequest> rel = new ArrayList<>(out.size());
            for (RecordedRequest r : out) {
                rel.add(new RecordedRequest(r.startMs() - t0, r.responseMs(), r.gatlingMs(), r.status(), r.endpoint()));
            }
            rel.sort(java.util.Comparator.comparingDouble(RecordedRequest::startMs));
            return rel;
        } catch (IOException e) {
            throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "cannot read: " + e.getMessage()));
        }
    }
}
