package io.headroom.validation.gatling;

/**
 * One request as the load generator saw it: when it started (milliseconds since the first request of the
 * run), its response time in milliseconds, Gatling's own response time (whole milliseconds, as in its
 * report), its HTTP status (0 when no answer came: a connection failure or a client timeout) and its
 * endpoint (Gatling's request name).
 *
 * <p>When headroom drives Gatling itself, start and response time are taken by session hooks just before
 * and just after the request with {@link System#nanoTime()} (sub-millisecond: Gatling's whole milliseconds
 * alone would put up to 0.5 ms of rounding on a 15 ms median, 3 %); imported runs have Gatling's
 * milliseconds for both.
 */
public record RecordedRequest(double startMs, double responseMs, long gatlingMs, int status, String endpoint) {
    /** An answer with status 200: counted in the latency percentiles; anything else is an error. */
    public boolean ok() {
        return status == 200;
    }
}
