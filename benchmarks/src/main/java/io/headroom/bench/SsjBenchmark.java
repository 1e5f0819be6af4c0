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
 * The SSJ models of benchmarks/run.sh ({@link SsjMM4}, {@link SsjTandem}) timed exactly as
 * {@link WholeRunBenchmark} times Headroom and {@link HandWrittenBenchmark} the hand-written loops: in
 * process, warmed up, one operation = one whole run of 2.2 million customers (the model built, its streams
 * seeded, the event list run dry). The three side by side, in one sitting, give Headroom's warm speed against
 * a published simulation library.
 * {@code java -jar benchmarks/target/benchmarks.jar 'WholeRunBenchmark|HandWrittenBenchmark|SsjBenchmark' -p workload=mm4,tandem}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class SsjBenchmark {
    @Param({"mm4", "tandem"})
    public String workload;

    @Benchmark
    public double run() {
        return switch (workload) {
            case "mm4" -> SsjMM4.simulate(2_200_000L, 1L);
            case "tandem" -> SsjTandem.simulate(2_200_000L, 1L);
            default -> throw new IllegalArgumentException(workload);
        };
    }
}
