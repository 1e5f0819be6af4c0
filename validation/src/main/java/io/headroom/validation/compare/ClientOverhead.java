package io.headroom.validation.compare;

import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.TimeUnitName;
import io.headroom.validation.gatling.RecordedRequest;
import io.headroom.validation.testbed.ServedLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The time a request spends outside what the design describes: the load generator, the loopback, HTTP
 * parsing, the testbed balancer's forwarding hop (a design's balancer without a latency adds none), and
 * waking an idle worker (the simulator hands a request to an idle worker at once). Per request, matched by
 * its {@code X-Request-Id}: Gatling's response time minus the time at the entry service's instance, plus the
 * wake-up of the worker it found idle. On a quiet machine it is about a millisecond; on a busy one
 * (other builds on the same two cores) it has a long tail — tens of milliseconds at p99 — which a constant
 * cannot represent. So the simulated design gets it as the {@code latency} of a load balancer in front of
 * the entry (its samples resampled), or of the entry's own balancer when that has no latency; when neither
 * is possible, or too few requests match, the mean is added to the simulated latencies instead.
 */
public final class ClientOverhead {
    /** The sample file, relative to the validation's folder. */
    public static final String FILE = "calibration/client-overhead.csv";
    private static final int MIN_SAMPLES = 30;

    private final double[] samplesMs;
    private final double meanMs;

    private ClientOverhead(double[] samplesMs, double meanMs) {
        this.samplesMs = samplesMs;
        this.meanMs = meanMs;
    }

    /**
     * @param requests  dequantized, in the order of {@code ids}
     * @param entryRows the rows of the entry (its router's, or its single instance's)
     */
    public static ClientOverhead measure(Design design, List<RecordedRequest> requests, long[] ids, List<ServedLog.Served> entryRows,
                                         ServedLog log, double warmupS, Path dir) throws IOException {
        // the time "inside the design": at the service instance, unless the entry is a balancer with a latency of
        // its own (then from the balancer's arrival, and the balancer's forwarding hop counts as inside too)
        ComponentSpec e = design.components().get(design.entry());
        boolean fromInstance = !(e instanceof LoadBalancerSpec lb && lb.latency() != null);
        Map<Long, ServedLog.Served> entry = new HashMap<>();
        Map<Long, Long> wake = new HashMap<>();
        String service = serviceBehindEntry(design);
        if (service != null) {
            for (ServedLog.Served r : log.rowsOf(service)) {
                if (r.requestId() >= 0) {
                    wake.put(r.requestId(), r.wakeNs());
                    if (fromInstance && r.status() == 200) {
                        entry.put(r.requestId(), r);
                    }
                }
            }
        }
        if (!fromInstance) {
            for (ServedLog.Served r : entryRows) {
                if (r.status() == 200 && r.requestId() >= 0) {
                    entry.put(r.requestId(), r);
                }
            }
        }
        double[] samples = new double[requests.size()];
        int n = 0;
        double clientSum = 0;
        int clientN = 0;
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest q = requests.get(i);
            if (!q.ok() || q.startMs() < warmupS * 1000) {
                continue;
            }
            clientSum += q.responseMs();
            clientN++;
            ServedLog.Served s = entry.get(ids[i]);
            if (s != null) {
                samples[n++] = q.responseMs() - s.residenceNs() / 1e6 + wake.getOrDefault(ids[i], 0L) / 1e6;
            }
        }
        samples = Arrays.copyOf(samples, n);
        if (n < MIN_SAMPLES) {
            double server = entryRows.stream().filter(r -> r.status() == 200).mapToDouble(r -> r.residenceNs() / 1e6).average().orElse(0);
            return new ClientOverhead(null, clientN == 0 ? 0 : Math.max(0, clientSum / clientN - server));
        }
        Files.createDirectories(dir.resolve("calibration"));
        try (Writer w = Files.newBufferedWriter(dir.resolve(FILE))) {
            w.write("overhead_ms\n");
            for (double v : samples) {
                w.write(String.format(Locale.ROOT, "%.4f%n", Math.max(0, v)));
            }
        }
        return new ClientOverhead(samples, Arrays.stream(samples).average().orElse(0));
    }

    /** The design with the overhead as a balancer's latency in front of its entry, when that can be done. */
    public Design around(Design d) {
        if (samplesMs == null) {
            return d;
        }
        DistributionSpec latency = new DistributionSpec.Empirical(FILE, TimeUnitName.MS, "overhead_ms");
        ComponentSpec e = d.components().get(d.entry());
        Map<String, ComponentSpec> components = new LinkedHashMap<>();
        String entry = d.entry();
        if (e instanceof ServiceSpec s) {
            entry = "load-generator";
            while (d.components().containsKey(entry)) {
                entry += "-";
            }
            components.put(entry, new LoadBalancerSpec("the load generator and the loopback (measured)", s.dispatch(), latency, d.entry(), null));
            components.putAll(d.components());
        } else if (e instanceof LoadBalancerSpec lb && lb.latency() == null) {
            components.putAll(d.components());
            components.put(d.entry(), new LoadBalancerSpec(lb.description(), lb.strategy(), latency, lb.target(), lb.weights()));
        } else {
            return null;
        }
        return new Design(d.name(), d.description(), entry, d.slos(), components, d.network());
    }

    /** Whether {@link #around} puts the overhead into the design (else it is added as {@link #shiftMs()}). */
    public boolean modelled(Design d) {
        return samplesMs != null && around(d) != null;
    }

    /** What is added to simulated latencies: 0 when the design carries the overhead, else its mean. */
    public double shiftMs(Design d) {
        return modelled(d) ? 0 : meanMs;
    }

    public double meanMs() {
        return meanMs;
    }

    /** A sentence for the report. */
    public String describe() {
        if (samplesMs == null) {
            return "mean Gatling response time minus mean time inside the testbed's entry, added to the simulated latencies";
        }
        double[] s = samplesMs.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "per request (X-Request-Id): Gatling's response time minus the time at the service instance plus"
                + " the wake-up of an idle worker; %d samples, p50 %.3f ms, p99 %.3f ms; simulated as the latency of a balancer in front"
                + " of the entry (%s)", s.length, s[(s.length - 1) / 2], s[(int) Math.ceil(0.99 * s.length) - 1], FILE);
    }

    /** The service the entry is, or the one behind the entry's balancer; null for any other entry. */
    static String serviceBehindEntry(Design d) {
        ComponentSpec c = d.components().get(d.entry());
        if (c instanceof LoadBalancerSpec lb) {
            return lb.target();
        }
        return c instanceof ServiceSpec ? d.entry() : null;
    }
}
