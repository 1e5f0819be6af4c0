package io.headroom.validation.calibrate;

import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.TimeUnitName;
import io.headroom.validation.testbed.CallLog;
import io.headroom.validation.testbed.ServedLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calibration of the calls that have a timeout, retries, a breaker or a bulkhead, from what their callers logged
 * of every attempt ({@link CallLog}). Two things the design leaves out hold a caller's worker on such a call, and
 * both decide how often an attempt outlives its timeout, so how often the breaker opens:
 * <ul>
 *   <li>the <b>hop</b>: an attempt as its caller waited for it, minus the time the callee held that same attempt
 *   (the n-th attempt that reached the callee for a request id is the callee's n-th row for that id) — the loopback,
 *   the HTTP client and server, a busy machine's scheduling. Its samples after the warm-up become the call's
 *   {@code latency} ({@code empirical}, resampled; {@code calibration/COMPONENT.ENDPOINT.calls-K.latency.csv}),
 *   which the simulator counts inside the attempt's timeout as the testbed's caller does;</li>
 *   <li>the endpoint's <b>own work</b>: its worker's busy time minus the span of its calls (first attempt's start
 *   to last attempt's end, backoffs included, which the simulator draws itself), for an endpoint whose calls are all
 *   guarded and in order; it becomes its {@code wait} ({@code calibration/COMPONENT.ENDPOINT.csv}).</li>
 * </ul>
 * Anything with fewer than 30 samples keeps what the design declared.
 */
public final class GuardedCallCalibration {
    private static final int MIN_SAMPLES = 30;

    /** The calibrated design, and one line per calibrated figure ("api.get calls[0] hop: mean 5.081 ms, 2330 samples"). */
    public record Calibrated(Design design, List<String> notes) {
    }

    private GuardedCallCalibration() {
    }

    /**
     * {@code design} (already calibrated otherwise) with its guarded calls' latencies and their endpoints' own work
     * measured; sample files go into {@code dir/calibration/}.
     *
     * @param fromNs nanoTime from which attempts and requests count (the end of the warm-up)
     */
    public static Calibrated of(Design design, CallLog calls, ServedLog served, long fromNs, Path dir) throws IOException {
        List<CallLog.Attempt> attempts = calls.rows();
        List<String> notes = new ArrayList<>();
        if (attempts.isEmpty()) {
            return new Calibrated(design, notes);
        }
        Files.createDirectories(dir.resolve("calibration"));
        Map<String, ComponentSpec> components = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (!(c.getValue() instanceof ServiceSpec s)) {
                components.put(c.getKey(), c.getValue());
                continue;
            }
            Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
            for (Map.Entry<String, EndpointSpec> e : s.endpoints().entrySet()) {
                endpoints.put(e.getKey(), endpoint(design, c.getKey(), e.getKey(), e.getValue(), attempts, served, fromNs, dir, notes));
            }
            components.put(c.getKey(), s.withEndpoints(endpoints));
        }
        return new Calibrated(new Design(design.name(), design.description(), design.entry(), design.slos(), components, design.network()),
                notes);
    }

    private static EndpointSpec endpoint(Design design, String component, String name, EndpointSpec ep, List<CallLog.Attempt> attempts,
                                         ServedLog served, long fromNs, Path dir, List<String> notes) throws IOException {
        List<CallSpec> calls = new ArrayList<>(ep.calls());
        boolean allGuarded = !calls.isEmpty() && !ep.parallel();
        for (int k = 0; k < calls.size(); k++) {
            CallSpec call = calls.get(k);
            if (!guarded(call)) {
                allGuarded = false;
                continue;
            }
            int index = k;
            List<CallLog.Attempt> mine = attempts.stream().filter(a -> a.caller().startsWith(component + "#") && a.endpoint().equals(name)
                    && a.call() == index).toList();
            double[] hops = design.components().get(call.to()) instanceof ServiceSpec ? hops(mine, served.rowsOf(call.to()), fromNs)
                    : new double[0];
            if (hops.length >= MIN_SAMPLES) {
                String file = write(dir, component + "." + name + ".calls-" + k + ".latency", hops);
                notes.add(note(component + "." + name + " calls[" + k + "] hop (the call's latency)", hops));
                calls.set(k, new CallSpec(call.to(), call.endpoint(), call.p(), call.write(),
                        new DistributionSpec.Empirical(file, TimeUnitName.MS, "ms"), call.timeout(), call.cancelOnTimeout(),
                        call.retries(), call.circuitBreaker(), call.bulkhead()));
            }
        }
        DistributionSpec work = ep.offCpu();
        DistributionSpec demand = ep.demand();
        if (allGuarded) {
            double[] own = ownWork(component, name, attempts, served.rowsOf(component), fromNs);
            if (own.length >= MIN_SAMPLES) {
                notes.add(note(component + "." + name + " own work (busy minus its calls)", own));
                work = new DistributionSpec.Empirical(write(dir, component + "." + name, own), TimeUnitName.MS, "ms");
                demand = null;
            }
        }
        return new EndpointSpec(demand, work, calls, ep.parallel(), ep.quorum(), ep.async(), ep.errorRate());
    }

    /** Per attempt answered by the callee: the caller's wait minus the callee's residence for the same attempt. */
    static double[] hops(List<CallLog.Attempt> attempts, List<ServedLog.Served> calleeRows, long fromNs) {
        Map<Long, List<ServedLog.Served>> byId = new HashMap<>();
        for (ServedLog.Served r : calleeRows) {
            if (r.requestId() >= 0) {
                byId.computeIfAbsent(r.requestId(), x -> new ArrayList<>()).add(r);
            }
        }
        Map<Long, List<CallLog.Attempt>> reached = new HashMap<>();
        for (CallLog.Attempt a : attempts) {
            if (a.requestId() >= 0 && a.outcome() != CallLog.Outcome.CIRCUIT_OPEN && a.outcome() != CallLog.Outcome.BULKHEAD) {
                reached.computeIfAbsent(a.requestId(), x -> new ArrayList<>()).add(a);
            }
        }
        List<Double> out = new ArrayList<>();
        for (Map.Entry<Long, List<CallLog.Attempt>> e : reached.entrySet()) {
            List<ServedLog.Served> rows = byId.getOrDefault(e.getKey(), List.of());
            List<CallLog.Attempt> mine = e.getValue();
            if (rows.size() != mine.size()) {
                continue; // not every attempt reached the callee (or one is still on its way): no pairing
            }
            List<ServedLog.Served> r = rows.stream().sorted(Comparator.comparingLong(ServedLog.Served::arrivalNs)).toList();
            List<CallLog.Attempt> a = mine.stream().sorted(Comparator.comparingInt(CallLog.Attempt::attempt)).toList();
            for (int i = 0; i < a.size(); i++) {
                CallLog.Attempt x = a.get(i);
                if (x.startNs() >= fromNs && x.outcome() != CallLog.Outcome.TIMEOUT) {
                    out.add(Math.max(0, (x.endNs() - x.startNs()) - r.get(i).residenceNs()) / 1e6);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Per request served after the warm-up: busy time minus the span of its calls' attempts. */
    static double[] ownWork(String component, String endpoint, List<CallLog.Attempt> attempts, List<ServedLog.Served> rows, long fromNs) {
        Map<String, long[]> span = new HashMap<>(); // instance/request id -> {first start, last end}
        for (CallLog.Attempt a : attempts) {
            if (a.endpoint().equals(endpoint) && a.caller().startsWith(component + "#")) {
                span.merge(a.caller() + "/" + a.requestId(), new long[] {a.startNs(), a.endNs()},
                        (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
            }
        }
        return rows.stream().filter(r -> r.endpoint().equals(endpoint) && r.startNs() >= 0 && r.arrivalNs() >= fromNs && r.requestId() >= 0)
                .mapToDouble(r -> {
                    long[] s = span.get(r.instance() + "/" + r.requestId());
                    return Math.max(0, r.busyNs() - (s == null ? 0 : s[1] - s[0])) / 1e6;
                }).toArray();
    }

    private static String note(String what, double[] ms) {
        return String.format(Locale.ROOT, "calibrated %s: mean %.3f ms, %d samples", what,
                java.util.Arrays.stream(ms).average().orElse(0), ms.length);
    }

    private static boolean guarded(CallSpec c) {
        return c.timeout() != null || c.retries().count() > 0 || c.circuitBreaker() != null || c.bulkhead() != null;
    }

    private static String write(Path dir, String name, double[] ms) throws IOException {
        String file = "calibration/" + name + ".csv";
        try (Writer w = Files.newBufferedWriter(dir.resolve(file))) {
            w.write("ms\n");
            for (double v : ms) {
                w.write(String.format(Locale.ROOT, "%.4f%n", v));
            }
        }
        return file;
    }
}
