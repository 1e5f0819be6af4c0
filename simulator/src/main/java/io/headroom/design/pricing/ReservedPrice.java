package io.headroom.design.pricing;

/**
 * The price of one reserved instance of a type for a term and payment option: {@code upfrontUsd} once and
 * {@code hourlyUsd} every hour of the term, {@code usdPerHour} the two together per hour of the term; {@code rate} the
 * published rate it was taken from, or null when it is on-demand less a flat discount ({@code discount}, the
 * catalogue's assumption or the commitment's own).
 */
public record ReservedPrice(double usdPerHour, double upfrontUsd, double hourlyUsd, CommitmentRate rate, double discount) {

    /**
     * With {@code payment} and without an explicit {@code discount}: the catalogue's rate for the type, term and payment
     * if it has one. Otherwise on-demand × (1 − discount), the discount the commitment's or the catalogue's flat one;
     * an upfront payment option without a rate is then paid as if by the hour (its upfront unknown).
     */
    public static ReservedPrice of(PriceCatalogue catalogue, InstanceType t, Term term, Payment payment, Double discount) {
        if (payment != null && discount == null) {
            var rate = catalogue.reservedRate(t.name(), term, payment);
            if (rate.isPresent()) {
                CommitmentRate r = rate.get();
                double perHour = r.effectiveUsdPerHour();
                return new ReservedPrice(perHour, r.upfrontUsd(), r.hourlyUsd(), r, t.onDemandUsdPerHour() > 0 ? 1 - perHour / t.onDemandUsdPerHour() : 0);
            }
        }
        double d = discount != null ? discount : catalogue.reservedDiscount(term);
        double perHour = t.onDemandUsdPerHour() * (1 - d);
        return new ReservedPrice(perHour, 0, perHour, null, d);
    }

    /** Where the price comes from, for a report: the rate's tier and source, or the flat discount's. */
    public String basis() {
        return rate != null ? rate.tier() + ": " + rate.source()
                : "A: on-demand less a flat " + Math.round(discount * 1000) / 10.0 + " % (no published rate for this type, term and payment)";
    }
}
