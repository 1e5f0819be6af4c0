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
    private record Row(long id, long startNs, long endNs, long gatlingMs, int status, String endpoint) {
    }

    private final List<Row> rows = new ArrayList<>();
    private long epochNs = Long.MIN_VALUE;

    synchronized void add(long id, long startNs, long endNs, long gatlingMs, int status, String endpoint) {
        rows.add(new Row(id, startNs, endNs, gatlingMs, status, endpoint));
        if (epochNs == Long.MIN_VALUE || startNs < epochNs) {
            epochNs = startNs;
        }
    }

    /**
     * The requests in start order, times in milliseconds since the first start; the response time is Gatling's
     * (whole milliseconds: the session hooks' own timing includes Gatling's scheduling after the answer, which
     * on a busy machine adds most of a millisecond on average).
     */
    synchronized List<RecordedRequest> requests() {
        return sorted().stream().map(r -> new RecordedRequest((r.startNs() - epochNs) / 1e6, r.gatlingMs(), r.gatlingMs(), r.status(),
                r.endpoint())).toList();
    }

    /** The request ids ({@code X-Request-Id}) in the order of {@link #requests()}. */
    synchronized long[] ids() {
        return sorted().stream().mapToLong(Row::id).toArray();
    }

    private List<Row> sorted() {
        List<Row> s = new ArrayList<>(rows);
        s.sort(Comparator.comparingLong(Row::startNs).thenComparingLong(Row::id));
        return s;
    }

    /** The nanoTime of the first start (to line server-side times up with the client's). */
    synchronized long epochNs() {
        return epochNs;
    }
}
