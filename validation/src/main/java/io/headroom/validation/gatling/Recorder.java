package io.headroom.validation.gatling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every request of an in-process Gatling run, from a session hook after each request: start time
 * (taken by a hook just before the request, with {@link System#nanoTime()}), Gatling's response time and
 * status (saved by checks). Thread-safe: Gatling's users run on several threads.
 */
final class Recorder {
    private record Row(long startNs, long endNs, long gatlingMs, int status, String endpoint) {
    }

    private final List<Row> rows = new ArrayList<>();
    private long epochNs = Long.MIN_VALUE;

    synchronized void add(long startNs, long endNs, long gatlingMs, int status, String endpoint) {
        rows.add(new Row(startNs, endNs, gatlingMs, status, endpoint));
        if (epochNs == Long.MIN_VALUE || startNs < epochNs) {
            epochNs = startNs;
        }
    }

    /** The requests in start order, times in milliseconds since the first start. */
    synchronized List<RecordedRequest> requests() {
        List<RecordedRequest> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new RecordedRequest((r.startNs() - epochNs) / 1e6, (r.endNs() - r.startNs()) / 1e6, r.gatlingMs(), r.status(),
                    r.endpoint()));
        }
        out.sort(Comparator.comparingDouble(RecordedRequest::startMs));
        return out;
    }

    /** The nanoTime of the first start (to line server-side times up with the client's). */
    synchronized long epochNs() {
        return epochNs;
    }
}
