package io.headroom.pricing;

import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Market;
import io.headroom.fleet.Fleet;
import java.util.Arrays;

/**
 * Bills one fleet's instances to a {@link CostLedger}: the fleet says when an instance slot starts
 * and stops being billed, and this picks each launch's market by the component's
 * {@link InstanceSpec} (the mixed-fleet split, counted over the instances this fleet runs) and
 * remembers it, so that a spot-interruption process can ask {@link #marketOf} which instances are
 * spot. A sharded store's shards are separate fleets billed to one component: give each its own
 * {@code idOffset} so their slots do not collide in the ledger.
 */
public final class FleetBilling implements Fleet.Billing {
    private final CostLedger ledger;
    private final String component;
    private final InstanceType type;
    private final InstanceSpec spec;
    private final double spotDiscount;
    private final int idOffset;
    private Market[] market = new Market[16];
    private boolean[] leaving = new boolean[16];
    private int onDemand;
    private int spot;

    public FleetBilling(CostLedger ledger, String component, InstanceSpec spec, int idOffset) {
        this(ledger, component, spec, ledger.catalogue().type(spec.type()), idOffset);
    }

    /** Bills as {@code type}, resolved by the caller (an RDS DB instance class for its engine). */
    public FleetBilling(CostLedger ledger, String component, InstanceSpec spec, InstanceType type, int idOffset) {
        this.ledger = ledger;
        this.component = component;
        this.spec = spec;
        this.type = type;
        this.spotDiscount = spec.spotDiscount(ledger.catalogue());
        this.idOffset = idOffset;
    }

    @Override
    public void started(int slot, long now) {
        Market m = spec.marketOfNext(onDemand, spot);
        if (slot >= market.length) {
            market = Arrays.copyOf(market, Math.max(slot + 1, market.length * 2));
            leaving = Arrays.copyOf(leaving, market.length);
        }
        market[slot] = m;
        if (m == Market.ON_DEMAND) {
            onDemand++;
        } else {
            spot++;
        }
        ledger.instanceStarted(component, idOffset + slot, type, m, spotDiscount, now);
    }

    @Override
    public void leaving(int slot) {
        if (slot < market.length && market[slot] != null && !leaving[slot]) {
            leaving[slot] = true;
            if (market[slot] == Market.ON_DEMAND) {
                onDemand--;
            } else {
                spot--;
            }
        }
    }

    @Override
    public void stopped(int slot, long now) {
        if (!leaving[slot]) {
            if (market[slot] == Market.ON_DEMAND) {
                onDemand--;
            } else {
                spot--;
            }
        }
        leaving[slot] = false;
        market[slot] = null;
        ledger.instanceStopped(component, idOffset + slot, now);
    }

    /** The market of the instance in {@code slot}, or null if none is billed there. */
    public Market marketOf(int slot) {
        return slot < market.length ? market[slot] : null;
    }

    /**
     * Which market a scale-in should take an instance from to keep AWS's split (for a fleet that
     * chooses its victims as EC2 Auto Scaling does).
     */
    public Market marketToStop() {
        return spec.marketToStop(onDemand, spot);
    }

    @Override
    public boolean isSpot(int slot) {
        return marketOf(slot) == Market.SPOT;
    }

    /** Spot interruptions per instance-hour for this component (its own, else the catalogue's). */
    @Override
    public double spotInterruptionsPerHour() {
        return spec.spotInterruptionsPerHour(ledger.catalogue());
    }
}
