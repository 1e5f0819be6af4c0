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
        double[] fraction = new double[onDemand.length];
        double uncovered = 0;
        double planlessUncovered = 0;
        for (int t = 0; t < onDemand.length; t++) {
            int covered = Math.min(onDemand[t], reserved[t]);
            fraction[t] = onDemand[t] == 0 ? 0 : (double) covered / onDemand[t];
            if (planless != null && planless[t]) {
                planlessUncovered += (onDemand[t] - covered) * usdPerHour[t];
            } else {
                uncovered += (onDemand[t] - covered) * usdPerHour[t];
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

    /** The share of the uncovered spend still paid at on-demand prices (1 when nothing is uncovered). */
    public double paidFraction() {
        return uncoveredUsdPerHour > 0 ? paidUsdPerHour / uncoveredUsdPerHour : 1;
    }
}
