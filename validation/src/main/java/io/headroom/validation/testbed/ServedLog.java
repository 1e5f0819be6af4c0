package io.headroom.validation.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * What the testbed's servers saw, one row per request per instance: when it arrived, when a worker took it
 * ({@code -1} if none did: rejected or timed out, or the row is a router's), when it was answered, and the
 * status; the load generator's request id ({@code X-Request-Id}, -1 without one), whether a worker was idle when
 * it arrived, and for CPU demand what it consumed and held of the instance's cores ({@link CpuGate}). Times are
 * {@link System#nanoTime()} values; {@link Served#busyNs()} is the time the worker was held.
 */
public final class ServedLog {

    /**
     * One request at one instance; {@code cpuNs} is the CPU time its demand consumed on the instance's cores,
     * {@code heldNs} the wall time it held one of them (its CPU time plus what the machine ran instead meanwhile),
     * {@code computeNs} the wall time from asking for a core to being done computing (waiting for turns included);
     * all 0 for work that only sleeps.
     */
    public record Served(String instance, String endpoint, long arrivalNs, long startNs, long endNs, int status, long requestId,
                         boolean idleAtArrival, long cpuNs, long heldNs, long computeNs) {
        /** A request that did not compute. */
        public Served(String instance, String endpoint, long arrivalNs, long startNs, long endNs, int status, long requestId,
                      boolean idleAtArrival) {
            this(instance, endpoint, arrivalNs, startNs, endNs, status, requestId, idleAtArrival, 0, 0, 0);
        }

        /** How long the worker was held outside computing (its off-CPU wait, calls, answering); its busy time without computing. */
        public long offCpuNs() {
            return Math.max(0, busyNs() - computeNs);
        }

        /** How long a worker was held; 0 when the request never reached one. */
        public long busyNs() {
            return startNs < 0 ? 0 : endNs - startNs;
        }

        /** Arrival to a worker when one was idle at arrival (waking it); 0 otherwise. */
        public long wakeNs() {
            return idleAtArrival && startNs >= 0 ? startNs - arrivalNs : 0;
        }

        /** Arrival to answer at this instance. */
        public long residenceNs() {
            return endNs - arrivalNs;
        }
    }

    private final List<Served> rows = new ArrayList<>();

    /**
     * The simulator's error cause an answer's status stands for: {@code ok} (200), {@code failed} (500),
     * {@code dependency} (502), {@code rejected} (503), {@code timeout} (504), {@code circuit_open} (521),
     * {@code bulkhead} (429); {@code other} for any other status (0: no answer).
     */
    public static String cause(int status) {
        return Http.cause(status);
    }

    synchronized void add(String instance, String endpoint, long arrivalNs, long startNs, long endNs, int status, long requestId,
                          boolean idleAtArrival) {
        rows.add(new Served(instance, endpoint, arrivalNs, startNs, endNs, status, requestId, idleAtArrival));
    }

    synchronized void add(String instance, String endpoint, long arrivalNs, long startNs, long endNs, int status, long requestId,
                          boolean idleAtArrival, long cpuNs, long heldNs, long computeNs) {
        rows.add(new Served(instance, endpoint, arrivalNs, startNs, endNs, status, requestId, idleAtArrival, cpuNs, heldNs, computeNs));
    }

    /** A copy of the rows so far, in the order they ended. */
    public synchronized List<Served> rows() {
        return new ArrayList<>(rows);
    }

    /** The rows of the instances of {@code component} ({@code COMPONENT#0}, {@code #1}, ...; not its router's). */
    public synchronized List<Served> rowsOf(String component) {
        String prefix = component + "#";
        return rows.stream().filter(r -> r.instance().startsWith(prefix) && !r.instance().endsWith(Router.ROUTER_SUFFIX)).toList();
    }
}
