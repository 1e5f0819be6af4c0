package io.headroom.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks {@link Queueing} against the reference values in
 * shared/data/references/queueing_reference_values.csv (copied here verbatim, asserted to the
 * printed precision), against independent direct computations, and against a brute-force
 * simulation of M/M/c+D.
 */
class QueueingTest {

    /** Asserts that {@code actual} rounds to the printed decimal {@code printed}. */
    private static void assertPrinted(String printed, double actual, String what) {
        BigDecimal expected = new BigDecimal(printed);
        double halfUnit = 0.5 * Math.pow(10, -expected.scale());
        double diff = Math.abs(actual - expected.doubleValue());
        assertTrue(diff <= halfUnit * (1 + 1e-9),
                () -> what + ": expected " + printed + " (±" + halfUnit + "), got " + actual);
    }

    // ---------------------------------------------------------------------------------------
    // reference CSV rows
    // ---------------------------------------------------------------------------------------

    @Test
    void erlangReferenceRows() {
        assertPrinted("0.3211", Queueing.erlangC(123, 132), "erlang_c(123,132)");
        assertPrinted("0.0312", Queueing.erlangB(123, 132), "erlang_b(123,132)");
        assertPrinted("0.3812", Queueing.erlangC(12345, 12421), "erlang_c(12345,12421)");
    }

    @ParameterizedTest(name = "M/M/c lambda={0} mu={1} c={2}")
    @CsvSource({
        "8,   1,  10, 0.409180, 0.204590, 1.204590",
        "18,  1,  20, 0.550769, 0.275385, 1.275385",
        "95,  1, 100, 0.506457, 0.101291, 1.101291",
        "900, 10, 100, 0.216940, 0.002169, 0.102169",
    })
    void mmcReferenceRows(double lambda, double mu, int c, String pWait, String wq, String w) {
        assertPrinted(pWait, Queueing.erlangC(lambda / mu, c), "P(wait)");
        assertPrinted(wq, Queueing.mmcMeanWait(lambda, mu, c), "Wq");
        assertPrinted(w, Queueing.mmcMeanResponse(lambda, mu, c), "W");
    }

    @ParameterizedTest(name = "P-K scv={0} rho={1}")
    @CsvSource({
        "1, 0.5,  10.0000,  20.0000,  1.0000",
        "0, 0.5,   5.0000,  15.0000,  0.7500",
        "4, 0.5,  25.0000,  35.0000,  1.7500",
        "1, 0.8,  40.0000,  50.0000,  4.0000",
        "0, 0.8,  20.0000,  30.0000,  2.4000",
        "4, 0.8, 100.0000, 110.0000,  8.8000",
        "1, 0.9,  90.0000, 100.0000,  9.0000",
        "0, 0.9,  45.0000,  55.0000,  4.9500",
        "4, 0.9, 225.0000, 235.0000, 21.1500",
        "1, 0.95, 190.0000, 200.0000, 19.0000",
        "0, 0.95,  95.0000, 105.0000,  9.9750",
        "4, 0.95, 475.0000, 485.0000, 46.0750",
    })
    void pollaczekKhinchineReferenceRows(double scv, double rho, String wqMs, String wMs, String l) {
        double meanS = 0.010;
        double lambda = rho / meanS;
        double w = Queueing.pkMeanResponse(lambda, meanS, scv);
        assertPrinted(wqMs, 1000 * Queueing.pkMeanWait(lambda, meanS, scv), "Wq (ms)");
        assertPrinted(wMs, 1000 * w, "W (ms)");
        assertPrinted(l, lambda * w, "L");
    }

    @ParameterizedTest(name = "M/M/1 sojourn percentiles rho={0}")
    @CsvSource({
        "0.5, 13.8629,  59.9146,  92.1034",
        "0.8, 34.6574, 149.7866, 230.2585",
        "0.9, 69.3147, 299.5732, 460.5170",
    })
    void mm1SojournPercentileReferenceRows(double rho, String p50, String p95, String p99) {
        double mu = 100; // E[S] = 10 ms
        double lambda = rho * mu;
        assertPrinted(p50, 1000 * Queueing.mmcResponseQuantile(lambda, mu, 1, 0.50), "p50 (ms)");
        assertPrinted(p95, 1000 * Queueing.mmcResponseQuantile(lambda, mu, 1, 0.95), "p95 (ms)");
        assertPrinted(p99, 1000 * Queueing.mmcResponseQuantile(lambda, mu, 1, 0.99), "p99 (ms)");
    }

    // ---------------------------------------------------------------------------------------
    // Erlang B / C and M/M/c internals
    // ---------------------------------------------------------------------------------------

    @Test
    void erlangEdgeCases() {
        assertEquals(1.0, Queueing.erlangB(5, 0));
        assertEquals(0.0, Queueing.erlangB(0, 3));
        assertEquals(0.5, Queueing.erlangB(1, 1), 1e-15); // a/(1+a)
        assertEquals(1.0, Queueing.erlangC(10, 10));
        assertEquals(1.0, Queueing.erlangC(11, 10));
        assertEquals(0.3, Queueing.erlangC(0.3, 1), 1e-15); // M/M/1: C = rho
        // direct sum for a small case: B(3, 5) = (3^5/5!) / sum_{k<=5} 3^k/k!
        double num = Math.pow(3, 5) / 120;
        double den = 1 + 3 + 9 / 2.0 + 27 / 6.0 + 81 / 24.0 + num;
        assertEquals(num / den, Queueing.erlangB(3, 5), 1e-15);
        double b = Queueing.erlangB(1e6, 1_000_100);
        assertTrue(b > 0 && b < 1);
        assertThrows(IllegalArgumentException.class, () -> Queueing.erlangC(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Queueing.erlangB(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Queueing.erlangB(Double.NaN, 2));
    }

    @Test
    void mmcUnstableAndInvalid() {
        assertEquals(Double.POSITIVE_INFINITY, Queueing.mmcMeanWait(10, 1, 10));
        assertEquals(Double.POSITIVE_INFINITY, Queueing.mmcMeanResponse(11, 1, 10));
        assertEquals(0.0, Queueing.mmcResponseCdf(11, 1, 10, 5.0));
        assertEquals(Double.POSITIVE_INFINITY, Queueing.mmcResponseQuantile(11, 1, 10, 0.5));
        assertEquals(Double.POSITIVE_INFINITY, Queueing.mmcWaitQuantile(11, 1, 10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Queueing.mmcMeanWait(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Queueing.mmcResponseQuantile(1, 2, 1, 1.5));
        assertEquals(0.5, Queueing.mmcMeanResponse(0, 2, 3), 0.0);
    }

    @Test
    void mm1ResponseCdfIsExponential() {
        double lambda = 0.7;
        double mu = 1.0;
        for (double t : new double[] {0.01, 0.5, 1, 3, 10, 40}) {
            assertEquals(-Math.expm1(-(mu - lambda) * t),
                    Queueing.mmcResponseCdf(lambda, mu, 1, t), 1e-14);
        }
        assertEquals(0.0, Queueing.mmcResponseCdf(lambda, mu, 1, -1.0));
        assertEquals(0.0, Queueing.mmcResponseCdf(lambda, mu, 1, 0.0));
    }

    @Test
    void mmcResponseCdfWhenQueueRateEqualsServiceRate() {
        // c = 2, mu = 1, lambda = 1: c mu - lambda = mu, the sum of the two exponentials is Erlang-2
        double pWait = Queueing.erlangC(1, 2);
        for (double t : new double[] {0.1, 1, 2.5, 7}) {
            double expected = 1 - ((1 - pWait) * Math.exp(-t) + pWait * Math.exp(-t) * (1 + t));
            assertEquals(expected, Queueing.mmcResponseCdf(1, 1, 2, t), 1e-14);
            // continuous across the special case
            assertEquals(expected, Queueing.mmcResponseCdf(1 + 1e-9, 1, 2, t), 1e-8);
            assertEquals(expected, Queueing.mmcResponseCdf(1 - 1e-9, 1, 2, t), 1e-8);
        }
    }

    @Test
    void mmcResponseCdfIntegratesToMeanAndQuantileInvertsIt() {
        double[][] cases = {{8, 1, 10}, {3.5, 1, 4}, {1.5, 1, 2}, {0.5, 1, 2}, {900, 10, 100}};
        for (double[] cs : cases) {
            double lambda = cs[0];
            double mu = cs[1];
            int c = (int) cs[2];
            // E[T] = ∫ P(T > t) dt, composite Simpson
            double upper = 60 / Math.min(mu, c * mu - lambda);
            int n = 20_000;
            double h = upper / n;
            double sum = 0;
            for (int i = 0; i <= n; i++) {
                double weight = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
                sum += weight * (1 - Queueing.mmcResponseCdf(lambda, mu, c, i * h));
            }
            double integral = sum * h / 3;
            double w = Queueing.mmcMeanResponse(lambda, mu, c);
            assertEquals(w, integral, 1e-9 * w, "mean from CDF, case " + lambda + "/" + c);

            for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.9999, 0.999999}) {
                double t = Queueing.mmcResponseQuantile(lambda, mu, c, q);
                assertEquals(q, Queueing.mmcResponseCdf(lambda, mu, c, t), 1e-12,
                        "cdf(quantile(" + q + "))");
                double survival = 1 - Queueing.mmcResponseCdf(lambda, mu, c, t);
                assertEquals(1 - q, survival, 1e-9 * (1 - q), "tail at q=" + q);
            }
        }
    }

    @Test
    void mmcWaitQuantile() {
        double lambda = 8;
        double mu = 1;
        int c = 10;
        double pWait = Queueing.erlangC(lambda / mu, c); // 0.409
        assertEquals(0.0, Queueing.mmcWaitQuantile(lambda, mu, c, 0.5));
        assertEquals(0.0, Queueing.mmcWaitQuantile(lambda, mu, c, 1 - pWait));
        for (double q : new double[] {0.6, 0.9, 0.99}) {
            double t = Queueing.mmcWaitQuantile(lambda, mu, c, q);
            assertEquals(1 - q, pWait * Math.exp(-(c * mu - lambda) * t), 1e-14);
        }
        assertEquals(Double.POSITIVE_INFINITY, Queueing.mmcWaitQuantile(lambda, mu, c, 1.0));
        // M/M/1: P(Wq > t) = rho e^{-(mu-lambda) t}
        assertEquals(Math.log(0.5 / 0.1) / 0.5, Queueing.mmcWaitQuantile(0.5, 1, 1, 0.9), 1e-14);
    }

    @Test
    void psAndPkAgreeForExponentialService() {
        // M/M/1: FCFS mean (P-K with scv=1) equals PS mean E[S]/(1-rho)
        for (double rho : new double[] {0.1, 0.5, 0.9, 0.99}) {
            double meanS = 0.02;
            double lambda = rho / meanS;
            assertEquals(meanS / (1 - rho), Queueing.mg1PsMeanResponse(lambda, meanS), 1e-15);
            assertEquals(Queueing.mg1PsMeanResponse(lambda, meanS),
                    Queueing.pkMeanResponse(lambda, meanS, 1.0), 1e-12);
            assertEquals(Queueing.mmcMeanResponse(lambda, 1 / meanS, 1),
                    Queueing.pkMeanResponse(lambda, meanS, 1.0), 1e-12);
        }
        assertEquals(Double.POSITIVE_INFINITY, Queueing.mg1PsMeanResponse(50, 0.02));
        assertEquals(Double.POSITIVE_INFINITY, Queueing.pkMeanResponse(60, 0.02, 0));
    }

    // ---------------------------------------------------------------------------------------
    // M/M/c/K
    // ---------------------------------------------------------------------------------------

    /** Naive birth-death solution: {P(N=K), L, W of admitted}. */
    private static double[] birthDeathMmck(double lambda, double mu, int c, int k) {
        double[] p = new double[k + 1];
        p[0] = 1;
        double sum = 1;
        for (int n = 1; n <= k; n++) {
            p[n] = p[n - 1] * lambda / (Math.min(n, c) * mu);
            sum += p[n];
        }
        double l = 0;
        for (int n = 0; n <= k; n++) {
            p[n] /= sum;
            l += n * p[n];
        }
        return new double[] {p[k], l, l / (lambda * (1 - p[k]))};
    }

    @ParameterizedTest(name = "M/M/c/K lambda={0} mu={1} c={2} K={3}")
    @CsvSource({
        "3.0, 1.0, 2, 5",
        "8.0, 1.0, 10, 15",
        "25.0, 2.0, 8, 30", // overloaded: finite capacity keeps it stable
        "0.4, 1.0, 1, 1",
        "5.0, 1.0, 5, 5",
    })
    void mmckAgainstBirthDeath(double lambda, double mu, int c, int k) {
        double[] direct = birthDeathMmck(lambda, mu, c, k);
        assertEquals(direct[0], Queueing.mmckBlocking(lambda, mu, c, k), 1e-13);
        assertEquals(direct[1], Queueing.mmckMeanNumber(lambda, mu, c, k), 1e-12 * Math.max(1, direct[1]));
        assertEquals(direct[2], Queueing.mmckMeanResponse(lambda, mu, c, k), 1e-12 * direct[2]);
    }

    @Test
    void mmckSpecialCases() {
        // K = c is the Erlang loss system
        assertEquals(Queueing.erlangB(123, 132), Queueing.mmckBlocking(123, 1, 132, 132), 1e-13);
        // M/M/1/K: P(N=K) = (1-rho) rho^K / (1 - rho^{K+1})
        double rho = 0.9;
        int k = 12;
        assertEquals((1 - rho) * Math.pow(rho, k) / (1 - Math.pow(rho, k + 1)),
                Queueing.mmckBlocking(rho, 1, 1, k), 1e-14);
        // large c and K do not overflow
        double blocking = Queueing.mmckBlocking(12345, 1, 12421, 13000);
        assertTrue(blocking >= 0 && blocking < 1e-3, "blocking " + blocking);
        assertEquals(0.0, Queueing.mmckBlocking(0, 1, 2, 4));
        assertEquals(1.0, Queueing.mmckMeanResponse(0, 1, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> Queueing.mmckBlocking(1, 1, 3, 2));
    }

    @Test
    void mmckConvergesToMmcAsCapacityGrows() {
        double lambda = 8;
        double mu = 1;
        int c = 10;
        double w = Queueing.mmcMeanResponse(lambda, mu, c);
        double previousError = Double.POSITIVE_INFINITY;
        for (int k : new int[] {10, 20, 40, 80, 160}) {
            double error = Math.abs(Queueing.mmckMeanResponse(lambda, mu, c, k) - w);
            assertTrue(error < previousError, "error must shrink with K: " + error);
            previousError = error;
        }
        assertEquals(w, Queueing.mmckMeanResponse(lambda, mu, c, 2000), 1e-12);
        assertEquals(lambda * w, Queueing.mmckMeanNumber(lambda, mu, c, 2000), 1e-11);
        assertTrue(Queueing.mmckBlocking(lambda, mu, c, 2000) < 1e-150);
    }

    // ---------------------------------------------------------------------------------------
    // M/M/c+D
    // ---------------------------------------------------------------------------------------

    @Test
    void deterministicPatienceSingleServerIdentity() {
        double[][] cases = {
            {0.9, 1, 1}, {0.5, 1, 0.1}, {0.99, 1, 30}, {1.5, 1, 2}, {3, 2, 0.7}, {0.2, 5, 4},
        };
        for (double[] cs : cases) {
            double lambda = cs[0];
            double mu = cs[1];
            double tau = cs[2];
            double rho = lambda / mu;
            double e = Math.exp(-(mu - lambda) * tau);
            double expected = rho * (1 - rho) * e / (1 - rho * rho * e);
            assertEquals(expected, Queueing.mmcDeterministicPatienceAbandonment(lambda, mu, 1, tau),
                    1e-13, "lambda=" + lambda + " mu=" + mu + " tau=" + tau);
        }
        // rho = 1: limit tau -> first term of J is tau; P(Ab) = 1/(2 + lambda tau)
        assertEquals(1 / (2 + 2.0 * 3.0), Queueing.mmcDeterministicPatienceAbandonment(2, 2, 1, 3),
                1e-15);
    }

    @Test
    void deterministicPatienceLimits() {
        double[][] cases = {{3.8, 1, 4}, {8, 1, 10}, {95, 1, 100}, {150, 1, 200}, {2.5, 1, 2}};
        for (double[] cs : cases) {
            double lambda = cs[0];
            double mu = cs[1];
            int c = (int) cs[2];
            // tau = 0: every customer that finds all servers busy leaves: Erlang B
            double b = Queueing.erlangB(lambda / mu, c);
            assertEquals(b, Queueing.mmcDeterministicPatienceAbandonment(lambda, mu, c, 0), 1e-14);
            assertEquals(b, Queueing.mmcDeterministicPatienceWaitProbability(lambda, mu, c, 0), 1e-14);
            double longTau = 1e4;
            if (lambda < c * mu) {
                // infinite patience: no abandonment, P(wait) = Erlang C
                assertEquals(0.0, Queueing.mmcDeterministicPatienceAbandonment(lambda, mu, c, longTau), 1e-15);
                assertEquals(Queueing.erlangC(lambda / mu, c),
                        Queueing.mmcDeterministicPatienceWaitProbability(lambda, mu, c, longTau), 1e-12);
            } else {
                // overloaded, infinite patience: the excess load abandons, P(Ab) = 1 - c mu/lambda
                assertEquals(1 - c * mu / lambda,
                        Queueing.mmcDeterministicPatienceAbandonment(lambda, mu, c, longTau), 1e-12);
                assertEquals(1.0, Queueing.mmcDeterministicPatienceWaitProbability(lambda, mu, c, longTau), 1e-12);
            }
        }
        // heavy overload, long patience, many servers: no overflow
        double pAb = Queueing.mmcDeterministicPatienceAbandonment(400, 1, 200, 50);
        assertEquals(0.5, pAb, 1e-12);
        // light load with many servers: the formula underflows cleanly to ~0, not NaN
        double tiny = Queueing.mmcDeterministicPatienceAbandonment(1, 1, 200, 1);
        assertTrue(tiny >= 0 && tiny < 1e-300, "tiny " + tiny);
        assertEquals(0.0, Queueing.mmcDeterministicPatienceAbandonment(0, 1, 3, 1));
        // monotone decreasing in tau
        double previous = 1;
        for (double tau = 0; tau <= 5; tau += 0.25) {
            double p = Queueing.mmcDeterministicPatienceAbandonment(9.5, 1, 10, tau);
            assertTrue(p < previous);
            previous = p;
        }
    }

    /**
     * Brute-force M/M/c+D: FCFS with c servers; customer i arriving at t_i starts service at
     * max(t_i, earliest server free time) and abandons if that is later than t_i + tau (a
     * customer who abandons never holds a server, and FCFS means nobody behind can overtake).
     * Returns per-batch {abandon fraction, fraction that found all servers busy}.
     */
    private static double[][] simulateMmcD(int c, double lambda, double mu, double tau, long seed,
            int warmup, int batches, int perBatch) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] free = new double[c];
        double[][] out = new double[2][batches];
        double t = 0;
        long total = warmup + (long) batches * perBatch;
        for (long i = 0; i < total; i++) {
            t += -Math.log1p(-rng.nextDouble()) / lambda;
            int m = 0;
            for (int s = 1; s < c; s++) {
                if (free[s] < free[m]) {
                    m = s;
                }
            }
            double start = Math.max(t, free[m]);
            boolean waits = free[m] > t;
            boolean abandons = start - t > tau;
            if (!abandons) {
                free[m] = start + -Math.log1p(-rng.nextDouble()) / mu;
            }
            if (i >= warmup) {
                int batch = (int) ((i - warmup) / perBatch);
                if (abandons) {
                    out[0][batch] += 1.0 / perBatch;
                }
                if (waits) {
                    out[1][batch] += 1.0 / perBatch;
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "M/M/c+D simulation c={0} lambda={1} mu={2} tau={3}")
    @CsvSource({
        "1, 0.9, 1.0, 1.0, 11",
        "4, 3.8, 1.0, 0.5, 12",
        "2, 2.5, 1.0, 1.0, 13",
    })
    void deterministicPatienceMatchesSimulation(int c, double lambda, double mu, double tau, long seed) {
        int batches = 20;
        double[][] sim = simulateMmcD(c, lambda, mu, tau, seed, 50_000, batches, 100_000);
        double[] formula = {
            Queueing.mmcDeterministicPatienceAbandonment(lambda, mu, c, tau),
            Queueing.mmcDeterministicPatienceWaitProbability(lambda, mu, c, tau),
        };
        String[] names = {"P(abandon)", "P(wait > 0)"};
        for (int k = 0; k < 2; k++) {
            double mean = 0;
            for (double x : sim[k]) {
                mean += x / batches;
            }
            double ss = 0;
            for (double x : sim[k]) {
                ss += (x - mean) * (x - mean);
            }
            double se = Math.sqrt(ss / (batches - 1) / batches);
            assertTrue(se > 0 && se < 0.005, names[k] + " SE " + se);
            double z = (mean - formula[k]) / se;
            assertTrue(Math.abs(z) < 4, names[k] + ": simulated " + mean + " ± " + se
                    + ", formula " + formula[k] + " (z = " + z + ")");
        }
    }

    // ---------------------------------------------------------------------------------------
    // limited processor sharing
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "LPS lambda={0} mu={1} cores={2} workers={3}")
    @CsvSource({
        "3.0, 1.0, 4, 8",
        "7.5, 1.0, 8, 8",
        "0.5, 2.0, 1, 3",
        "45, 0.5, 100, 150",
        "480, 1.0, 500, 600",
    })
    void lpsAgainstStationarySums(double lambda, double mu, int cores, int workers) {
        int nMax = 20_000;
        double[] p = Queueing.lpsStationary(lambda, mu, cores, nMax);
        double total = 0;
        double meanN = 0;
        double busyWorkers = 0;
        double queue = 0;
        double busyCores = 0;
        for (int n = 0; n <= nMax; n++) {
            total += p[n];
            meanN += n * p[n];
            busyWorkers += Math.min(n, workers) * p[n];
            queue += Math.max(n - workers, 0) * p[n];
            busyCores += Math.min(n, cores) * p[n];
        }
        assertEquals(1.0, total, 1e-12);
        // the number in system is M/M/k: mean response by Little equals M/M/k's W
        double w = Queueing.lpsMeanResponse(lambda, mu, cores);
        assertEquals(Queueing.mmcMeanResponse(lambda, mu, cores), w, 0.0);
        assertEquals(meanN / lambda, w, 1e-11 * w);
        assertEquals(busyWorkers, Queueing.lpsMeanBusyWorkers(lambda, mu, cores, workers), 1e-10 * busyWorkers);
        assertEquals(queue, Queueing.lpsMeanQueue(lambda, mu, cores, workers), 1e-10 * Math.max(queue, 1e-3));
        assertEquals(busyCores, Queueing.lpsMeanBusyCores(lambda, mu, cores), 1e-10 * busyCores);
        assertEquals(lambda / mu, Queueing.lpsMeanBusyCores(lambda, mu, cores), 1e-12);
    }

    @Test
    void lpsStationaryMatchesBirthDeathAndEdgeCases() {
        // small case against a naive birth-death product with death rate min(n, k) mu
        double lambda = 2.7;
        double mu = 1.0;
        int cores = 3;
        double[] p = Queueing.lpsStationary(lambda, mu, cores, 400);
        double[] direct = new double[401];
        direct[0] = 1;
        double sum = 1;
        for (int n = 1; n <= 400; n++) {
            direct[n] = direct[n - 1] * lambda / (Math.min(n, cores) * mu);
            sum += direct[n];
        }
        for (int n = 0; n <= 400; n++) {
            assertEquals(direct[n] / sum, p[n], 1e-14);
        }
        // w = k: mean queue is M/M/k's Lq = lambda Wq
        assertEquals(lambda * Queueing.mmcMeanWait(lambda, mu, cores),
                Queueing.lpsMeanQueue(lambda, mu, cores, cores), 1e-12);
        // truncation keeps P(N = n), it does not renormalise
        double[] head = Queueing.lpsStationary(lambda, mu, cores, 5);
        assertEquals(p[5], head[5], 0.0);
        // saturated station
        assertEquals(8.0, Queueing.lpsMeanBusyWorkers(5, 1, 4, 8));
        assertEquals(4.0, Queueing.lpsMeanBusyCores(5, 1, 4));
        assertEquals(Double.POSITIVE_INFINITY, Queueing.lpsMeanQueue(5, 1, 4, 8));
        assertEquals(Double.POSITIVE_INFINITY, Queueing.lpsMeanResponse(4, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> Queueing.lpsStationary(4, 1, 4, 10));
        assertThrows(IllegalArgumentException.class, () -> Queueing.lpsMeanQueue(1, 1, 4, 3));
        // idle station
        assertEquals(1.0, Queueing.lpsStationary(0, 1, 2, 3)[0]);
        assertEquals(0.0, Queueing.lpsMeanBusyWorkers(0, 1, 2, 3));
    }
}
