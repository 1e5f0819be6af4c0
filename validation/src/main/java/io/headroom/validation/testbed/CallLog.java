package io.headroom.validation.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * Every attempt of a guarded call, as its caller saw it: which call of which endpoint of which caller instance, the
 * attempt's number (1 for the first, more for retries), when it started and ended ({@link System#nanoTime()}), how it
 * ended, and the load generator's request id. An attempt refused by the breaker or the bulkhead never reaches the
 * callee, so only the caller can count it: this is where {@code circuit_open} refusals and retries are counted.
 */
public final class CallLog {

    /** How an attempt ended: answered 200, answered otherwise, or one of the caller's own failures. */
    public enum Outcome {
        OK("ok"), FAILED("failed"), TIMEOUT("timeout"), CIRCUIT_OPEN("circuit_open"), BULKHEAD("bulkhead");

        private final String key;

        Outcome(String key) {
            this.key = key;
        }

        /** The name in {@code calls.csv}: the simulator's error cause for the caller's own failures. */
        public String key() {
            return key;
        }
    }

    /** One attempt. */
    public record Attempt(String caller, String endpoint, int call, String callee, int attempt, long startNs, long endNs,
                          Outcome outcome, long requestId) {
    }

    private final List<Attempt> rows = new ArrayList<>();

    synchronized void add(Attempt a) {
        rows.add(a);
    }

    /** A copy of the attempts so far, in the order they ended. */
    public synchronized List<Attempt> rows() {
        return new ArrayList<>(rows);
    }
}
