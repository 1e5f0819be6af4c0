package io.headroom.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code preview.csv} of {@code headroom load preview}, one row per window. Open profile:
 * {@code t_s, arrivals, rate_per_s, expected_rate_per_s, window_s} — the window's start, the users that
 * arrive in it, those per second of it, the profile's own mean rate over it, and its length (the last window
 * may be shorter). Closed profile: {@code t_s, users} — the target number of concurrent users at the
 * window's start.
 */
public final class LoadPreviewCsv {
    private LoadPreviewCsv() {
    }

    /** Writes the file beside {@code target} for {@link AtomicFiles#commit}. */
    public static Path stage(Path target, LoadPreview p) throws IOException {
        return AtomicFiles.stage(target, w -> {
            StringBuilder line = new StringBuilder(96);
            if (p.closed()) {
                w.write("t_s,users\n");
                for (int i = 0; i < p.windows(); i++) {
                    line.setLength(0);
                    line.append(Numbers.cell(p.startS(i), 6)).append(',').append(p.users(i)).append('\n');
                    w.write(line.toString());
                }
                return;
            }
            w.write("t_s,arrivals,rate_per_s,expected_rate_per_s,window_s\n");
            for (int i = 0; i < p.windows(); i++) {
                line.setLength(0);
                line.append(Numbers.cell(p.startS(i), 6)).append(',')
                        .append(p.arrivals(i)).append(',')
                        .append(Numbers.cell(p.ratePerS(i), 6)).append(',')
                        .append(Numbers.cell(p.expectedPerS(i), 6)).append(',')
                        .append(Numbers.cell(p.lengthS(i), 6)).append('\n');
                w.write(line.toString());
            }
        });
    }
}
