package io.headroom.design;

import io.headroom.dist.DistributionSpec;
import io.headroom.dist.EmpiricalSamples;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A back-of-the-envelope check before simulating: the profile's peak arrival rate against what
 * the entry service can possibly serve, by its cores (mean CPU demand) and by its workers (mean
 * time a request holds a worker). A utilisation at or above 1 means queues will grow at the peak.
 *
 * @param peakRatePerS  highest mean arrival rate of the profile
 * @param cpuCapacity   requests/s the cores can serve ({@code Double.POSITIVE_INFINITY} with no CPU demand)
 * @param workerCapacity requests/s the workers can serve if nothing else limits them
 */
public record OfferedLoad(String component, double peakRatePerS, double cpuCapacity, double workerCapacity) {

    public double peakUtilisation() {
        return peakRatePerS / Math.min(cpuCapacity, workerCapacity);
    }

    public static OfferedLoad of(Design design, Path baseDir, LoadProfile profile) throws BadInputException {
        ServiceSpec entry = DesignReader.serviceBehind(design.components(), design.entry());
        Map<String, Double> mix = profile.mix();
        double total = mix.isEmpty() ? 1 : mix.values().stream().mapToDouble(Double::doubleValue).sum();
        double cpu = 0;
        double hold = 0;
        boolean first = true;
        for (Map.Entry<String, EndpointSpec> e : entry.endpoints().entrySet()) {
            double w = mix.isEmpty() ? (first ? 1 : 0) : mix.getOrDefault(e.getKey(), 0.0) / total;
            first = false;
            double d = mean(e.getValue().demand(), baseDir);
            cpu += w * d;
            hold += w * (d + mean(e.getValue().offCpu(), baseDir));
        }
        double peak = 0;
        for (OpenStep s : profile.scaledInjection()) {
            peak = Math.max(peak, s.peakRate());
        }
        int replicas = entry.replicas().initial();
        return new OfferedLoad(design.entry(), peak,
                cpu > 0 ? replicas * io.headroom.design.pricing.PriceCatalogue.resolve(design.pricing(), baseDir)
                        .cores(entry.cores(), entry.instance(), entry.concurrency()) / cpu : Double.POSITIVE_INFINITY,
                hold > 0 ? replicas * entry.concurrency() / hold : Double.POSITIVE_INFINITY);
    }

    private static double mean(DistributionSpec d, Path baseDir) throws BadInputException {
        if (d == null) {
            return 0;
        }
        if (d instanceof DistributionSpec.Empirical e) {
            EmpiricalSamples samples = e.validate(baseDir);
            return samples.meanSeconds();
        }
        return d.meanSeconds();
    }
}
