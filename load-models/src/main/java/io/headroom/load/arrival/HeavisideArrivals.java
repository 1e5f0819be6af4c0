package io.headroom.load.arrival;

/**
 * Gatling's {@code stressPeakUsers(n).during(d)} ({@code HeavisideOpenInjection} in Gatling 3.15.1):
 * {@code n} users whose start times follow a smoothed step (the error function), most of them around
 * the middle of the step.
 *
 * <p>Gatling's rule, reproduced operation for operation so the times are equal to the millisecond:
 * with {@code h(i) = erfinv(2 i / (n + 2) - 1)} and {@code t0 = |h(1)|}, user {@code i} (1..n)
 * starts at {@code (long) (k * (h(i) + t0))} milliseconds, where {@code k = d.toMillis / (2 t0)}. So
 * the first user starts at 0, the last at (about) {@code d}, and {@code erfinv} is Gatling's own
 * rational approximation ({@code io.gatling.core.controller.inject.open.Erf}, ported in
 * {@link #erfinv}). Checked against Gatling's code in {@code GatlingStepsParityTest}.
 *
 * <p>The mean rate this schedule follows is the derivative of its count,
 * {@code (n + 2) / (k sqrt(pi)) * exp(-(t / k - t0)^2)} with {@code k} in seconds: its integral over
 * the step is exactly {@code n} ({@code erf(t0) = 1 - 2 / (n + 2)}).
 */
public final class HeavisideArrivals implements ArrivalStream {
    private static final long MS = 1_000_000L;

    private final long offsetNs;
    private final long users;
    private final double k;
    private final double t0;
    private long i;

    /**
     * @param users  Gatling's user count
     * @param millis the step's duration in whole milliseconds ({@code FiniteDuration.toMillis})
     */
    public HeavisideArrivals(long offsetNs, long users, long millis) {
        this.offsetNs = offsetNs;
        this.users = users;
        this.t0 = Math.abs(inverse(1, users));
        this.k = (double) millis / (t0 * 2.0);
    }

    /** Gatling's {@code heavisideInv(i)}: {@code erfinv(2 * (i / (users + 2)) - 1)}. */
    public static double inverse(long i, long users) {
        double x = (double) i / (double) (users + 2L);
        return erfinv(2.0 * x - 1.0);
    }

    /** {@code t0}: where, in units of {@code k}, the schedule's middle lies. */
    public static double t0(long users) {
        return Math.abs(inverse(1, users));
    }

    /** The mean rate (users per second) {@code t} seconds into a step of {@code users} over {@code millis} ms. */
    public static double rate(long users, long millis, double t) {
        if (users == 0 || millis == 0) {
            return 0;
        }
        double t0 = t0(users);
        double kSeconds = millis / 1000.0 / (2 * t0);
        double x = t / kSeconds - t0;
        return (users + 2) / (kSeconds * Math.sqrt(Math.PI)) * Math.exp(-x * x);
    }

    @Override
    public long next() {
        if (i >= users) {
            return END;
        }
        i++;
        double h = inverse(i, users);
        long ms = (long) (k * (h + t0));
        return offsetNs + ms * MS;
    }

    // ---- Gatling 3.15.1's Erf.erfinv, constant for constant -------------------------------------

    private static final double[] P1 = {0.176058782139059, -8.642130115872478, 65.45466284794487,
        -169.0014273464238, 186.44914861620987, -90.78495926296033, 16.030495584406623};
    private static final double[] Q1 = {1.0, -20.601073032826545, 107.60453916055124, -222.10254121855132,
        210.1579048620532, -91.37416702426032, 14.780647071513831};
    private static final double[] P2 = {0.237516689024448, -5.478927619598319, 19.12133439658033,
        -22.655292823101103, 11.763505705217828, -2.9344398672542478, 0.3444556924136125, -0.015238926344072612};
    private static final double[] Q2 = {1.0, -10.01437634978307, 24.640158943917285, -23.71671552159658,
        10.695129973387015, -2.406831810439376, 0.2610628885843079, -0.010846516960205995};
    private static final double[] P3 = {0.0022419563223346345, -0.01779100457511176, 0.066816807711805,
        0.7271880623155681, 2.078974263017492, 2.6255672879448073, 2.830267790175449, 1.0426158549298266,
        0.12969550099727353, 0.005350414748789302, 5.6451977709864484E-5};
    private static final double[] Q3 = {1.0, 2.0372431817412178, 3.878285827704201, 3.763116853640503,
        3.0379331173522206, 1.0542932232626492, 0.12986615416911648, 0.005350558706793065, 5.645169986276065E-5};

    /**
     * Gatling's inverse error function. Its coefficient vectors are stored lowest power first and
     * evaluated by {@code reduceRight((c, acc) => acc * y + c)}; the arrays here hold them highest
     * power first, so the loop below performs the same multiplications and additions in the same order.
     */
    public static double erfinv(double x) {
        if (!(Math.abs(x) <= 1)) {
            throw new IllegalArgumentException("erfinv of " + x);
        }
        return x < 0 ? -positiveErfinv(-x) : positiveErfinv(x);
    }

    private static double positiveErfinv(double x) {
        if (x >= 1) {
            return Double.MAX_VALUE;
        }
        if (x <= 0.75) {
            double y = x * x - 0.5625;
            return horner(P1, y) / horner(Q1, y) * x;
        }
        if (x <= 0.9375) {
            double y = x * x - 0.87890625;
            return horner(P2, y) / horner(Q2, y) * x;
        }
        double y = 1.0 / Math.sqrt(-Math.log(1.0 - x));
        return horner(P3, y) / horner(Q3, y) / y;
    }

    private static double horner(double[] highestFirst, double y) {
        double acc = highestFirst[0];
        for (int j = 1; j < highestFirst.length; j++) {
            acc = acc * y + highestFirst[j];
        }
        return acc;
    }
}
