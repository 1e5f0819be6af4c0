package io.headroom.bench;

import io.headroom.random.StreamRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one exponential draw costs (the demand of the macro benchmarks' stations), on the
 * simulator's random stream ({@link StreamRandom}, SplitMix64): commons-math3's
 * {@code ExponentialDistribution.sample()} (Ahrens–Dieter SA: a data-dependent loop over the
 * uniform's leading bits and, a third of the time, further uniforms), its
 * {@code inverseCumulativeProbability} (inversion through {@code FastMath.log}), and inversion
 * through {@link Math#log} (a JIT intrinsic), as the arrival streams draw. One operation = one draw.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SamplingBenchmark {
    private StreamRandom rng;
    private ExponentialDistribution exponential;

    @Setup(Level.Trial)
    public void setUp() {
        rng = new StreamRandom(1);
        exponential = new ExponentialDistribution(rng, 1.25);
    }

    @Benchmark
    public double ahrensDieter() {
        return exponential.sample();
    }

    @Benchmark
    public double inverseCumulative() {
        return exponential.inverseCumulativeProbability(rng.nextDouble());
    }

    @Benchmark
    public double inversionMathLog() {
        return -1.25 * Math.log(1.0 - rng.nextDouble());
    }

    @Benchmark
    public double uniformOnly() {
        return rng.nextDouble();
    }
}
