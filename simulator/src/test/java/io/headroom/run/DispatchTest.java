package io.headroom.run;

import static io.headroom.run.Models.exp;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DispatchStrategy;
import io.headroom.design.EndpointSpec;
import io.headroom.design.QueueSpec;
import io.headroom.design.ReplicasSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.theory.Queueing;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dispatch over 4 single-worker instances at ρ = 0.8 (λ = 320/s, 10 ms exponential service).
 * Random splitting of a Poisson stream gives 4 independent M/M/1 queues, and round-robin turns it
 * into Erlang-4 arrivals at each instance, an E4/M/1 queue (GI/M/1: W = 1 / (μ(1 − σ)) with σ the
 * root of σ = A*(μ(1 − σ)), A* the Laplace transform of the interarrival time): two exact targets.
 * The load-aware strategies must beat round-robin in the order theory and practice agree on (join the shortest
 * queue best, power of two close to it, round-robin between), and none can beat the pooled M/M/4.
 */
class DispatchTest {
    private static List<RunResult> runs(DispatchStrategy strategy) {
        ServiceSpec s = new ServiceSpec(null, ReplicasSpec.fixed(4), strategy, 1, null, QueueSpec.UNBOUNDED,
                Map.of("default", new EndpointSpec(exp(10), null)));
        Design d = new Design("dispatch", null, "s", Map.of("s", s));
        return Models.replications(d, Models.poisson(320, 3000), 8);
    }

    private static Models.Estimate mean(List<RunResult> runs) {
        return Models.Estimate.of(runs, r -> r.overall().latencyMs().mean());
    }

    @Test
    void strategiesOrderAsTheorySays() {
        Models.Estimate random = mean(runs(DispatchStrategy.RANDOM));
        Models.Estimate roundRobin = mean(runs(DispatchStrategy.ROUND_ROBIN));
        Models.Estimate powerOfTwo = mean(runs(DispatchStrategy.POWER_OF_TWO));
        Models.Estimate leastOutstanding = mean(runs(DispatchStrategy.LEAST_OUTSTANDING));
        double mm1 = Queueing.mmcMeanResponse(80, 100, 1) * 1000; // 50 ms
        double pooled = Queueing.mmcMeanResponse(320, 100, 4) * 1000; // 17.46 ms
        TheoryTest.assertAgrees("random dispatch = 4 × M/M/1, mean response (ms)", random, mm1, 0.02, true);
        // E4/M/1: interarrival Erlang(4, 320/s) with transform (320 / (320 + s))^4, service rate 100/s
        double sigma = new BrentSolver(1e-14).solve(1000, x -> x - Math.pow(320 / (320 + 100 * (1 - x)), 4), 1e-9, 1 - 1e-9);
        TheoryTest.assertAgrees("round-robin dispatch = 4 × E4/M/1, mean response (ms)", roundRobin, 10 / (1 - sigma), 0.02, true);
        System.out.printf("round-robin %s, power-of-two %s, least-outstanding %s, pooled M/M/4 %.3f%n",
                roundRobin, powerOfTwo, leastOutstanding, pooled);
        assertTrue(roundRobin.mean() + roundRobin.halfWidth() < random.mean() - random.halfWidth(), "round-robin beats random");
        assertTrue(powerOfTwo.mean() + powerOfTwo.halfWidth() < roundRobin.mean() - roundRobin.halfWidth(), "power of two beats round-robin");
        assertTrue(leastOutstanding.mean() + leastOutstanding.halfWidth() < powerOfTwo.mean() - powerOfTwo.halfWidth(),
                "least-outstanding beats power of two");
        assertTrue(leastOutstanding.mean() - leastOutstanding.halfWidth() > pooled, "no dispatch beats a pooled queue");
    }

    @Test
    void powerOfTwoChoicesMatchTheMeanFieldLimit() {
        // 100 single-worker instances at ρ = 0.9 (10 ms exponential service, 9,000 requests/s).
        // Mitzenmacher's mean-field limit for the supermarket model: P(queue ≥ k) = ρ^(2^k − 1), so the
        // mean number per instance is Σ_k≥1 ρ^(2^k − 1) ≈ 2.354 (random dispatch: ρ/(1 − ρ) = 9).
        double rho = 0.9;
        double meanField = 0;
        for (int k = 1; k < 64; k++) {
            meanField += Math.pow(rho, Math.pow(2, k) - 1);
        }
        ServiceSpec s = new ServiceSpec(null, ReplicasSpec.fixed(100), DispatchStrategy.POWER_OF_TWO, 1, null, QueueSpec.UNBOUNDED,
                Map.of("default", new EndpointSpec(exp(10), null)));
        Design d = new Design("supermarket", null, "s", Map.of("s", s));
        var runs = Models.replications(d, Models.poisson(9000, 200), 4);
        TheoryTest.assertAgrees("power of two, 100 instances: mean in system per instance", Models.Estimate.of(runs,
                r -> r.components().get("s").inSystemMean() / 100), meanField, 0.05, false);
    }
}
