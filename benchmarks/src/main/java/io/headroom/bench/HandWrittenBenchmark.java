package io.headroom.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hand-written loops of benchmarks/run.sh ({@link HandWrittenMM4}, {@link HandWrittenTandem})
 * timed exactly as {@link WholeRunBenchmark} times Headroom's simulation: in process, warmed up,
 * one operation = one whole run of 2.2 million requests. The two benchmarks side by side, in one
 * sitting, give the ratio of the simulations proper on the same footing (both JIT-compiled, neither
 * paying start-up).
 * {@code java -jar benchmarks/target/benchmarks.jar 'WholeRunBenchmark|HandWrittenBenchmark' -p workload=mm4,tandem}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class HandWrittenBenchmark {
    @Param({"mm4", "tandem"})
    public String workload;

    @Benchmark
    public double run() {
        return switch (workload) {
            case "mm4" -> HandWrittenMM4.simulate(2_200_000L, 1L);
            case "tandem" -> HandWrittenTandem.simulate(2_200_000L, 1L);
            default -> throw new IllegalArgumentException(workload);
        };
    }
}
