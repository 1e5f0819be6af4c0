package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonValue;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * How a component buys its instances: {@code type} (a catalogue row such as {@code c6i.large}) and
 * either one {@code market} ({@code on-demand}, the default, or {@code spot}) or a mixed fleet in
 * AWS's own terms — {@code on-demand-base} instances on demand first, then
 * {@code on-demand-percentage-above-base} percent of the rest on demand and the remainder on spot
 * (AWS's defaults: base 0, percentage 100). {@code spot} overrides the catalogue's spot discount and
 * interruption rate for this component.
 *
 * <p>The split follows EC2 Auto Scaling's instances distribution: for a group of {@code n} instances
 * the on-demand count is {@code min(n, base) + ceil((n - base)+ * percentage / 100)} (a fraction is
 * rounded in favour of on-demand); {@link #marketOfNext} and {@link #marketToStop} keep a fleet on
 * that split as it scales out and in.
 *
 * <p>A burstable type (T3, T3a, T4g) runs with CPU {@code credits}: {@code unlimited} (AWS's default for them: bursts past
 * the balance are billed as surplus credits unless paid back) or {@code standard} (once the balance is spent, the
 * instance runs at its baseline until it earns more). {@code initial-credits} is the balance of the instances running
 * when the run starts (default 0: T3, T3a and T4g get no launch credits); every instance launched later starts at 0.
 */
public record InstanceSpec(String type, Market market, @AtMost(value = Limits.INSTANCES, why = Limits.INSTANCES_WHY) Integer onDemandBase, @AtMost(value = Limits.PERCENT, why = Limits.PERCENT_WHY, byRecord = true) Integer onDemandPercentageAboveBase,
                           SpotSpec spot, Credits credits,
                           @AtMost(value = "4608", why = "the largest balance a burstable type holds (t3.2xlarge: 24 h of 192 credits)") Double initialCredits) {

    /** How a burstable instance spends CPU credits past its balance (EC2's credit specification). */
    public enum Credits {
        /** Runs at its baseline once the balance is spent. */
        STANDARD("standard"),
        /** Keeps bursting on surplus credits, billed unless paid back. */
        UNLIMITED("unlimited");

        private final String yamlName;

        Credits(String yamlName) {
            this.yamlName = yamlName;
        }

        @JsonValue
        public String yamlName() {
            return yamlName;
        }
    }

    /** Instances without a credit specification (a burstable type then runs unlimited, from no credits). */
    public InstanceSpec(String type, Market market, Integer onDemandBase, Integer onDemandPercentageAboveBase, SpotSpec spot) {
        this(type, market, onDemandBase, onDemandPercentageAboveBase, spot, null, null);
    }

    public InstanceSpec {
        if (initialCredits != null) {
            FieldError.nonNegative(initialCredits, "initial-credits");
        }
        FieldError.require(type, "type");
        if (market != null && (onDemandBase != null || onDemandPercentageAboveBase != null)) {
            throw new FieldError("market", "give either market: or a mixed fleet (on-demand-base, on-demand-percentage-above-base),"
                    + " not both");
        }
        if (onDemandBase != null && onDemandBase < 0) {
            throw new FieldError("on-demand-base", "must be zero or more, got " + onDemandBase);
        }
        if (onDemandPercentageAboveBase != null && (onDemandPercentageAboveBase < 0 || onDemandPercentageAboveBase > 100)) {
            throw new FieldError("on-demand-percentage-above-base", "a percentage from 0 to 100, got " + onDemandPercentageAboveBase);
        }
        if (market == Market.SPOT) {
            onDemandBase = 0;
            onDemandPercentageAboveBase = 0;
        } else if (market == Market.ON_DEMAND) {
            onDemandBase = 0;
            onDemandPercentageAboveBase = 100;
        } else {
            onDemandBase = onDemandBase == null ? 0 : onDemandBase;
            onDemandPercentageAboveBase = onDemandPercentageAboveBase == null ? 100 : onDemandPercentageAboveBase;
            market = onDemandBase == 0 && onDemandPercentageAboveBase == 0 ? Market.SPOT
                    : onDemandPercentageAboveBase == 100 ? Market.ON_DEMAND : null;
        }
        if (spot != null && onDemandPercentageAboveBase == 100) {
            throw new FieldError("spot", "spot settings on a fleet that is all on-demand: set market: spot or"
                    + " on-demand-percentage-above-base below 100");
        }
    }

    /** On-demand instances of one type. */
    public static InstanceSpec onDemand(String type) {
        return new InstanceSpec(type, Market.ON_DEMAND, null, null, null);
    }

    /** True when some instances may run on spot. */
    public boolean usesSpot() {
        return onDemandPercentageAboveBase < 100;
    }

    /** How many of a fleet of {@code capacity} instances AWS runs on demand. */
    public int onDemandCount(int capacity) {
        if (capacity <= onDemandBase) {
            return Math.max(capacity, 0);
        }
        long above = capacity - onDemandBase;
        return onDemandBase + (int) ((above * onDemandPercentageAboveBase + 99) / 100);
    }

    /** The market of the next instance launched into a fleet that runs this many of each. */
    public Market marketOfNext(int runningOnDemand, int runningSpot) {
        int target = onDemandCount(runningOnDemand + runningSpot + 1);
        return runningOnDemand < target ? Market.ON_DEMAND : Market.SPOT;
    }

    /** The market of the instance to stop when this fleet scales in by one (AWS rebalances toward the split). */
    public Market marketToStop(int runningOnDemand, int runningSpot) {
        int target = onDemandCount(runningOnDemand + runningSpot - 1);
        if (runningSpot == 0) {
            return Market.ON_DEMAND;
        }
        return runningOnDemand > target ? Market.ON_DEMAND : Market.SPOT;
    }

    /** The spot discount for this component: its own, else the catalogue's. */
    public double spotDiscount(PriceCatalogue catalogue) {
        return spot != null && spot.discount() != null ? spot.discount() : catalogue.spotDiscount();
    }

    /** Spot interruptions per instance-hour for this component: its own, else the catalogue's. */
    public double spotInterruptionsPerHour(PriceCatalogue catalogue) {
        return spot != null && spot.interruptionsPerHour() != null ? spot.interruptionsPerHour()
                : catalogue.spotInterruptionsPerHour();
    }
}
