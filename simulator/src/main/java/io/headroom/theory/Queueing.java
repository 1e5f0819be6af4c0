package io.headroom.theory;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Closed-form and numerically exact results of classical queueing theory, used to validate the
 * simulator against theory and to give quick analytic estimates.
 *
 * <p>Conventions for every method: times are in seconds, rates are per second, {@code lambda} is
 * the Poisson arrival rate, {@code mu} the service rate of one server (mean service time
 * {@code 1/mu}), {@code c} the number of servers. Arguments outside their domain (negative or
 * NaN rates, fewer than one server, a probability outside [0, 1], ...) throw
 * {@link IllegalArgumentException}. For open systems that are not stable (load at or above
 * capacity) the means of unbounded quantities are {@link Double#POSITIVE_INFINITY}; what each
 * method does there is stated in its javadoc.
 *
 * <p>Main references: L. Kleinrock, <i>Queueing Systems</i> Vol. 1 (1975) and Vol. 2 (1976);
 * D. Gross, J. Shortle, J. Thompson, C. Harris, <i>Fundamentals of Queueing Theory</i>, 4th ed.
 * (2008); M. Harchol-Balter, <i>Performance Modeling and Design of Computer Systems</i> (2013);
 * S. Zeltyn, A. Mandelbaum, "Call centers with impatient customers: many-server asymptotics of the
 * M/M/n+G queue", Queueing Systems 51 (2005) 361-402, and A. Mandelbaum, S. Zeltyn, "The M/M/n+G
 * queue: summary of performance measures" (Technion technical note).
 */
public final class Queueing {

    private static final int SOLVER_MAX_EVALUATIONS = 500;

    private Queueing() {
    }

    // ---------------------------------------------------------------------------------------
    // Erlang B / Erlang C
    // ---------------------------------------------------------------------------------------

    /**
     * Erlang B: the blocking probability of the M/M/c/c loss system (also M/G/c/c, by
     * insensitivity) with offered load {@code a = lambda/mu} erlangs and {@code c} servers,
     * {@code B(a,c) = (a^c/c!) / sum_{k=0..c} a^k/k!}.
     *
     * <p>Computed with the numerically stable recursion {@code B(a,0) = 1},
     * {@code B(a,k) = a B(a,k-1) / (k + a B(a,k-1))} (Gross et al. 2008, §2.5), which stays in
     * [0, 1] and works for tens of thousands of servers.
     *
     * @param a offered load in erlangs, {@code a >= 0}
     * @param c number of servers, {@code c >= 0}
     * @return P(an arriving customer is blocked)
     */
    public static double erlangB(double a, int c) {
        requireNonNegative(a, "offered load a");
        if (c < 0) {
            throw new IllegalArgumentException("number of servers c must be >= 0, was " + c);
        }
        double b = 1.0;
        for (int k = 1; k <= c; k++) {
            double ab = a * b;
            b = ab / (k + ab);
        }
        return b;
    }

    /**
     * Erlang C: the probability that an arrival has to wait in the M/M/c queue with offered load
     * {@code a = lambda/mu} erlangs and {@code c} servers,
     * {@code C(a,c) = c B(a,c) / (c - a (1 - B(a,c)))} (Gross et al. 2008, §2.3), computed from
     * the stable Erlang B recursion.
     *
     * @param a offered load in erlangs, {@code a >= 0}
     * @param c number of servers, {@code c >= 1}
     * @return P(wait > 0); 1 when {@code a >= c} (unstable queue: every arrival waits)
     */
    public static double erlangC(double a, int c) {
        requireServers(c);
        requireNonNegative(a, "offered load a");
        if (a >= c) {
            return 1.0;
        }
        double b = erlangB(a, c);
        return c * b / (c - a * (1.0 - b));
    }

    // ---------------------------------------------------------------------------------------
    // M/M/c FCFS
    // ---------------------------------------------------------------------------------------

    /**
     * Mean waiting time in queue of the M/M/c FCFS queue,
     * {@code Wq = C(a,c) / (c mu - lambda)} with {@code a = lambda/mu} (Gross et al. 2008, §2.3).
     *
     * @return Wq in seconds; {@code +Infinity} when {@code lambda >= c mu}
     */
    public static double mmcMeanWait(double lambda, double mu, int c) {
        requireRates(lambda, mu);
        requireServers(c);
        double gamma = c * mu - lambda;
        if (gamma <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return erlangC(lambda / mu, c) / gamma;
    }

    /**
     * Mean response (sojourn) time of the M/M/c FCFS queue, {@code W = Wq + 1/mu}.
     *
     * @return W in seconds; {@code +Infinity} when {@code lambda >= c mu}
     */
    public static double mmcMeanResponse(double lambda, double mu, int c) {
        return mmcMeanWait(lambda, mu, c) + 1.0 / mu;
    }

    /**
     * CDF of the M/M/c FCFS response (sojourn) time, {@code P(T <= t)}.
     *
     * <p>The wait is 0 with probability {@code 1 - C} and otherwise {@code Exp(gamma)} with
     * {@code gamma = c mu - lambda}; the sojourn adds an independent {@code Exp(mu)} service
     * (Gross et al. 2008, §2.3.2). So {@code P(T > t) = (1 - C) e^{-mu t} + C S_h(t)} where
     * {@code S_h} is the survival function of the hypoexponential sum of {@code Exp(gamma)} and
     * {@code Exp(mu)}: with {@code x = min(gamma, mu)}, {@code y = max(gamma, mu)},
     * {@code S_h(t) = e^{-x t} (1 + x (1 - e^{-(y-x) t}) / (y - x))}, which becomes the Erlang-2
     * survival {@code e^{-mu t}(1 + mu t)} when {@code gamma == mu}. This form is evaluated with
     * {@code expm1} and has no cancellation near {@code gamma == mu}.
     *
     * @param t time in seconds
     * @return P(T <= t); 0 for {@code t < 0} and for an unstable queue ({@code lambda >= c mu})
     */
    public static double mmcResponseCdf(double lambda, double mu, int c, double t) {
        requireRates(lambda, mu);
        requireServers(c);
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t must not be NaN");
        }
        if (t <= 0 || c * mu - lambda <= 0) {
            return 0.0;
        }
        return 1.0 - mmcResponseSurvival(lambda, mu, c, t);
    }

    /**
     * Quantile of the M/M/c FCFS response time: the {@code t} with {@code P(T <= t) = q}. There is
     * no closed form for {@code c > 1}; it is found with a Brent solver on
     * {@code log P(T > t) = log(1 - q)} (log scale keeps high quantiles such as p99.99 well
     * conditioned). For {@code c = 1} the result is {@code -ln(1-q)/(mu - lambda)}.
     *
     * @param q probability in [0, 1]
     * @return the q-quantile in seconds; 0 for {@code q = 0}; {@code +Infinity} for {@code q = 1}
     *     or an unstable queue
     */
    public static double mmcResponseQuantile(double lambda, double mu, int c, double q) {
        requireRates(lambda, mu);
        requireServers(c);
        requireProbability(q);
        if (q == 0) {
            return 0.0;
        }
        double gamma = c * mu - lambda;
        if (q == 1 || gamma <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double target = Math.log1p(-q);
        UnivariateFunction f = t -> Math.log(mmcResponseSurvival(lambda, mu, c, t)) - target;
        double hi = 1.0 / mu + 1.0 / gamma;
        while (f.value(hi) > 0) {
            hi *= 2;
        }
        if (f.value(hi) == 0) {
            return hi;
        }
        BrentSolver solver = new BrentSolver(1e-14, Double.MIN_NORMAL, 1e-15);
        return solver.solve(SOLVER_MAX_EVALUATIONS, f, 0.0, hi);
    }

    /**
     * Quantile of the M/M/c FCFS waiting time in queue. From
     * {@code P(Wq > t) = C e^{-(c mu - lambda) t}} (Gross et al. 2008, §2.3.2):
     * 0 when {@code q <= 1 - C}, else {@code ln(C/(1-q)) / (c mu - lambda)}.
     *
     * @param q probability in [0, 1]
     * @return the q-quantile in seconds; {@code +Infinity} for an unstable queue (and q &gt; 0) or
     *     for {@code q = 1} when {@code C > 0}
     */
    public static double mmcWaitQuantile(double lambda, double mu, int c, double q) {
        requireRates(lambda, mu);
        requireServers(c);
        requireProbability(q);
        double gamma = c * mu - lambda;
        if (q == 0) {
            return 0.0;
        }
        if (gamma <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double pWait = erlangC(lambda / mu, c);
        if (q <= 1.0 - pWait) {
            return 0.0;
        }
        if (q == 1) {
            return Double.POSITIVE_INFINITY;
        }
        return (Math.log(pWait) - Math.log1p(-q)) / gamma;
    }

    /** P(T > t) for the M/M/c FCFS sojourn time; requires a stable queue and t &gt;= 0. */
    private static double mmcResponseSurvival(double lambda, double mu, int c, double t) {
        double gamma = c * mu - lambda;
        double pWait = erlangC(lambda / mu, c);
        return (1.0 - pWait) * Math.exp(-mu * t) + pWait * hypoexponentialSurvival(gamma, mu, t);
    }

    /** Survival function of Exp(r1) + Exp(r2), stable also when r1 == r2 or r1 ~ r2. */
    private static double hypoexponentialSurvival(double r1, double r2, double t) {
        double x = Math.min(r1, r2);
        double d = Math.max(r1, r2) - x;
        double ratio = d == 0 ? t : -Math.expm1(-d * t) / d; // (1 - e^{-d t}) / d, <= t
        return Math.exp(-x * t) * (1.0 + x * ratio);
    }

    // ---------------------------------------------------------------------------------------
    // M/G/1
    // ---------------------------------------------------------------------------------------

    /**
     * Mean waiting time in queue of the M/G/1 FCFS queue, by the Pollaczek–Khinchine formula
     * {@code Wq = rho/(1-rho) * (1 + scv)/2 * E[S]} with {@code rho = lambda E[S]} (Kleinrock
     * 1975, §5.7).
     *
     * @param meanS mean service time E[S] in seconds, &gt; 0
     * @param scv squared coefficient of variation of service, Var[S]/E[S]^2, &gt;= 0
     * @return Wq in seconds; {@code +Infinity} when {@code rho >= 1}
     */
    public static double pkMeanWait(double lambda, double meanS, double scv) {
        requireNonNegative(lambda, "lambda");
        requirePositive(meanS, "meanS");
        requireNonNegative(scv, "scv");
        double rho = lambda * meanS;
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return rho / (1.0 - rho) * (1.0 + scv) / 2.0 * meanS;
    }

    /**
     * Mean response time of the M/G/1 FCFS queue, Pollaczek–Khinchine:
     * {@code W = E[S] + rho/(1-rho) * (1 + scv)/2 * E[S]}, {@code rho = lambda E[S]},
     * {@code scv = Var[S]/E[S]^2} (Kleinrock 1975, §5.7). The mean number in system is
     * {@code lambda W} by Little's law.
     *
     * @return W in seconds; {@code +Infinity} when {@code rho >= 1}
     */
    public static double pkMeanResponse(double lambda, double meanS, double scv) {
        return pkMeanWait(lambda, meanS, scv) + meanS;
    }

    /**
     * Mean response time of the M/G/1 processor-sharing queue, {@code E[T] = E[S]/(1 - rho)} with
     * {@code rho = lambda E[S]}; insensitive to the service distribution beyond its mean
     * (Kleinrock 1976, §4.4; Harchol-Balter 2013, ch. 22).
     *
     * @return E[T] in seconds; {@code +Infinity} when {@code rho >= 1}
     */
    public static double mg1PsMeanResponse(double lambda, double meanS) {
        requireNonNegative(lambda, "lambda");
        requirePositive(meanS, "meanS");
        double rho = lambda * meanS;
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return meanS / (1.0 - rho);
    }

    // ---------------------------------------------------------------------------------------
    // M/M/c/K
    // ---------------------------------------------------------------------------------------

    /**
     * Blocking probability of the M/M/c/K queue ({@code c} servers, room for {@code K >= c}
     * customers in total, arrivals finding K present are lost): the stationary
     * {@code P(N = K)}, which by PASTA is the fraction of arrivals blocked. The birth–death
     * stationary law is {@code p_n ∝ a^n/n!} for {@code n <= c} and
     * {@code p_n ∝ a^c/c! (a/c)^{n-c}} for {@code c < n <= K}, {@code a = lambda/mu} (Gross et al.
     * 2008, §2.5); it is evaluated in log space so it neither overflows nor underflows
     * prematurely. Valid for any load, including {@code lambda >= c mu}.
     */
    public static double mmckBlocking(double lambda, double mu, int c, int capacityK) {
        double[] p = mmckDistribution(lambda, mu, c, capacityK);
        return p[capacityK];
    }

    /**
     * Mean number in system {@code L = sum n p_n} of the M/M/c/K queue (see
     * {@link #mmckBlocking}).
     */
    public static double mmckMeanNumber(double lambda, double mu, int c, int capacityK) {
        double[] p = mmckDistribution(lambda, mu, c, capacityK);
        double l = 0;
        for (int n = 1; n <= capacityK; n++) {
            l += n * p[n];
        }
        return l;
    }

    /**
     * Mean response time of admitted customers in the M/M/c/K queue, by Little's law on the
     * admitted stream: {@code W = L / (lambda (1 - P(N=K)))} (Gross et al. 2008, §2.5).
     *
     * @return W in seconds; {@code 1/mu} when {@code lambda = 0}
     */
    public static double mmckMeanResponse(double lambda, double mu, int c, int capacityK) {
        double[] p = mmckDistribution(lambda, mu, c, capacityK);
        if (lambda == 0) {
            return 1.0 / mu;
        }
        double l = 0;
        for (int n = 1; n <= capacityK; n++) {
            l += n * p[n];
        }
        return l / (lambda * (1.0 - p[capacityK]));
    }

    /** Stationary distribution p_0..p_K of M/M/c/K, computed in log space. */
    private static double[] mmckDistribution(double lambda, double mu, int c, int capacityK) {
        requireRates(lambda, mu);
        requireServers(c);
        if (capacityK < c) {
            throw new IllegalArgumentException(
                    "capacity K must be >= c (" + c + "), was " + capacityK);
        }
        double[] p = new double[capacityK + 1];
        if (lambda == 0) {
            p[0] = 1.0;
            return p;
        }
        double[] logW = new double[capacityK + 1];
        double max = 0;
        double logA = Math.log(lambda / mu);
        for (int n = 1; n <= capacityK; n++) {
            logW[n] = logW[n - 1] + logA - Math.log(Math.min(n, c));
            max = Math.max(max, logW[n]);
        }
        double sum = 0;
        for (int n = 0; n <= capacityK; n++) {
            p[n] = Math.exp(logW[n] - max);
            sum += p[n];
        }
        for (int n = 0; n <= capacityK; n++) {
            p[n] /= sum;
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------
    // M/M/c+D (Erlang-A with deterministic patience)
    // ---------------------------------------------------------------------------------------

    /**
     * Probability of abandonment in the M/M/c+D queue: FCFS, {@code c} servers, and every customer
     * leaves the queue if its service has not started within the deterministic patience
     * {@code tau} (service, once started, is never abandoned).
     *
     * <p>Mandelbaum &amp; Zeltyn's M/M/n+G formulas (Zeltyn &amp; Mandelbaum 2005) with patience
     * survival {@code Ḡ(u) = 1{u < tau}}: {@code H(x) = min(x, tau)},
     * {@code J = ∫_0^∞ exp(lambda H(x) - c mu x) dx = (e^{δτ} - 1)/δ + e^{δτ}/(c mu)} with
     * {@code δ = lambda - c mu} (first term {@code tau} when {@code δ = 0}),
     * {@code ε = sum_{j=0}^{c-1} ((c-1)!/j!) (mu/lambda)^{c-1-j}}, and
     * {@code P(Ab) = (1 + δ J)/(ε + lambda J)}.
     *
     * <p>Numerics: {@code ε = 1/B(a, c-1)} is the reciprocal of Erlang B with {@code c-1} servers
     * ({@code a = lambda/mu}), computed by the recursion {@code ε_0 = 1},
     * {@code ε_k = 1 + (k/a) ε_{k-1}}, which cannot overflow to a wrong answer (it becomes
     * {@code +Infinity} only when P(Ab) underflows to 0). The numerator simplifies exactly to
     * {@code 1 + δJ = ρ e^{δτ}} with {@code ρ = lambda/(c mu)}, so no cancellation occurs, and
     * for an overloaded system ({@code δ > 0}) numerator and denominator are divided by
     * {@code e^{δτ}} so large {@code δτ} cannot overflow. For {@code c = 1} this reduces to
     * {@code ρ(1-ρ)e^{-(mu-lambda)τ} / (1 - ρ² e^{-(mu-lambda)τ})}; for {@code tau = 0} it is
     * Erlang B {@code B(a, c)}.
     *
     * @param tau deterministic patience in seconds, &gt;= 0
     * @return the fraction of arrivals that abandon
     */
    public static double mmcDeterministicPatienceAbandonment(
            double lambda, double mu, int c, double tau) {
        double[] parts = deterministicPatienceParts(lambda, mu, c, tau);
        if (parts == null) {
            return 0.0;
        }
        // parts = {numerator, epsilon, lambda*J}, all possibly scaled by e^{-δτ}
        return parts[0] / (parts[1] + parts[2]);
    }

    /**
     * Probability that an arrival finds all servers busy (has to queue) in the M/M/c+D queue of
     * {@link #mmcDeterministicPatienceAbandonment}: {@code P(V > 0) = lambda J/(ε + lambda J)}
     * (Zeltyn &amp; Mandelbaum 2005). For {@code tau -> ∞} and {@code lambda < c mu} it tends to
     * Erlang C; for {@code tau = 0} it is Erlang B.
     *
     * @param tau deterministic patience in seconds, &gt;= 0
     * @return the fraction of arrivals that find all c servers busy
     */
    public static double mmcDeterministicPatienceWaitProbability(
            double lambda, double mu, int c, double tau) {
        double[] parts = deterministicPatienceParts(lambda, mu, c, tau);
        if (parts == null) {
            return 0.0;
        }
        return parts[2] / (parts[1] + parts[2]);
    }

    /**
     * {numerator 1 + δJ, ε, λJ}, all multiplied by the same factor (e^{-δτ} when δ &gt; 0), or
     * null when lambda = 0.
     */
    private static double[] deterministicPatienceParts(double lambda, double mu, int c, double tau) {
        requireRates(lambda, mu);
        requireServers(c);
        requireNonNegative(tau, "tau");
        if (lambda == 0) {
            return null;
        }
        double a = lambda / mu;
        double epsilon = 1.0; // 1 / B(a, 0)
        for (int k = 1; k <= c - 1; k++) {
            epsilon = 1.0 + (k / a) * epsilon;
        }
        double cmu = c * mu;
        double delta = lambda - cmu;
        double rho = lambda / cmu;
        if (delta > 0) {
            // divide everything by e^{δτ}: J e^{-δτ} = (1 - e^{-δτ})/δ + 1/(cμ)
            double scale = Math.exp(-delta * tau);
            double jScaled = -Math.expm1(-delta * tau) / delta + 1.0 / cmu;
            return new double[] {rho, epsilon * scale, lambda * jScaled};
        }
        double growth = Math.exp(delta * tau);
        double first = delta == 0 ? tau : Math.expm1(delta * tau) / delta;
        double j = first + growth / cmu;
        return new double[] {rho * growth, epsilon, lambda * j};
    }

    // ---------------------------------------------------------------------------------------
    // Limited processor sharing with exponential demand
    // ---------------------------------------------------------------------------------------

    /**
     * Stationary distribution of the number in system N of a limited-processor-sharing station
     * with Poisson arrivals and exponential demand: {@code cores} cores of rate {@code mu}, jobs in
     * service sharing them equally (each of n gets {@code min(1, cores/n)} of a core), and a
     * worker limit {@code w >= cores} above which jobs wait FIFO. The total service rate in state
     * n is {@code min(n, cores) mu} whatever w is, so N is the M/M/k birth–death process
     * ({@code k = cores}): {@code p_n ∝ a^n/n!} for {@code n <= k}, {@code p_k ρ^{n-k}} above,
     * {@code a = lambda/mu}, {@code ρ = a/k} (Gross et al. 2008, §2.3). Evaluated in log space.
     *
     * @param nMax the largest n returned; the result holds P(N = n) for n = 0..nMax, so it sums to
     *     {@code 1 - P(N > nMax)} (the tail beyond nMax is truncated, not renormalised)
     * @throws IllegalArgumentException when {@code lambda >= cores mu} (no stationary law)
     */
    public static double[] lpsStationary(double lambda, double mu, int cores, int nMax) {
        requireRates(lambda, mu);
        requireServers(cores);
        if (nMax < 0) {
            throw new IllegalArgumentException("nMax must be >= 0, was " + nMax);
        }
        double rho = lambda / (cores * mu);
        if (rho >= 1) {
            throw new IllegalArgumentException("unstable: lambda " + lambda + " >= cores*mu "
                    + cores * mu + ", no stationary distribution");
        }
        double[] p = new double[nMax + 1];
        if (lambda == 0) {
            p[0] = 1.0;
            return p;
        }
        double logA = Math.log(lambda / mu);
        double logRho = Math.log(rho);
        double[] logW = new double[cores + 1];
        double max = 0;
        for (int n = 1; n <= cores; n++) {
            logW[n] = logW[n - 1] + logA - Math.log(n);
            max = Math.max(max, logW[n]);
        }
        double sum = 0;
        for (int n = 0; n < cores; n++) {
            sum += Math.exp(logW[n] - max);
        }
        sum += Math.exp(logW[cores] - max) / (1.0 - rho); // geometric tail n >= cores
        double logZ = max + Math.log(sum);
        for (int n = 0; n <= nMax; n++) {
            double logWn = n <= cores ? logW[n] : logW[cores] + (n - cores) * logRho;
            p[n] = Math.exp(logWn - logZ);
        }
        return p;
    }

    /**
     * Mean response time of the limited-processor-sharing station with exponential demand (see
     * {@link #lpsStationary}). N has the M/M/k law, so by Little's law the mean response equals
     * the M/M/k FCFS one: {@code W = (a + C(a,k) ρ/(1-ρ)) / lambda = C(a,k)/(k mu - lambda) + 1/mu}
     * — independent of the worker limit.
     *
     * @return W in seconds; {@code +Infinity} when {@code lambda >= cores mu}
     */
    public static double lpsMeanResponse(double lambda, double mu, int cores) {
        return mmcMeanResponse(lambda, mu, cores);
    }

    /**
     * Mean number of occupied workers (jobs admitted to service) {@code E[min(N, w)]} of the
     * limited-processor-sharing station (see {@link #lpsStationary}). With
     * {@code P(N >= k + j) = C ρ^j}: {@code E[min(N,w)] = a + C ρ (1 - ρ^{w-k}) / (1 - ρ)}.
     *
     * @param workers worker (admission) limit w, {@code w >= cores}
     * @return E[min(N, w)]; {@code w} when {@code lambda >= cores mu} (saturated)
     */
    public static double lpsMeanBusyWorkers(double lambda, double mu, int cores, int workers) {
        requireLps(lambda, mu, cores, workers);
        double a = lambda / mu;
        double rho = a / cores;
        if (rho >= 1) {
            return workers;
        }
        if (lambda == 0) {
            return 0.0;
        }
        double pWait = erlangC(a, cores);
        double oneMinusRhoPow = -Math.expm1((workers - cores) * Math.log(rho)); // 1 - ρ^{w-k}
        return a + pWait * rho * oneMinusRhoPow / (1.0 - rho);
    }

    /**
     * Mean number of jobs waiting for a worker {@code E[max(N - w, 0)] = C ρ^{w-k+1} / (1 - ρ)}
     * in the limited-processor-sharing station (see {@link #lpsStationary}); for {@code w = k}
     * this is the M/M/k mean queue length {@code Lq}.
     *
     * @param workers worker (admission) limit w, {@code w >= cores}
     * @return E[max(N - w, 0)]; {@code +Infinity} when {@code lambda >= cores mu}
     */
    public static double lpsMeanQueue(double lambda, double mu, int cores, int workers) {
        requireLps(lambda, mu, cores, workers);
        double a = lambda / mu;
        double rho = a / cores;
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (lambda == 0) {
            return 0.0;
        }
        double pWait = erlangC(a, cores);
        return pWait * Math.exp((workers - cores + 1) * Math.log(rho)) / (1.0 - rho);
    }

    /**
     * Mean number of busy cores of the limited-processor-sharing station, {@code E[min(N, k)] =
     * lambda/mu} (work conservation: offered load in erlangs).
     *
     * @return {@code lambda/mu}; {@code cores} when {@code lambda >= cores mu} (saturated)
     */
    public static double lpsMeanBusyCores(double lambda, double mu, int cores) {
        requireRates(lambda, mu);
        requireServers(cores);
        return Math.min(lambda / mu, cores);
    }

    // ---------------------------------------------------------------------------------------
    // argument checks
    // ---------------------------------------------------------------------------------------

    private static void requireLps(double lambda, double mu, int cores, int workers) {
        requireRates(lambda, mu);
        requireServers(cores);
        if (workers < cores) {
            throw new IllegalArgumentException(
                    "workers must be >= cores (" + cores + "), was " + workers);
        }
    }

    private static void requireRates(double lambda, double mu) {
        requireNonNegative(lambda, "lambda");
        requirePositive(mu, "mu");
    }

    private static void requireServers(int c) {
        if (c < 1) {
            throw new IllegalArgumentException("number of servers must be >= 1, was " + c);
        }
    }

    private static void requireProbability(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + q);
        }
    }

    private static void requireNonNegative(double x, String name) {
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + x);
        }
    }

    private static void requirePositive(double x, String name) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + x);
        }
    }
}
