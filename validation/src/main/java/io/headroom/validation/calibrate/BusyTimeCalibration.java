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
 *
 * <p>An endpoint with CPU {@code demand} (computed for real in the testbed) is calibrated in two parts: its
 * {@code demand} from the time each request held one of its instance's cores ({@code held_ms}: the CPU time it
 * consumed, {@code cpu_ms}, plus the time the machine ran other work on that processor meanwhile — the same on a
 * machine with a processor free for every core; as a worker told to sleep is held longer than told, a core of a
 * busy machine runs slower than a dedicated one, and both are calibrated in), its {@code wait} from the rest of
 * its own time once its wall time computing (waiting for a core included, which the simulator's processor
 * sharing reproduces) is taken off ({@code wait_ms}). The two are resampled independently.
 */
public final class BusyTimeCalibration {

    /**
     * One calibrated endpoint: the declared mean and the measured one, in milliseconds; for an endpoint with CPU
     * demand also the declared demand, the CPU time its requests consumed and the time they held a core (the
     * calibrated demand), means in milliseconds (NaN for work that only sleeps).
     */
    public record Calibrated(String component, String endpoint, double declaredMeanMs, double measuredMeanMs, int samples,
                             double declaredCpuMs, double cpuMs, double heldMs) {
        public Calibrated(String component, String endpoint, double declaredMeanMs, double measuredMeanMs, int samples) {
            this(component, endpoint, declaredMeanMs, measuredMeanMs, samples, Double.NaN, Double.NaN, Double.NaN);
        }
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
                boolean computes = ep.demand() != null;
                String trace = ep.calls().isEmpty() ? writeTrace(dir, c.getKey(), e.getKey(), rows, computes) : null;
                if (trace != null && computes) {
                    tracedEndpoints.put(e.getKey(), new EndpointSpec(
                            new DistributionSpec.Empirical(trace, TimeUnitName.MS, "held_ms", EmpiricalOrder.SEQUENCE),
                            new DistributionSpec.Empirical(trace, TimeUnitName.MS, "wait_ms", EmpiricalOrder.SEQUENCE),
                            ep.calls(), ep.parallel(), ep.quorum(), ep.async(), ep.errorRate()));
                } else if (trace != null) {
                    tracedEndpoints.put(e.getKey(), new EndpointSpec(null,
                            new DistributionSpec.Empirical(trace, TimeUnitName.MS, "busy_ms", EmpiricalOrder.SEQUENCE),
                            ep.calls(), ep.parallel(), ep.quorum(), ep.async(), ep.errorRate()));
                } else {
                    untraced.add(c.getKey() + "." + e.getKey() + (ep.calls().isEmpty() ? " (no request served)" : " (has calls)"));
                }
                double[] busyMs;
                double[][] cpu = null; // consumed, held, computing wall time
                if (ep.calls().isEmpty()) {
                    List<ServedLog.Served> served = rows.stream()
                            .filter(r -> r.endpoint().equals(e.getKey()) && r.startNs() >= 0 && r.arrivalNs() >= fromNs).toList();
                    busyMs = served.stream().mapToDouble(r -> r.busyNs() / 1e6).toArray();
                    if (computes) {
                        cpu = new double[][] {served.stream().mapToDouble(r -> r.cpuNs() / 1e6).toArray(),
                            served.stream().mapToDouble(r -> r.heldNs() / 1e6).toArray(),
                            served.stream().mapToDouble(r -> r.computeNs() / 1e6).toArray()};
                    }
                } else if (!ep.parallel() && !guarded(ep)) {
                    busyMs = ownTime(design, log, rows, e.getKey(), ep, fromNs, null);
                    if (computes) {
                        cpu = new double[][] {ownTime(design, log, rows, e.getKey(), ep, fromNs, r -> r.cpuNs() / 1e6),
                            ownTime(design, log, rows, e.getKey(), ep, fromNs, r -> r.heldNs() / 1e6),
                            ownTime(design, log, rows, e.getKey(), ep, fromNs, r -> r.computeNs() / 1e6)};
                    }
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
                writeSamples(dir.resolve(file), busyMs, cpu);
                double declared = (ep.demand() == null ? 0 : ep.demand().meanSeconds()) + (ep.offCpu() == null ? 0 : ep.offCpu().meanSeconds());
                double busyMean = mean(busyMs);
                if (cpu != null) {
                    done.add(new Calibrated(c.getKey(), e.getKey(), declared * 1000, busyMean, busyMs.length,
                            ep.demand().meanSeconds() * 1000, mean(cpu[0]), mean(cpu[1])));
                    endpoints.put(e.getKey(), new EndpointSpec(new DistributionSpec.Empirical(file, TimeUnitName.MS, "held_ms"),
                            new DistributionSpec.Empirical(file, TimeUnitName.MS, "wait_ms"),
                            ep.calls(), ep.parallel(), ep.quorum(), ep.async(), ep.errorRate()));
                } else {
                    done.add(new Calibrated(c.getKey(), e.getKey(), declared * 1000, busyMean, busyMs.length));
                    endpoints.put(e.getKey(), new EndpointSpec(null, new DistributionSpec.Empirical(file, TimeUnitName.MS, "busy_ms"),
                            ep.calls(), ep.parallel(), ep.quorum(), ep.async(), ep.errorRate()));
                }
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
        return s.withEndpoints(endpoints);
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(0);
    }

    /**
     * The calibration samples: {@code busy_ms} per request; with CPU demand ({@code cpu}: consumed, held and
     * computing times) also {@code cpu_ms}, {@code held_ms} (the calibrated {@code demand}) and {@code wait_ms}
     * (busy time minus computing time: the calibrated {@code wait}).
     */
    private static void writeSamples(Path file, double[] busyMs, double[][] cpu) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(cpu == null ? "busy_ms\n" : "busy_ms,cpu_ms,held_ms,wait_ms\n");
            for (int k = 0; k < busyMs.length; k++) {
                if (cpu == null) {
                    w.write(String.format(Locale.ROOT, "%.4f%n", busyMs[k]));
                } else {
                    w.write(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", busyMs[k], cpu[0][k], cpu[1][k],
                            Math.max(0, busyMs[k] - cpu[2][k])));
                }
            }
        }
    }

    /** Writes the busy-time trace of {@code endpoint} for work that only sleeps; see {@link #writeTrace(Path, String, String, List, boolean)}. */
    static String writeTrace(Path dir, String component, String endpoint, List<ServedLog.Served> rows) throws IOException {
        return writeTrace(dir, component, endpoint, rows, false);
    }

    /**
     * Writes the busy times of every request of {@code endpoint} that a worker took, warm-up included, in the order
     * their service started; returns the file (relative to {@code dir}), or null if no request was served. With CPU
     * demand ({@code computes}) also {@code cpu_ms} and {@code held_ms}, the CPU time each consumed and the time it
     * held a core, in the order they started (the simulator draws a demand when a request starts service), and
     * {@code wait_ms}, each one's busy time outside computing, in the order they finished computing (the simulator
     * draws the wait then: under processor sharing that is not the start order).
     */
    static String writeTrace(Path dir, String component, String endpoint, List<ServedLog.Served> rows, boolean computes)
            throws IOException {
        List<ServedLog.Served> started = rows.stream().filter(r -> r.endpoint().equals(endpoint) && r.startNs() >= 0)
                .sorted(java.util.Comparator.comparingLong(ServedLog.Served::startNs)).toList();
        if (started.isEmpty()) {
            return null;
        }
        List<ServedLog.Served> computed = computes ? started.stream()
                .sorted(java.util.Comparator.comparingLong(r -> r.startNs() + r.computeNs())).toList() : null;
        String file = "calibration/" + component + "." + endpoint + ".trace.csv";
        try (Writer w = Files.newBufferedWriter(dir.resolve(file))) {
            w.write(computes ? "busy_ms,cpu_ms,held_ms,wait_ms\n" : "busy_ms\n");
            for (int k = 0; k < started.size(); k++) {
                ServedLog.Served r = started.get(k);
                if (computes) { // to the nanosecond
                    w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", r.busyNs() / 1e6, r.cpuNs() / 1e6, r.heldNs() / 1e6,
                            computed.get(k).offCpuNs() / 1e6));
                } else {
                    w.write(String.format(Locale.ROOT, "%.6f%n", r.busyNs() / 1e6));
                }
            }
        }
        return file;
    }

    /**
     * For an endpoint with sequential calls: per request, the worker's busy time minus the time its direct
     * callees (services, or the service behind a balancer or a cache miss) held the same request (matched
     * by X-Request-Id). What is left is what the design calls the endpoint's own work plus what the design
     * leaves out while the worker waits on its calls: the HTTP hops, a cache hit's answer. Requests whose
     * callee rows are incomplete (an error) are left out. With {@code field}, that field of the same requests instead,
     * in the same order.
     */
    private static double[] ownTime(Design design, ServedLog log, List<ServedLog.Served> rows, String endpoint, EndpointSpec ep,
                                    long fromNs, java.util.function.ToDoubleFunction<ServedLog.Served> field) {
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
                .mapToDouble(r -> field != null ? field.applyAsDouble(r)
                        : Math.max(0, r.busyNs() - calleeNs.getOrDefault(r.requestId(), 0L)) / 1e6)
                .toArray();
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
