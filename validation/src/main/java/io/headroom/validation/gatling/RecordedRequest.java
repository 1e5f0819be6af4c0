package io.headroom.validation.gatling;

/**
 * One request as the load generator saw it: when it started (milliseconds since the first request of the
 * run, with sub-millisecond precision when headroom drove Gatling itself; whole milliseconds when imported
 * from a user's results), its response time in milliseconds as Gatling measured it (whole milliseconds),
 * its HTTP status (0 when no answer came: a connection failure or a client timeout) and its endpoint
 * (Gatling's request name).
 */
public record RecordedRequest(double startMs, long responseMs, int status, String endpoint) {
    /** An answer with status 200: counted in the latency percentiles; anything else is an error. */
    public boolean ok() {
        return status == 200;
    }
}
