package io.headroom.validation.calibrate;

import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
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
 * {@code empirical} {@code wait} (resampled), written to {@code calibration/COMPONENT.ENDPOINT.csv}.
 * Endpoints with calls keep their declared work.
 */
public final class BusyTimeCalibration {

    /** One calibrated endpoint: the declared mean and the measured one, in milliseconds. */
    public record Calibrated(String component, String endpoint, double declaredMeanMs, double measuredMeanMs, int samples) {
    }

    private final Design design;
    private final List<Calibrated> calibrated;

    private BusyTimeCalibration(Design design, List<Calibrated> calibrated) {
        this.design = design;
        this.calibrated = calibrated;
    }

    /**
     * @param fromNs  nanoTime from which served requests count (the end of the warm-up)
     * @param dir     folder for the sample files (the calibrated design's base folder)
     */
    public static BusyTimeCalibration of(Design design, ServedLog log, long fromNs, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("calibration"));
        Map<String, ComponentSpec> components = new LinkedHashMap<>();
        List<Calibrated> done = new java.util.ArrayList<>();
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (!(c.getValue() instanceof ServiceSpec s)) {
                components.put(c.getKey(), c.getValue());
                continue;
            }
            List<ServedLog.Served> rows = log.rowsOf(c.getKey());
            Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
            for (Map.Entry<String, EndpointSpec> e : s.endpoints().entrySet()) {
                EndpointSpec ep = e.getValue();
                double[] busyMs = rows.stream().filter(r -> r.endpoint().equals(e.getKey()) && r.startNs() >= 0 && r.arrivalNs() >= fromNs)
                        .mapToDouble(r -> r.busyNs() / 1e6).toArray();
                if (!ep.calls().isEmpty() || busyMs.length < 30) {
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
            components.put(c.getKey(), new ServiceSpec(s.description(), s.replicas(), s.dispatch(), s.concurrency(), s.cores(), s.queue(),
                    endpoints));
        }
        Design d = new Design(design.name(), design.description(), design.entry(), design.slos(), components, design.network());
        return new BusyTimeCalibration(d, done);
    }

    /** The design with calibrated work (sample files relative to the folder given to {@link #of}). */
    public Design design() {
        return design;
    }

    public List<Calibrated> calibrated() {
        return calibrated;
    }
}
