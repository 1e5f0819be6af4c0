package io.headroom.bench;

import io.headroom.design.DesignReader;
import io.headroom.experiment.Replications;
import io.headroom.run.RunOptions;
import io.headroom.run.RunResult;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole simulations, in process: the simulation proper of {@code headroom run} (the design and
 * profile already read; the time series computed window by window but not written; no report),
 * so its rate can be set against the hand-written loops' loop-only rate. One operation = one run.
 * Workloads (paths relative to the repository root, where JMH is started):
 * <ul>
 *   <li>{@code mm4}: benchmarks/workloads/mm4.yaml under mm4-2.2M.yaml (2.2 million requests, as the macro benchmark);</li>
 *   <li>{@code tandem}: the open tandem under tandem-2.2M.yaml;</li>
 *   <li>{@code three-tier}: examples/three-tier.yaml under examples/profiles/three-tier-steady.yaml;</li>
 *   <li>{@code api-hpa}: examples/api-hpa.yaml (HPA autoscaling, instance lifecycle, pricing) under
 *       examples/profiles/morning-ramp.yaml;</li>
 *   <li>{@code k8s-api}: examples/k8s-api.yaml (pods on a cluster, the Cluster Autoscaler) under
 *       examples/profiles/morning-ramp.yaml;</li>
 *   <li>{@code four-tier-hour}: benchmarks/workloads/four-tier-hpa.yaml (balancer, two HPA-scaled tiers of
 *       processor-sharing instances, a database) under hour-1000.yaml: the simulated day's engine, an hour of it.</li>
 * </ul>
 * {@code java -jar benchmarks/target/benchmarks.jar WholeRunBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class WholeRunBenchmark {
    @Param({"mm4", "tandem", "three-tier", "api-hpa", "k8s-api", "four-tier-hour"})
    public String workload;

    private DesignReader.Loaded design;
    private DesignReader.LoadedProfile profile;

    @Setup(Level.Trial)
    public void read() throws Exception {
        String[] files = switch (workload) {
            case "mm4" -> new String[] {"benchmarks/workloads/mm4.yaml", "benchmarks/workloads/mm4-2.2M.yaml"};
            case "tandem" -> new String[] {"benchmarks/workloads/tandem.yaml", "benchmarks/workloads/tandem-2.2M.yaml"};
            case "three-tier" -> new String[] {"examples/three-tier.yaml", "examples/profiles/three-tier-steady.yaml"};
            case "api-hpa" -> new String[] {"examples/api-hpa.yaml", "examples/profiles/morning-ramp.yaml"};
            case "k8s-api" -> new String[] {"examples/k8s-api.yaml", "examples/profiles/morning-ramp.yaml"};
            case "four-tier-hour" -> new String[] {"benchmarks/workloads/four-tier-hpa.yaml", "benchmarks/workloads/hour-1000.yaml"};
            default -> throw new IllegalArgumentException(workload);
        };
        design = DesignReader.read(Path.of(files[0]));
        profile = DesignReader.readProfile(Path.of(files[1]));
    }

    @Benchmark
    public RunResult run() throws Exception {
        return io.headroom.run.Runner.run(design, profile, 1, RunOptions.DEFAULTS, Replications.discard());
    }
}
