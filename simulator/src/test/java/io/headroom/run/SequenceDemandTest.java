package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.EmpiricalOrder;
import io.headroom.dist.TimeUnitName;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A trace replay through the simulator: arrivals at given nanoseconds (one {@code atOnceUsers(1)} after a
 * {@code nothingFor} each, as validation's replay builds them) and each request's service time taken in order
 * from a file ({@code empirical} with {@code order: sequence}, shorter than the run so that it wraps). An FCFS
 * station with c workers then has no randomness left: the i-th arrival is the i-th to start and gets the i-th
 * value (mod the file's length), and its response is given by the Kiefer-Wolfowitz recursion (Lindley's for
 * c = 1), computed here in integer nanoseconds. The simulator must give the same numbers: the same count, the
 * same mean (its sum is exact; compared to 1e-6 ns), the same maximum to the nanosecond, and p50/p99 equal to the
 * exact order statistic (rank ceil(p n), HdrHistogram's rule) up to the histogram's 3 significant digits.
 */
class SequenceDemandTest {

    @ParameterizedTest(name = "FCFS with {0} worker(s), mean gap {1} ms")
    @CsvSource({
        "1, 10.0",  // rho 0.8
        "4, 2.22",  // rho 0.9, the testbed's ρ 0.9 validation shape
    })
    void eachRequestGetsTheNextTraceValueAndTheQueueFollowsTheRecursion(int workers, double meanGapMs, @TempDir Path dir) throws Exception {
        int n = 4000;
        int m = 3000; // trace values: requests 3000..3999 get values 0..999 again
        // service times in whole microseconds (a lognormal with mean 8 ms), written as the file and kept as ns
        LogNormalDistribution service = new LogNormalDistribution(new Well19937c(5), Math.log(8e3) - 0.125, 0.5);
        long[] serviceNs = new long[m];
        StringBuilder csv = new StringBuilder("busy_us\n");
        for (int i = 0; i < m; i++) {
            long us = Math.max(1, Math.round(service.sample()));
            serviceNs[i] = us * 1000;
            csv.append(us).append('\n');
        }
        Files.writeString(dir.resolve("trace.csv"), csv);
        // distinct arrival times in whole nanoseconds
        ExponentialDistribution gap = new ExponentialDistribution(new Well19937c(6), meanGapMs * 1e6);
        long[] arrivalNs = new long[n];
        List<OpenStep> steps = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            long g = 1 + Math.round(gap.sample());
            t += g;
            arrivalNs[i] = t;
            steps.add(new OpenStep.NothingFor(Duration.ofNanos(g)));
            steps.add(new OpenStep.AtOnceUsers(1L));
        }
        steps.add(new OpenStep.NothingFor(Duration.ofSeconds(1)));

        // Kiefer-Wolfowitz: the earliest-free worker takes the next arrival
        long[] expected = new long[n];
        PriorityQueue<Long> free = new PriorityQueue<>();
        for (int k = 0; k < workers; k++) {
            free.add(0L);
        }
        for (int i = 0; i < n; i++) {
            long start = Math.max(arrivalNs[i], free.poll());
            long end = start + serviceNs[i % m];
            free.add(end);
            expected[i] = end - arrivalNs[i];
        }
        long[] sorted = expected.clone();
        Arrays.sort(sorted);
        double expectedMeanNs = Arrays.stream(expected).asDoubleStream().sum() / n;

        var trace = new DistributionSpec.Empirical("trace.csv", TimeUnitName.US, "busy_us", EmpiricalOrder.SEQUENCE);
        // as validation calibrates: the busy time as a wait
        Design design = Models.design("trace", Models.service(workers, Map.of("default", new EndpointSpec(null, trace))));
        LoadProfile profile = new LoadProfile("replayed", null, Map.of(), Duration.ZERO, steps);
        for (long seed : new long[] {1, 2}) { // nothing is random: any seed gives the same run
            RunResult r = Runner.run(design, dir, profile, seed, RunOptions.DEFAULTS, new WindowSeries());
            var overall = r.overall();
            assertEquals(n, overall.requests());
            assertEquals(n, overall.completed());
            assertEquals(expectedMeanNs, overall.latencyMs().mean() * 1e6, 1e-6, "mean response (ns)");
            assertEquals(sorted[n - 1], overall.latencyMs().max() * 1e6, 1e-6, "max response (ns)");
            assertOrderStatistic(sorted, 50, overall.latencyMs().p50() * 1e6);
            assertOrderStatistic(sorted, 99, overall.latencyMs().p99() * 1e6);
        }
    }

    /** HdrHistogram reports the highest value equivalent (3 significant digits) to the order statistic of rank ceil(p n). */
    private static void assertOrderStatistic(long[] sorted, double percent, double reportedNs) {
        long exact = sorted[(int) Math.ceil(percent / 100 * sorted.length) - 1];
        assertTrue(reportedNs >= exact - 1e-6 && reportedNs <= exact * 1.001 + 1,
                "p" + percent + ": simulated " + reportedNs + " ns, recursion " + exact + " ns");
    }
}
