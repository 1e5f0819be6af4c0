package io.headroom.run;

import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.QueueSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.dist.TimeUnitName;
import io.headroom.request.ErrorCause;
import io.headroom.theory.Queueing;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The simulator against queueing theory. Each case runs independent replications (seeds 1..R) and
 * checks two things: the estimate is within the stated tolerance of theory, and the tolerance is
 * at least four standard errors wide — so a pass is evidence, not luck, and a run too short to
 * support the tolerance fails instead of passing by chance. Means also have to agree with theory
 * statistically (|z| < 4), which catches biases far smaller than the tolerance.
 */
class TheoryTest {
    private static final int R = 8;

    /** Asserts |relative error| < tol, 4·SE < tol·theory, and (optionally) |z| < 4. */
    static void assertAgrees(String what, Models.Estimate e, double theory, double tol, boolean zCheck) {
        double rel = e.relativeError(theory);
        String msg = String.format(java.util.Locale.ROOT, "%s: simulated %s, theory %.6g, error %+.3f%%", what, e, theory, 100 * rel);
        System.out.println(msg);
        assertTrue(Math.abs(rel) < tol, msg + " exceeds " + 100 * tol + " %");
        assertTrue(4 * e.standardError() < tol * Math.abs(theory), msg + ": run too short for a " + 100 * tol + " % tolerance");
        if (zCheck) {
            assertTrue(Math.abs(e.mean() - theory) < 4 * e.standardError(), msg + ": off by more than 4 standard errors");
        }
    }

    /** The end-to-end mean response time (ms) over the replications. */
    static Models.Estimate meanResponseMs(List<RunResult> runs) {
        return Models.Estimate.of(runs, r -> r.overall().latencyMs().mean());
    }

    /** The fraction of requests that ended in error {@code cause}, over the replications. */
    static Models.Estimate errorFraction(List<RunResult> runs, ErrorCause cause) {
        return Models.Estimate.of(runs, r -> (double) r.overall().errors().get(cause) / r.overall().requests());
    }

    /** Little's law L = λW for the service, within 1 %, in every replication. */
    static void assertLittle(List<RunResult> runs) {
        for (RunResult r : runs) {
            RunResult.ServiceStats s = r.components().get("s");
            double l = s.inSystemMean();
            double lambdaW = s.arrivalRatePerS() * s.sojournMeanMs() / 1000;
            assertEquals(1.0, l / lambdaW, 0.01, "Little's law: L = " + l + ", λW = " + lambdaW);
        }
    }

    @ParameterizedTest(name = "M/M/{0} at rho {1}")
    @CsvSource({
        // c, rho, mean service ms, seconds per replication
        "1, 0.5, 10, 4000",
        "4, 0.8, 10, 3000",
        "10, 0.8, 10, 1500",
    })
    void mmcMatchesErlangC(int c, double rho, double serviceMs, long seconds) {
        double mu = 1000 / serviceMs;
        double lambda = rho * c * mu;
        var runs = Models.replications(Models.design(Models.service(1, c, null, QueueSpec.UNBOUNDED, exp(serviceMs))),
                Models.poisson(lambda, seconds), R);
        double w = Queueing.mmcMeanResponse(lambda, mu, c) * 1000;
        double p99 = Queueing.mmcResponseQuantile(lambda, mu, c, 0.99) * 1000;
        assertAgrees("M/M/" + c + " mean response (ms)", meanResponseMs(runs), w, 0.02, true);
        assertAgrees("M/M/" + c + " p99 response (ms)", Models.Estimate.of(runs, r -> r.overall().latencyMs().p99()), p99, 0.05, false);
        assertAgrees("M/M/" + c + " utilisation", Models.Estimate.of(runs, r -> r.components().get("s").utilisation()), rho, 0.01, true);
        assertLittle(runs);
    }

    @Test
    void md1MatchesPollaczekKhinchine() {
        double lambda = 80; // ρ = 0.8 with a constant 10 ms
        var runs = Models.replications(Models.design(Models.service(1, 1, null, QueueSpec.UNBOUNDED, Models.constant(10))),
                Models.poisson(lambda, 5000), R);
        double w = Queueing.pkMeanResponse(lambda, 0.010, 0) * 1000;
        assertEquals(30.0, w, 1e-9);
        assertAgrees("M/D/1 mean response (ms)", meanResponseMs(runs), w, 0.02, true);
        assertLittle(runs);
    }

    @Test
    void mg1LognormalMatchesPollaczekKhinchine() {
        // ln(S) ~ N(mu, 0.8²) with the mean of S at 10 ms: scv = e^0.64 - 1 ≈ 0.896; ρ = 0.7
        double sigma = 0.8;
        double mu = Math.log(10) - sigma * sigma / 2;
        var demand = new DistributionSpec.Lognormal(null, null, mu, sigma, TimeUnitName.MS);
        assertEquals(0.010, demand.meanSeconds(), 1e-12);
        double lambda = 70;
        var runs = Models.replications(Models.design(Models.service(1, 1, null, QueueSpec.UNBOUNDED, demand)),
                Models.poisson(lambda, 6000), R);
        double w = Queueing.pkMeanResponse(lambda, 0.010, demand.scv()) * 1000;
        assertAgrees("M/G/1 (lognormal) mean response (ms)", meanResponseMs(runs), w, 0.02, true);
        assertLittle(runs);
    }

    @Test
    void mg1EmpiricalMatchesPollaczekKhinchine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // demand resampled from a file of measured times (ms): 2, 4, 4, 6, 9, 35 → mean 10 ms, scv from the samples
        java.nio.file.Files.writeString(dir.resolve("samples.csv"), "latency_ms\n2\n4\n4\n6\n9\n35\n");
        var demand = new DistributionSpec.Empirical("samples.csv", TimeUnitName.MS, "latency_ms");
        double[] v = {2, 4, 4, 6, 9, 35};
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double var = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
        double lambda = 60; // ρ = 0.6
        var design = Models.design(Models.service(1, 1, null, QueueSpec.UNBOUNDED, demand));
        var runs = new java.util.ArrayList<RunResult>();
        for (int seed = 1; seed <= R; seed++) {
            runs.add(Runner.run(design, dir, Models.poisson(lambda, 4000), seed, RunOptions.DEFAULTS, new io.headroom.metrics.WindowSeries()));
        }
        double w = Queueing.pkMeanResponse(lambda, mean / 1000, var / (mean * mean)) * 1000;
        assertAgrees("M/G/1 (empirical) mean response (ms)", meanResponseMs(runs), w, 0.02, true);
    }

    @Test
    void finiteQueueRejectsAsMmckBlocking() {
        // 2 workers, 3 waiting places: K = 5; a = 1.8, ρ = 0.9
        int c = 2;
        int capacity = 3;
        double mu = 100;
        double lambda = 180;
        var runs = Models.replications(Models.design(Models.service(1, c, null, new QueueSpec(capacity, null), exp(10))),
                Models.poisson(lambda, 2000), R);
        double blocking = Queueing.mmckBlocking(lambda, mu, c, c + capacity);
        assertAgrees("M/M/2/5 rejected fraction", errorFraction(runs, ErrorCause.REJECTED), blocking, 0.03, true);
        double w = Queueing.mmckMeanResponse(lambda, mu, c, c + capacity) * 1000;
        assertAgrees("M/M/2/5 mean response of admitted (ms)", meanResponseMs(runs), w, 0.02, true);
        for (RunResult r : runs) {
            assertEquals(0, r.overall().errors().get(ErrorCause.TIMEOUT));
        }
        assertLittle(runs);
    }

    @Test
    void queueTimeoutMatchesDeterministicPatience() {
        // M/M/4+D: patience 5 ms for the wait in queue only, λ = 380/s, μ = 100/s (ρ = 0.95)
        int c = 4;
        double mu = 100;
        double lambda = 380;
        double tau = 0.005;
        var runs = Models.replications(Models.design(Models.service(1, c, null,
                new QueueSpec(null, Duration.ofMillis(5)), exp(10))), Models.poisson(lambda, 1500), R);
        double abandon = Queueing.mmcDeterministicPatienceAbandonment(lambda, mu, c, tau);
        assertAgrees("M/M/4+D timed-out fraction", errorFraction(runs, ErrorCause.TIMEOUT), abandon, 0.03, true);
        for (RunResult r : runs) {
            assertEquals(0, r.overall().errors().get(ErrorCause.REJECTED));
            // Nobody who started service waited more than the patience: max latency of the
            // successful ≤ 5 ms + their service, checked loosely through the queue bound below.
            assertTrue(r.components().get("s").queueMean() < lambda * tau, "queue mean bounded by λτ");
        }
        assertLittle(runs);
    }

    @Test
    void limitedProcessorSharingBehavesAsMm2() {
        // 8 workers share 2 cores; exponential demand with mean 10 ms; λ = 160/s, so the cores are 80 % busy.
        // With exponential demand the number in the station is a birth-death process with death rate
        // min(n, 2)·μ whatever the admission limit, i.e. that of M/M/2: the mean response time is
        // M/M/2's (Little), busy workers are E[min(N, 8)] and waiting requests E[max(N − 8, 0)].
        double mu = 100;
        double lambda = 160;
        var runs = Models.replications(Models.design(Models.service(1, 8, 2, QueueSpec.UNBOUNDED, exp(10))),
                Models.poisson(lambda, 12000), R);
        assertAgrees("LPS(8 workers, 2 cores) mean response (ms)", meanResponseMs(runs),
                Queueing.lpsMeanResponse(lambda, mu, 2) * 1000, 0.02, true);
        assertAgrees("LPS cpu", Models.Estimate.of(runs, r -> r.components().get("s").cpu()), 0.8, 0.01, true);
        assertAgrees("LPS utilisation (busy workers / 8)", Models.Estimate.of(runs, r -> r.components().get("s").utilisation()),
                Queueing.lpsMeanBusyWorkers(lambda, mu, 2, 8) / 8, 0.02, true);
        assertAgrees("LPS waiting requests", Models.Estimate.of(runs, r -> r.components().get("s").queueMean()),
                Queueing.lpsMeanQueue(lambda, mu, 2, 8), 0.05, true);
        assertLittle(runs);
    }

    @Test
    void processorSharingIsInsensitiveToDemandDistribution() {
        // M/G/1-PS: one core, many workers (the admission limit is never reached: P(N ≥ 200) = 0.7^200),
        // lognormal demand with scv e^1 − 1 ≈ 1.72: E[T] = E[S] / (1 − ρ) exactly as for exponential demand.
        double sigma = 1.0;
        var demand = new DistributionSpec.Lognormal(null, null, Math.log(10) - sigma * sigma / 2, sigma, TimeUnitName.MS);
        double lambda = 70;
        var runs = Models.replications(Models.design(Models.service(1, 200, 1, QueueSpec.UNBOUNDED, demand)),
                Models.poisson(lambda, 6000), R);
        assertAgrees("M/G/1-PS mean response (ms)", meanResponseMs(runs),
                Queueing.mg1PsMeanResponse(lambda, 0.010) * 1000, 0.02, true);
        assertLittle(runs);
    }

    @Test
    void replicasWithRoundRobinSplitEvenly() {
        // 4 replicas of M/M/1 at ρ = 0.5 fed round-robin: each instance sees an Erlang-4 arrival stream
        // (E4/M/1), so the mean response lies below M/M/1's 20 ms and above the M/M/4 pooled 10.4 ms.
        var runs = Models.replications(Models.design(Models.service(4, 1, null, QueueSpec.UNBOUNDED, exp(10))),
                Models.poisson(200, 1000), 4);
        for (RunResult r : runs) {
            List<Long> per = r.components().get("s").instanceRequests();
            long min = per.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = per.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(max - min <= 1, "round-robin spreads evenly: " + per);
            double mean = r.overall().latencyMs().mean();
            assertTrue(mean > Queueing.mmcMeanResponse(200, 100, 4) * 1000 && mean < 20, "E4/M/1 between M/M/4 and M/M/1: " + mean);
        }
        assertLittle(runs);
    }
}
