package io.headroom.pricing;

/**
 * How a design's commitments cover the on-demand instances running at one instant, in AWS's order:
 * reserved instances first, each type's reservation covering up to its count of running on-demand
 * instances of that type; then savings plans, in the order listed, each covering up to its capacity
 * of the on-demand spend no reservation covers, valued at the plan's rate. What neither covers is
 * paid at on-demand prices. Spot instances never enter (commitments apply to on-demand usage only), and a type a
 * compute savings plan does not cover (an RDS or ElastiCache row) is covered by its reservations only.
 * A pure function of the counts and prices ({@link #of}); the ledger applies it to every stretch of
 * time in which the fleet does not change.
 *
 * @param coveredFraction     per type, the fraction of its running on-demand instances a reservation covers (0 with none running)
 * @param uncoveredUsdPerHour on-demand spend per hour no reservation covers
 * @param planUsedUsdPerHour  what the savings plans cover of it, at the plans' rates (the value of the plans used)
 * @param paidUsdPerHour      on-demand spend per hour left to pay after reservations and plans
 * @param planlessUsdPerHour  on-demand spend per hour no reservation covers of types no savings plan covers (paid in full)
 */
public record CommitmentCoverage(double[] coveredFraction, double uncoveredUsdPerHour, double planUsedUsdPerHour,
                                 double paidUsdPerHour, double planlessUsdPerHour) {

    /** The coverage when every type may be covered by the savings plans. */
    public static CommitmentCoverage of(int[] onDemand, int[] reserved, double[] usdPerHour, double[] planCapacity,
                                        double[] planFactor) {
        return of(onDemand, reserved, usdPerHour, null, planCapacity, planFactor);
    }

    /**
     * The coverage of running on-demand instances of each type ({@code onDemand[t]} of them, at
     * {@code usdPerHour[t]} each, with {@code reserved[t]} reserved; {@code planless[t]} when no savings plan covers the
     * type, null when all may be) by savings plans that cover up to
     * {@code planCapacity[p]} USD per hour of on-demand spend, valued at {@code planFactor[p]} (1 - discount).
     */
    public static CommitmentCoverage of(int[] onDemand, int[] reserved, double[] usdPerHour, boolean[] planless, double[] planCapacity,
                                        double[] planFactor) {
        return of(onDemand, reserved, usdPerHour, planless, null, null, null, planCapacity, planFactor);
    }

    /**
     * The coverage with regional, size-flexible reservations: a type with {@code family[t] >= 0} is covered by its
     * family's reserved units ({@code familyReserved[f]}, in quarter normalization units, {@link
     * io.headroom.design.pricing.Normalization}), applied to the family's running on-demand instances from the smallest
     * size up ({@code quarters[t]} each), an instance partly covered paying on-demand for the rest; its
     * {@code reserved[t]} is then ignored. A type with {@code family[t] < 0} (an RDS or ElastiCache row) is covered by its
     * own {@code reserved[t]} only. With one reserved type per family running alone this is the per-type rule exactly.
     */
    public static CommitmentCoverage of(int[] onDemand, int[] reserved, double[] usdPerHour, boolean[] planless, int[] family,
                                        long[] quarters, long[] familyReserved, double[] planCapacity, double[] planFactor) {
        double[] fraction = new double[onDemand.length];
        long[] coveredUnits = family == null ? null : familyCoverage(onDemand, family, quarters, familyReserved);
        double uncovered = 0;
        double planlessUncovered = 0;
        for (int t = 0; t < onDemand.length; t++) {
            double left; // on-demand instances no reservation covers
            if (family != null && family[t] >= 0) {
                long units = onDemand[t] * quarters[t];
                fraction[t] = units == 0 ? 0 : (double) coveredUnits[t] / units;
                left = (double) (units - coveredUnits[t]) / quarters[t];
            } else {
                int covered = Math.min(onDemand[t], reserved[t]);
                fraction[t] = onDemand[t] == 0 ? 0 : (double) covered / onDemand[t];
                left = onDemand[t] - covered;
            }
            if (planless != null && planless[t]) {
                planlessUncovered += left * usdPerHour[t];
            } else {
                uncovered += left * usdPerHour[t];
            }
        }
        double remaining = uncovered;
        double planUsed = 0;
        for (int p = 0; p < planCapacity.length; p++) {
            double use = Math.min(remaining, planCapacity[p]);
            planUsed += use * planFactor[p];
            remaining -= use;
        }
        return new CommitmentCoverage(fraction, uncovered, planUsed, remaining, planlessUncovered);
    }

    /**
     * Per type, the quarter units its running on-demand instances get from their family's reservations: each family's
     * units go to its smallest running size first, then the next (at equal sizes, in type order).
     */
    public static long[] familyCoverage(int[] onDemand, int[] family, long[] quarters, long[] familyReserved) {
        long[] covered = new long[onDemand.length];
        long[] left = familyReserved.clone();
        Integer[] order = new Integer[onDemand.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(quarters[a], quarters[b]));
        for (int t : order) {
            int f = family[t];
            if (f < 0 || onDemand[t] == 0) {
                continue;
            }
            long c = Math.min(onDemand[t] * quarters[t], left[f]);
            covered[t] = c;
            left[f] -= c;
        }
        return covered;
    }

    /** The share of the uncovered spend still paid at on-demand prices (1 when nothing is uncovered). */
    public double paidFraction() {
        return uncoveredUsdPerHour > 0 ? paidUsdPerHour / uncoveredUsdPerHour : 1;
    }
}
