package io.headroom.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Market;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.Term;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Commitments on managed services, in AWS's terms: a reserved DB instance covers a running DB instance of its class and
 * engine; a compute savings plan covers EC2 only, never RDS or ElastiCache.
 */
class ManagedCommitmentsTest {
    private static final long H = 3_600_000_000_000L;
    private static final PriceCatalogue AWS = PriceCatalogue.defaultCatalogue();

    @Test
    void aReservedDbInstanceCoversItsClassAndTheSavingsPlanCoversOnlyEc2() {
        CommitmentSpec ri = new CommitmentSpec("db.r6g.large", 1, null, null, Term.ONE_YEAR, null, "postgres");
        CostLedger ledger = new CostLedger(AWS, List.of(ri, CommitmentSpec.savingsPlan(1.0, Term.ONE_YEAR)));
        InstanceType pg = AWS.databaseClass("postgres", "db.r6g.large");
        InstanceType my = AWS.databaseClass("mysql", "db.r6g.large");
        InstanceType node = AWS.cacheNode("cache.r6g.large");
        InstanceType c6i = AWS.type("c6i.large");
        ledger.instanceStarted("db", 0, pg, Market.ON_DEMAND, 0);
        ledger.instanceStarted("db", 1, pg, Market.ON_DEMAND, 0);
        ledger.instanceStarted("legacy-db", 0, my, Market.ON_DEMAND, 0); // same class, another engine: not the reservation's
        ledger.instanceStarted("cache", 0, node, Market.ON_DEMAND, 0);
        ledger.instanceStarted("api", 0, c6i, Market.ON_DEMAND, 0);
        CostSummary c = ledger.finish(H, Map.of(), 0);
        double riFee = 0.225 * (1 - 0.30);
        // the plan covers the c6i.large alone, at its 25 % discount; the rest of its 1 USD an hour goes unused
        double planUsed = 0.085 * (1 - 0.25);
        assertEquals(riFee + 0.225, c.byComponent().get("db"), 1e-12);
        assertEquals(0.215, c.byComponent().get("legacy-db"), 1e-12);
        assertEquals(0.206, c.byComponent().get("cache"), 1e-12);
        assertEquals(planUsed, c.byComponent().get("api"), 1e-12);
        assertEquals(1.0 - planUsed, c.byComponent().get("unused-commitments"), 1e-12);
        assertEquals(riFee + 1.0 + 0.225 + 0.215 + 0.206, c.totalUsd(), 1e-12);
    }
}
