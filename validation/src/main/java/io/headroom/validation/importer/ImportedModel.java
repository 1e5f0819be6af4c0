package io.headroom.validation.importer;

import io.headroom.validation.calibrate.DemandFit;
import java.util.List;
import java.util.Map;

/**
 * What an import inferred from traces: the services with their instances, workers and endpoints, each endpoint's own
 * time (fitted, or empirical) and calls, the entry's arrivals per window and its endpoint mix, and how the export was
 * read (counts and every correction made).
 *
 * @param name        the design's and profile's name
 * @param entry       the service most root spans started at
 * @param services    by name
 * @param arrivals    the entry's root spans per window
 * @param mix         the entry's endpoints, each with its share of the roots
 * @param reading     counts of what was read
 * @param corrections one sentence per kind of correction made, with its count and first example
 */
public record ImportedModel(String name, String entry, List<Service> services, Arrivals arrivals, Map<String, Double> mix,
                            Reading reading, List<String> corrections) {

    /**
     * A service, its instances and its workers per instance.
     *
     * @param instances     every instance seen
     * @param replicas      the most instances up at once (each from its first span to its last): a rolling release's or an
     *                      autoscaler's instances one after another are not all replicas
     * @param workersSource how the worker count was found (the most concurrent spans on one instance, or a default)
     */
    public record Service(String name, List<String> instances, int replicas, int workers, String workersSource, List<Endpoint> endpoints) {
    }

    /**
     * An endpoint.
     *
     * @param executions requests it served (spans)
     * @param roots      of which started a trace
     * @param own        the own time as written: a fit, or null for an empirical sample or a constant
     * @param fits       every family fitted, the better first (empty when too few samples)
     * @param ownSample  the reservoir of own times (ms), written as an empirical distribution when no fit holds
     * @param ownMeanMs  the exact mean own time over every execution
     * @param empirical  whether the own time is written as the sample (no fit within the KS limit)
     * @param parallel   whether its calls run at once (overlapping in most executions with two or more calls)
     * @param multiCall  executions with two calls or more
     * @param overlapping of which some calls overlapped
     * @param errorRate  its own failures (an error span whose calls all succeeded) per execution
     */
    public record Endpoint(String name, long executions, long roots, DemandFit.Fit own, List<DemandFit.Fit> fits, double[] ownSample,
                           double ownMeanMs, boolean empirical, boolean parallel, long multiCall, long overlapping, double errorRate,
                           List<Call> calls) {
    }

    /**
     * A call: the k-th call to a callee in one execution, made with probability {@code p}.
     *
     * @param count          executions that made it
     * @param networkMs      the median of client span less server span (the network, and the callee's queue when its spans
     *                       start at a worker); 0 without client spans
     * @param meanOffsetMs   when it starts after its caller's start, on average (orders the calls)
     */
    public record Call(String to, String endpoint, double p, long count, double networkMs, double meanOffsetMs) {
    }

    /** Root spans at the entry per window, from the first window with one. */
    public record Arrivals(long firstWindow, long windowNs, long[] counts) {
        public long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }
    }

    /**
     * @param files         export files read
     * @param spans         spans read
     * @param traces        traces assembled
     * @param executions    requests served (executions) found
     * @param maxOpenSpans  the most spans held at once (what memory followed)
     * @param maxOpenTraces the most traces open at once
     */
    public record Reading(List<String> files, String format, long spans, long traces, long executions, int maxOpenSpans, int maxOpenTraces) {
    }
}
