package io.headroom.bench;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import java.util.SplittableRandom;
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
 * Headroom's {@link EventQueue} in the hold model: with {@code pending} events queued, pop the
 * earliest and schedule a one-shot event an exponential time later (mean 1 s), so the count stays
 * constant. One operation = one pop + one schedule.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar EventQueueBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
    private static final EventHandler NOTHING = arg -> { };

    @Param({"10", "1000", "100000"})
    public int pending;

    private EventQueue queue;
    private SplittableRandom rng;

    @Setup(Level.Trial)
    public void fill() {
        queue = new EventQueue();
        rng = new SplittableRandom(1);
        for (int i = 0; i < pending; i++) {
            queue.once(NOTHING, i, delay());
        }
    }

    private long delay() {
        return (long) (-1e9 * Math.log(1.0 - rng.nextDouble()));
    }

    @Benchmark
    public int popAndSchedule() {
        long now = queue.peekTime();
        int slot = queue.pop();
        int arg = queue.argOf(slot);
        queue.once(NOTHING, arg, now + delay());
        return slot;
    }
}
