package io.headroom.design.pricing;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;

/**
 * A billing commitment at the design's top level, paid for the whole run whether used or not.
 * <ul>
 *   <li>A reserved instance: {@code {type: c6i.large, count: 4, term: 1y}} — {@code count} instances
 *       of the type at the catalogue's reserved price for the term (no upfront payment). At every
 *       instant it covers up to {@code count} running on-demand instances of that type, in any
 *       component; spot instances are never covered (AWS applies reservations to on-demand usage
 *       only).</li>
 *   <li>A savings plan: {@code {savings-plan: compute, usd-per-hour: 1.5, term: 3y}} — a commitment
 *       to spend {@code usd-per-hour} at savings-plan rates (the on-demand price less the catalogue's
 *       savings-plan discount for the term) on EC2 on-demand usage that no reservation covers.</li>
 * </ul>
 * {@code discount} overrides the catalogue's discount for this commitment; {@code term} defaults
 * to {@code 1y}. A reserved DB instance names its class and {@code engine} ({@code {type: db.r6g.large, engine:
 * postgres, count: 2}}, default engine postgres), a reserved cache node its node type ({@code cache.r6g.large}); the
 * compute savings plan covers neither (AWS's compute savings plans apply to EC2, Fargate and Lambda).
 *
 * <p>{@code payment} ({@code no-upfront}, {@code partial-upfront}, {@code all-upfront}) prices an EC2 reservation from
 * the catalogue's published rates ({@link CommitmentRate}: upfront / hours of the term + hourly); a type, term and
 * payment the catalogue has no rate for falls back to the flat discount, an assumption. Without {@code payment} a
 * reservation is priced by the flat discount, as it always was. An EC2 reservation is regional and size-flexible: it
 * covers any size of its family by AWS's normalization factors ({@link Normalization}).
 */
public record CommitmentSpec(String type, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer count, String savingsPlan, @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerHour, Term term, @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double discount,
                             String engine, Payment payment) {

    /** A commitment without an engine (an EC2 or ElastiCache reservation, or a savings plan). */
    public CommitmentSpec(String type, Integer count, String savingsPlan, Double usdPerHour, Term term, Double discount) {
        this(type, count, savingsPlan, usdPerHour, term, discount, null, null);
    }

    /** A commitment without a payment option (priced by the catalogue's flat discount, as before payment options). */
    public CommitmentSpec(String type, Integer count, String savingsPlan, Double usdPerHour, Term term, Double discount, String engine) {
        this(type, count, savingsPlan, usdPerHour, term, discount, engine, null);
    }

    /** The one kind of savings plan modelled: it applies to any instance type's on-demand usage. */
    public static final String COMPUTE = "compute";

    public CommitmentSpec {
        if (type == null && savingsPlan == null) {
            throw new FieldError("type", "a commitment is a reserved instance {type: c6i.large, count: 4, term: 1y}"
                    + " or a savings plan {savings-plan: compute, usd-per-hour: 1.5, term: 1y}");
        }
        if (type != null && savingsPlan != null) {
            throw new FieldError("savings-plan", "give either type: (a reserved instance) or savings-plan:, not both");
        }
        if (type != null) {
            FieldError.positive(count, "count");
            if (usdPerHour != null) {
                throw new FieldError("usd-per-hour", "a reserved instance is a count of a type: usd-per-hour belongs to a savings plan");
            }
        } else {
            if (!COMPUTE.equals(savingsPlan)) {
                throw new FieldError("savings-plan", "the savings plan modelled is 'compute' (it applies to every instance type),"
                        + " got '" + savingsPlan + "'");
            }
            FieldError.positive(usdPerHour, "usd-per-hour");
            if (count != null) {
                throw new FieldError("count", "a savings plan is a spend per hour: count belongs to a reserved instance");
            }
        }
        term = term == null ? Term.ONE_YEAR : term;
        if (engine != null && (type == null || !type.startsWith("db."))) {
            throw new FieldError("engine", "an engine prices a reserved DB instance: give type: db.…, or remove engine");
        }
        if (type != null && type.startsWith("db.") && engine == null) {
            engine = "postgres";
        }
        if (payment != null && (type == null || type.startsWith("db.") || type.startsWith("cache."))) {
            throw new FieldError("payment", "payment prices an EC2 reserved instance from the catalogue's rates: give type: (an EC2"
                    + " type), or remove payment (a savings plan is priced by its discount)");
        }
        if (discount != null && !(discount >= 0 && discount < 1)) {
            throw new FieldError("discount", "a discount is a fraction from 0 up to (not including) 1, got " + FieldError.number(discount)
                    + Fraction.hint(discount));
        }
    }

    /** {@code count} reserved instances of {@code type} for {@code term}. */
    public static CommitmentSpec reserved(String type, int count, Term term) {
        return new CommitmentSpec(type, count, null, null, term, null);
    }

    /** {@code count} reserved instances of {@code type} for {@code term}, paid by {@code payment}. */
    public static CommitmentSpec reserved(String type, int count, Term term, Payment payment) {
        return new CommitmentSpec(type, count, null, null, term, null, null, payment);
    }

    /**
     * What one reserved instance of {@code t} costs per hour under this commitment: with {@code payment} and without
     * {@code discount}, the catalogue's published rate when it has one; else on-demand less the discount.
     */
    public ReservedPrice reservedPrice(PriceCatalogue catalogue, InstanceType t) {
        return ReservedPrice.of(catalogue, t, term, payment, discount);
    }

    /** A compute savings plan of {@code usdPerHour} for {@code term}. */
    public static CommitmentSpec savingsPlan(double usdPerHour, Term term) {
        return new CommitmentSpec(null, null, COMPUTE, usdPerHour, term, null);
    }

    public boolean isReservedInstance() {
        return type != null;
    }

    /** This commitment's discount: its own, else the catalogue's for its kind and term. */
    public double discount(PriceCatalogue catalogue) {
        if (discount != null) {
            return discount;
        }
        return isReservedInstance() ? catalogue.reservedDiscount(term) : catalogue.savingsPlanDiscount(term);
    }
}
