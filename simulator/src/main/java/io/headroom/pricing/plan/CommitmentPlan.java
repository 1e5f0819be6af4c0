package io.headroom.pricing.plan;

import io.headroom.design.pricing.Payment;
import io.headroom.design.pricing.Term;
import java.util.List;

/**
 * What the planner advises, every figure per hour of the period it was planned from (repeated over the term) unless it
 * says otherwise.
 *
 * @param onDemandUsdPerHour the EC2 on-demand spend with no commitment
 * @param planUsdPerHour     the same usage with the plan: reservation fees, the plan's commitment, and what is still paid on demand
 * @param coverage           the share of the on-demand spend the commitments cover (valued at on-demand prices)
 * @param reserved           the reservations, one per family (none where buying nothing is cheapest)
 * @param savingsPlan        the compute savings plan, or null when none pays
 */
public record CommitmentPlan(Term term, Payment payment, double hours, double onDemandUsdPerHour, double planUsdPerHour, double coverage,
                             List<Reservation> reserved, SavingsPlan savingsPlan) {
    /** AWS's month. */
    public static final double MONTH_HOURS = 730;

    /** What the plan saves against all on-demand, per hour. */
    public double savingsUsdPerHour() {
        return onDemandUsdPerHour - planUsdPerHour;
    }

    /** The saving as a share of the on-demand spend (0 without spend). */
    public double savingsShare() {
        return onDemandUsdPerHour > 0 ? savingsUsdPerHour() / onDemandUsdPerHour : 0;
    }

    /**
     * {@code count} standard reserved instances of {@code type} (regional, size-flexible over {@code family}).
     *
     * @param usdPerHour       the effective price of one per hour of the term (upfront spread + hourly)
     * @param onDemandUsdPerHour the type's on-demand price
     * @param breakEven        the share of the time one must be used to pay off: usdPerHour / on-demand price
     * @param utilisation      the share of the reserved units that ran, over the period
     * @param coverage         the share of the family's running on-demand units they covered
     * @param savingsUsdPerHour on-demand value covered less the fee, per hour
     * @param basis            where the price comes from (a published rate and its tier, or a flat-discount assumption)
     */
    public record Reservation(String family, String type, int count, double usdPerHour, double upfrontUsd, double hourlyUsd,
                              double onDemandUsdPerHour, double breakEven, double utilisation, double coverage,
                              double savingsUsdPerHour, String basis, Term term) {
        /** The fee per month (730 h). */
        public double usdPerMonth() {
            return count * usdPerHour * MONTH_HOURS;
        }

        /** All paid over the term: the upfront payments and every hour's charge. */
        public double termUsd() {
            return count * (upfrontUsd + hourlyUsd * io.headroom.design.pricing.CommitmentRate.termHours(term));
        }
    }

    /**
     * A compute savings plan of {@code usdPerHour} at {@code discount} off on-demand.
     *
     * @param utilisation the share of the commitment used
     * @param coverage    the share of the on-demand spend no reservation covers that it covers
     * @param savingsUsdPerHour on-demand value covered less the commitment, per hour
     */
    public record SavingsPlan(double usdPerHour, double discount, double utilisation, double coverage, double savingsUsdPerHour,
                              Term term) {
        public double usdPerMonth() {
            return usdPerHour * MONTH_HOURS;
        }

        public double termUsd() {
            return usdPerHour * io.headroom.design.pricing.CommitmentRate.termHours(term);
        }

        /** The share of the time the committed spend must be in use to pay off: 1 − discount. */
        public double breakEven() {
            return 1 - discount;
        }
    }
}
