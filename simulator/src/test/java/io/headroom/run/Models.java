package io.headroom.run;

import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Small designs and profiles built in code, and replication statistics, for the model tests. */
final class Models {
    private Models() {
    }

    static DistributionSpec exp(double meanMs) {
        return new DistributionSpec.Exponential(Duration.ofNanos(Math.round(meanMs * 1e6)));
    }

    static DistributionSpec constant(double ms) {
        return new DistributionSpec.Constant(Duration.ofNanos(Math.round(ms * 1e6)));
    }

    /** A single-endpoint service. */
    static ServiceSpec service(int replicas, int workers, Integer cores, QueueSpec queue, DistributionSpec demand) {
        return new ServiceSpec(null, ReplicasSpec.fixed(replicas), DispatchStrategy.ROUND_ROBIN, workers, cores, queue,
                Map.of("default", new EndpointSpec(demand, null)));
    }

    /** One instance of {@code workers} workers, dispatched round robin, with an unbounded queue and these endpoints. */
    static ServiceSpec service(int workers, Map<String, EndpointSpec> endpoints) {
        return new ServiceSpec(null, ReplicasSpec.fixed(1), DispatchStrategy.ROUND_ROBIN, workers, null, QueueSpec.UNBOUNDED, endpoints);
    }

    static Design design(ServiceSpec s) {
        return design("test", s);
    }

    /** A design named {@code name} whose only component, and entry, is service {@code s}. */
    static Design design(String name, ServiceSpec s) {
        return new Design(name, null, "s", Map.of("s", s));
    }

    /** Poisson arrivals at {@code rate}/s for {@code seconds}, the first tenth left out as warm-up. */
    static LoadProfile poisson(double rate, long seconds) {
        return new LoadProfile("poisson", null, Map.of(), Duration.ofSeconds(seconds / 10),
                List.of(new OpenStep.ConstantUsersPerSec(rate, Duration.ofSeconds(seconds), true)));
    }

    static RunResult run(Design d, LoadProfile p, long seed) {
        return run(d, p, seed, RunOptions.DEFAULTS, new WindowSeries());
    }

    static RunResult run(Design d, LoadProfile p, long seed, RunOptions o, WindowSeries series) {
        try {
            return Runner.run(d, Path.of("."), p, seed, o, series);
        } catch (io.headroom.yaml.BadInputException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code n} replications (seeds 1..n). */
    static List<RunResult> replications(Design d, LoadProfile p, int n) {
        List<RunResult> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(run(d, p, i));
        }
        return out;
    }

    /** Mean over replications and the half-width of its 95 % Student-t confidence interval. */
    record Estimate(double mean, double halfWidth, double standardError) {
        static Estimate of(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> f) {
            SummaryStatistics s = new SummaryStatistics();
            runs.forEach(r -> s.addValue(f.applyAsDouble(r)));
            double se = s.getStandardDeviation() / Math.sqrt(s.getN());
            double t = new TDistribution(s.getN() - 1).inverseCumulativeProbability(0.975);
            return new Estimate(s.getMean(), t * se, se);
        }

        double relativeError(double theory) {
            return (mean - theory) / theory;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.6g ± %.3g (95%% CI; SE %.3g)", mean, halfWidth, standardError);
        }
    }
}
