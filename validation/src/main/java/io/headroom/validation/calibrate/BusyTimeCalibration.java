package io.headroom.validation.calibrate;

import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.EmpiricalOrder;
import io.headroom.dist.TimeUnitName;
import io.headroom.validation.testbed.ServedLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The design with each endpoint's work replaced by what the testbed's workers were actually busy for: a
 * worker sleeping 20 ms is held somewhat longer (waking, parsing, answering), and at high load a few percent
 * more service time is many percent more response time. For every endpoint without calls (whose busy time
 * is its own work only), the busy times of the requests served after the warm-up become an
 * {@code empirical} {@code wait} (resampled), written to {@code calibration/COMPONENT.ENDPOINT.csv}. For an
 * endpoint with sequential calls, the busy time minus its callees' time for the same request (see
 * {@link #ownTime}); endpoints with parallel calls, or with calls that have a timeout, retries, a circuit breaker or
 * a bulkhead, keep their declared work. A sharded store's read
 * and write demand are its shards' busy times likewise.
 *
 * <p>Besides, for every endpoint without calls, the busy times of all the requests a worker took (warm-up
 * included, as a replay includes the warm-up's arrivals) in the order their service started at the testbed,
 * go to {@code calibration/COMPONENT.ENDPOINT.trace.csv}; {@link #traceDesign()} uses them as an
 * {@code empirical} {@code wait} in {@code order: sequence}, so that the simulator's i-th request to start
 * service at a station gets the testbed's i-th busy time there. Requests refused or timed out before a worker
 * took them are not in the trace (the simulator draws nothing for them either).
 */
public final class BusyTimeCalibration {

    /** One calibrated endpoint: the declared mean and the measured one, in milliseconds. */
    public record Calibrated(String component, String endpoint, double declaredMeanMs, double measuredMeanMs, int samples) {
    }

    private final Design design;
    private final List<Calibrated> calibrated;
    private final Design traceDesign;
    private final String untraced;

    private BusyTimeCalibration(Design design, List<Calibrated> calibrated, Design traceDesign, String untraced) {
        this.design = design;
        this.calibrated = calibrated;
        this.traceDesign = traceDesign;
        this.untraced = untraced;
    }

    /**
     * @param fromNs  nanoTime from which served requests count (the end of the warm-up)
     * @param dir     folder for the sample files (the calibrated design's base folder)
     */
    public static BusyTimeCalibration of(Design design, ServedLog log, long fromNs, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("calibration"));
        Map<String, ComponentSpec> components = new LinkedHashMap<>();
        Map<String, ComponentSpec> traced = new LinkedHashMap<>();
        List<String> untraced = new java.util.ArrayList<>();
        List<Calibrated> done = new java.util.ArrayList<>();
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (c.getValue() instanceof io.headroom.design.ShardedStoreSpec store) {
                components.put(c.getKey(), calibratedStore(c.getKey(), store, log, fromNs, dir, done));
                traced.put(c.getKey(), c.getValue());
                continue;
            }
            if (!(c.getValue() instanceof ServiceSpec s)) {
                components.put(c.getKey(), c.getValue());
                traced.put(c.getKey(), c.getValue());
                continue;
            }
            List<ServedLog.Served> rows = log.rowsOf(c.getKey());
            Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
            Map<String, EndpointSpec> tracedEndpoints = new LinkedHashMap<>();
            for (Map.Entry<String, EndpointSpec> e : s.endpoints().entrySet()) {
                EndpointSpec ep = e.getValue();
                String trace = ep.calls().isEmpty() ? writeTrace(dir, c.getKey(), e.getKey(), rows) : null;
                if (trace != null) {
                    tracedEndpoints.put(e.getKey(), new EndpointSpec(null,
                            new DistributionSpec.Empirical(trace, TimeUnitName.MS, "busy_ms", EmpiricalOrder.SEQUENCE),
                            ep.calls(), ep.parallel(), ep.quorum(), ep.async(), ep.errorRate()));
                } else {
                    untraced.add(c.getKey() + "." + e.getKey() + (ep.calls().isEmpty() ? " (no request served)" : " (has calls)"));
                }
                double[] busyMs;
                if (ep.calls().isEmpty()) {
                    busyMs = rows.stream().filter(r -> r.endpoint().equals(e.getKey()) && r.startNs() >= 0 && r.arrivalNs() >= fromNs)
                            .mapToDouble(r -> r.busyNs() / 1e6).toArray();
                } else if (!ep.parallel() && !guarded(ep)) {
                    busyMs = ownTime(design, log, rows, e.getKey(), ep, fromNs);
                } else {
                    // parallel calls overlap, and retries, backoffs and abandoned attempts hold the worker in ways the
                    // model draws itself: the own share cannot be told apart
                    busyMs = new double[0];
                }
                if (busyMs.length < 30) {
                    endpoints.put(e.getKey(), ep);
                    continue;
                }
                String file = "calibration/" + c.getKey() + "." + e.getKey() + ".csv";
                try (Writer w = Files.newBufferedWriter(dir.resolve(file))) {
                    w.write("busy_ms\n");
                    for (double b : busyMs) {
                        w.write(String.format(Locale.ROOT, "%.4f%n", b));
                    }
                }
                double declared = (ep.demand() == null ? 0 : ep.demand().meanSeconds()) + (ep.offCpu() == null ? 0 : ep.offCpu().meanSeconds());
                done.add(new Calibrated(c.getKey(), e.getKey(), declared * 1000, java.util.Arrays.stream(busyMs).average().orElse(0),
                        busyMs.length));
                endpoints.put(e.getKey(), new EndpointSpec(null, new DistributionSpec.Empirical(file, TimeUnitName.MS, "busy_ms"),
                        ep.calls(), ep.parallel(), ep.quorum(), ep.async(), ep.errorRate()));
            }
            components.put(c.getKey(), withEndpoints(s, endpoints));
            if (tracedEndpoints.size() == s.endpoints().size()) {
                traced.put(c.getKey(), withEndpoints(s, tracedEndpoints));
            }
        }
        Design d = new Design(design.name(), design.description(), design.entry(), design.slos(), components, design.network());
        Design t = untraced.isEmpty()
                ? new Design(design.name(), design.description(), design.entry(), design.slos(), traced, design.network()) : null;
        return new BusyTimeCalibration(d, done, t, String.join(", ", untraced));
    }

    /**
     * A sharded store's {@code demand} (reads) and {@code write-demand} (writes) replaced by the busy times of its
     * shards' workers after the warm-up ({@code calibration/STORE.read.csv}, {@code STORE.write.csv}), each kept as
     * declared with fewer than 30 samples.
     */
    private static io.headroom.design.ShardedStoreSpec calibratedStore(String name, io.headroom.design.ShardedStoreSpec store, ServedLog log,
                                                                       long fromNs, Path dir, List<Calibrated> done) throws IOException {
        List<ServedLog.Served> rows = log.rowsOf(name);
        DistributionSpec[] work = {store.demand(), store.writeDemand()};
        String[] endpoints = {"read", "write"};
        for (int k = 0; k < 2; k++) {
            String endpoint = endpoints[k];
            double[] busyMs = rows.stream().filter(r -> r.endpoint().equals(endpoint) && r.startNs() >= 0 && r.arrivalNs() >= fromNs)
                    .mapToDouble(r -> r.busyNs() / 1e6).toArray();
            if (busyMs.length < 30) {
                continue;
            }
            String file = "calibration/" + name + "." + endpoint + ".csv";
            try (Writer w = Files.newBufferedWriter(dir.resolve(file))) {
                w.write("busy_ms\n");
                for (double b : busyMs) {
                    w.write(String.format(Locale.ROOT, "%.4f%n", b));
                }
            }
            done.add(new Calibrated(name, endpoint, work[k].meanSeconds() * 1000, java.util.Arrays.stream(busyMs).average().orElse(0),
                    busyMs.length));
            work[k] = new DistributionSpec.Empirical(file, TimeUnitName.MS, "busy_ms");
        }
        return new io.headroom.design.ShardedStoreSpec(store.description(), store.shards(), store.partitioning(), store.replicasPerShard(),
                store.concurrency(), store.cores(), store.queue(), work[0], work[1], store.keySpace(), store.instance());
    }

    /** Whether a call of {@code ep} has a timeout, retries, a circuit breaker or a bulkhead. */
    private static boolean guarded(EndpointSpec ep) {
        return ep.calls().stream().anyMatch(c -> c.timeout() != null || c.retries().count() > 0 || c.circuitBreaker() != null
                || c.bulkhead() != null);
    }

    /** Only the work changes: lifecycle and autoscaling are kept. */
    private static ServiceSpec withEndpoints(ServiceSpec s, Map<String, EndpointSpec> endpoints) {
        return new ServiceSpec(s.description(), s.replicas(), s.dispatch(), s.concurrency(), s.cores(), s.queue(), endpoints, s.startup(),
                s.readinessDelay(), s.drainTimeout(), s.failures(), s.instance(), s.autoscaling(), s.cpuRequest());
    }

    /**
     * Writes the busy times of every request of {@code endpoint} that a worker took, warm-up included, in the order
     * their service started; returns the file (relative to {@code dir}), or null if no request was served.
     */
    static String writeTrace(Path dir, String component, String endpoint, List<ServedLog.Served> rows) throws IOException {
        long[] busyNs = rows.stream().filter(r -> r.endpoint().equals(endpoint) && r.startNs() >= 0)
                .sorted(java.util.Comparator.comparingLong(ServedLog.Served::startNs)).mapToLong(ServedLog.Served::busyNs).toArray();
        if (busyNs.length == 0) {
            return null;
        }
        String file = "calibration/" + component + "." + endpoint + ".trace.csv";
        try (Writer w = Files.newBufferedWriter(dir.resolve(file))) {
            w.write("busy_ms\n");
            for (long b : busyNs) {
                w.write(String.format(Locale.ROOT, "%.6f%n", b / 1e6)); // to the nanosecond
            }
        }
        return file;
    }

    /**
     * For an endpoint with sequential calls: per request, the worker's busy time minus the time its direct
     * callees (services, or the service behind a balancer or a cache miss) held the same request (matched
     * by X-Request-Id). What is left is what the design calls the endpoint's own work plus what the design
     * leaves out while the worker waits on its calls: the HTTP hops, a cache hit's answer. Requests whose
     * callee rows are incomplete (an error) are left out.
     */
    private static double[] ownTime(Design design, ServedLog log, List<ServedLog.Served> rows, String endpoint, EndpointSpec ep,
                                    long fromNs) {
        java.util.Set<String> callees = new java.util.LinkedHashSet<>();
        for (var call : ep.calls()) {
            String t = call.to();
            ComponentSpec cs = design.components().get(t);
            if (cs instanceof io.headroom.design.CacheSpec cache) {
                t = cache.miss();
                cs = design.components().get(t);
            }
            if (cs instanceof io.headroom.design.LoadBalancerSpec lb) {
                t = lb.target();
            }
            callees.add(t);
        }
        Map<Long, Long> calleeNs = new java.util.HashMap<>();
        for (String callee : callees) {
            for (ServedLog.Served r : log.rowsOf(callee)) {
                if (r.requestId() >= 0 && r.status() == 200) {
                    calleeNs.merge(r.requestId(), r.residenceNs(), Long::sum);
                }
            }
        }
        return rows.stream().filter(r -> r.endpoint().equals(endpoint) && r.status() == 200 && r.requestId() >= 0 && r.arrivalNs() >= fromNs)
                .mapToDouble(r -> Math.max(0, r.busyNs() - calleeNs.getOrDefault(r.requestId(), 0L)) / 1e6).toArray();
    }

    /** The design with calibrated work (sample files relative to the folder given to {@link #of}). */
    public Design design() {
        return design;
    }

    /**
     * The design with each endpoint's work replaced by its trace ({@code empirical}, {@code order: sequence}), or
     * null when some endpoint could not be traced (see {@link #untraced()}).
     */
    public Design traceDesign() {
        return traceDesign;
    }

    /** The endpoints without a trace, with the reason ("api.search (has calls)"); empty when all have one. */
    public String untraced() {
        return untraced;
    }

    public List<Calibrated> calibrated() {
        return calibrated;
    }
}
