package io.headroom.bench;

import io.headroom.metrics.LatencyStats;
import io.headroom.metrics.RequestMetrics;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * What recording a request's latency costs: one value into an HdrHistogram-backed
 * {@link LatencyStats} (3 significant digits, the summary's), and a completion through
 * {@link RequestMetrics} (the endpoint's histogram plus the window's). Latencies are drawn ahead
 * (exponential, mean 100 ms, in ns) so the draw is not measured. One operation = one record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LatencyRecordingBenchmark {
    private final long[] latencies = new long[1 << 16];
    private int next;
    private LatencyStats stats;
    private RequestMetrics metrics;

    @Setup(Level.Trial)
    public void draw() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 1 + (long) (-1e8 * Math.log(1 - r.nextDouble()));
        }
        stats = new LatencyStats();
        metrics = new RequestMetrics(new String[] {"default"});
    }

    @Benchmark
    public void latencyStats() {
        stats.record(latencies[next++ & (latencies.length - 1)]);
    }

    @Benchmark
    public void requestMetricsCompleted() {
        metrics.completed(0, true, true, latencies[next++ & (latencies.length - 1)]);
    }
}
