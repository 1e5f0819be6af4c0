package io.headroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The SSJ peers simulate the benchmark workloads correctly: at the benchmark's 2.2 million customers (seed 1)
 * the mean response is within sampling noise of queueing theory, every customer is served, and a run depends
 * only on its seed, not on what ran before in the JVM (JMH runs the same model many times in one JVM).
 */
class SsjModelsTest {
    private static final long N = 2_200_000L;

    /**
     * Erlang C: 1.7455 s. Over seeds 1–12 at 2.2 million customers the run means scatter with a standard
     * deviation of 0.0095 s (0.54 %; their mean 1.7475 ± 0.0027 s): 4 standard deviations allowed.
     */
    @Test
    void mm4MeanResponseIsErlangC() {
        assertEquals(1.7455, SsjMM4.theory(), 5e-5);
        SsjMM4 model = new SsjMM4(N, 1);
        model.simulate();
        assertEquals(N - N / 10, model.responses.numberObs());
        assertEquals(2 * N, model.events());   // an arrival and a departure per customer
        assertEquals(SsjMM4.theory(), model.responses.average(), 4 * 0.0095);
        // time-average queue length: Little's law, λ × (mean response − mean service) = 2.3856
        assertEquals(3.2 * (SsjMM4.theory() - 1.0), model.queueSize.average(), 4 * 0.0095 * 3.2);
    }

    /**
     * Jackson network: 7.0031 s. Over seeds 1–12 at 2.2 million customers the run means scatter with a standard
     * deviation of 0.036 s (0.51 %; their mean 7.0072 ± 0.0104 s): 4 standard deviations allowed. Events: an
     * arrival, an end of service at front and at app for every customer, and at db for a binomial 30 % of them.
     */
    @Test
    void tandemMeanResponseIsJackson() {
        assertEquals(7.0031, HandWrittenTandem.theory(), 5e-5);
        SsjTandem model = new SsjTandem(N, 1);
        model.simulate();
        assertEquals(N - N / 10, model.responses.numberObs());
        long dbVisits = model.events() - 3 * N;
        assertEquals(0.3 * N, dbVisits, 4 * Math.sqrt(N * 0.3 * 0.7));
        assertEquals(HandWrittenTandem.theory(), model.responses.average(), 4 * 0.036);
    }

    @Test
    void aRunDependsOnlyOnItsSeed() {
        double mm4 = SsjMM4.simulate(20_000, 1);
        double tandem = SsjTandem.simulate(20_000, 1);
        assertEquals(mm4, SsjMM4.simulate(20_000, 1));   // exactly: the streams restart from the package seed
        assertEquals(tandem, SsjTandem.simulate(20_000, 1));
        assertNotEquals(mm4, SsjMM4.simulate(20_000, 2));   // seed 2: the next substreams
        assertTrue(SsjTandem.simulate(20_000, 2) != tandem);
    }
}
