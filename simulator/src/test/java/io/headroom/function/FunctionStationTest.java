package io.headroom.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.dist.DistributionSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.design.pricing.Architecture;
import io.headroom.pricing.CostLedger;
import io.headroom.pricing.FunctionMeter;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.random.StreamRandom;
import io.headroom.request.ClientRequests;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.theory.Queueing;
import java.time.Duration;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * A function under Poisson load, against what its rules imply: cold starts at the rate the
 * keep-warm rule gives, and the Erlang loss formula for throttling at the concurrency limit.
 */
class FunctionStationTest {
    private static final long S = 1_000_000_000L;

    /** Poisson arrivals into a function station, counting outcomes; requests are released when answered. */
    private static final class Bench implements RequestListener {
        final Simulation sim = new Simulation();
        final Requests req = new Requests(1024, 1_000_000);
        final int owner = req.register(this);
        final StreamRandom rng;
        final double ratePerS;
        final long arrivals;
        FunctionStation station;
        long sent;
        long completed;
        long rejected;
        long otherFailures;
        private final EventHandler arrive = this::arrive;

        Bench(double ratePerS, long arrivals, long seed) {
            this.ratePerS = ratePerS;
            this.arrivals = arrivals;
            this.rng = new StreamRandom(seed);
        }

        void run() {
            sim.events().once(arrive, 0, next());
            sim.run(Long.MAX_VALUE);
        }

        private long next() {
            return sim.now() + Math.round(-Math.log(1 - rng.nextDouble()) / ratePerS * 1e9);
        }

        private void arrive(int unused) {
            sent++;
            station.accept(ClientRequests.counted(req, owner, sim.now()));
            if (sent < arrivals) {
                sim.events().once(arrive, 0, next());
            }
        }

        @Override
        public void completed(int request, long now) {
            completed++;
            req.release(request);
        }

        @Override
        public void failed(int request, ErrorCause cause, long now) {
            if (cause == ErrorCause.REJECTED) {
                rejected++;
            } else {
                otherFailures++;
            }
            req.release(request);
        }
    }

    private static DurationSampler constant(Duration d) {
        return new DistributionSpec.Constant(d).sampler(new StreamRandom(0), null);
    }

    /**
     * At one request per 5 minutes with 1 ms of work, an environment is (almost) always idle when the
     * next request comes: that request starts cold exactly when the gap since the last completion,
     * exponential by memorylessness, exceeds keep-warm — probability e^(-λK). Gaps are independent, so
     * the cold-start count is binomial; 4 standard errors is the tolerance. The chance that a request
     * arrives while the previous one still runs (which would also start an environment) is below
     * λ × 2 ms = 7e-6, far inside it.
     */
    @Test
    void coldStartsFollowTheKeepWarmRule() {
        double rate = 1.0 / 300;
        for (long keepWarmS : new long[] {300, 600, 150}) {
            Bench b = new Bench(rate, 50_000, 7 + keepWarmS);
            CostLedger ledger = new CostLedger(PriceCatalogue.defaultCatalogue(), List.of());
            FunctionMeter meter = ledger.function("fn", PriceCatalogue.defaultCatalogue().functionPrice(Architecture.X86_64), 1024);
            b.station = new FunctionStation("fn", b.sim, b.req, 1024, 1000, keepWarmS * S, constant(Duration.ofMillis(1)),
                    new DurationSampler[] {constant(Duration.ofMillis(1))}, new DurationSampler[] {null}, meter);
            b.run();
            double p = Math.exp(-rate * keepWarmS);
            double observed = (double) b.station.coldStarts() / b.sent;
            double se = Math.sqrt(p * (1 - p) / b.sent);
            assertEquals(p, observed, 4 * se, "keep-warm " + keepWarmS + " s");
            assertEquals(b.sent, b.completed);
            assertEquals(0, b.rejected + b.otherFailures);
            assertTrue(b.station.environmentsPeak() <= 2, "environments " + b.station.environmentsPeak());
            // billed: 1 ms warm, 2 ms cold (the INIT phase is billed)
            assertEquals(b.sent + b.station.coldStarts(), meter.billedMs());
            assertEquals(meter.billedMs() / 1000.0, b.station.gbSeconds(), 1e-12);
            assertEquals(b.sent, meter.requests());
            System.out.printf("keep-warm %d s at 1/300 per s: cold fraction %.4f, expected e^-λK = %.4f (SE %.4f)%n",
                    keepWarmS, observed, p, se);
        }
    }

    /**
     * With concurrency limit c, Poisson arrivals, exponential durations and no cold start, the function
     * is the M/M/c/c loss system: the throttled fraction is Erlang B. 200,000 requests in 20 batches;
     * the tolerance is 4 standard errors of the batch means (which carry the correlation between
     * neighbouring requests), and that standard error must itself be below 0.003 so that the test
     * can tell Erlang B from the nearby alternatives (B(8, 9) = 0.18, B(8, 11) = 0.08).
     */
    @Test
    void throttlingAtTheConcurrencyLimitIsErlangB() {
        int c = 10;
        double lambda = 8;
        double meanS = 1;
        int batches = 20;
        int perBatch = 10_000;
        Bench b = new Bench(lambda, (long) batches * perBatch, 42);
        SummaryStatistics batchBlocking = new SummaryStatistics();
        b.station = new FunctionStation("fn", b.sim, b.req, 512, c, 3600 * S, constant(Duration.ZERO),
                new DurationSampler[] {new DistributionSpec.Exponential(Duration.ofSeconds(1)).sampler(new StreamRandom(43), null)},
                new DurationSampler[] {null}, null);
        // count throttles per batch of arrivals
        long[] throttledAtBatchStart = {0};
        Simulation sim = b.sim;
        EventHandler[] watch = new EventHandler[1];
        watch[0] = unused -> {
            if (b.sent >= (batchBlocking.getN() + 1) * perBatch) {
                long t = b.station.throttles();
                batchBlocking.addValue((double) (t - throttledAtBatchStart[0]) / perBatch);
                throttledAtBatchStart[0] = t;
            }
            if (batchBlocking.getN() < batches) {
                sim.events().once(watch[0], 0, sim.now() + S / 100);
            }
        };
        sim.events().once(watch[0], 0, S / 100);
        b.run();
        double expected = Queueing.erlangB(lambda * meanS, c);
        double observed = (double) b.station.throttles() / b.sent;
        double se = batchBlocking.getStandardDeviation() / Math.sqrt(batchBlocking.getN());
        System.out.printf("M/M/%d/%d throttled fraction: %.5f, Erlang B %.5f, batch-means SE %.5f (%d batches)%n", c, c,
                observed, expected, se, batchBlocking.getN());
        assertEquals(batches, batchBlocking.getN());
        assertTrue(se < 0.003, "standard error " + se);
        assertEquals(expected, observed, 4 * se);
        assertEquals(b.sent, b.completed + b.rejected);
        assertEquals(b.rejected, b.station.throttles());
        assertEquals(c, b.station.concurrencyPeak());
        assertTrue(b.station.coldStarts() <= c + 0, "environments are never reclaimed within the hour: " + b.station.coldStarts());
    }
}
