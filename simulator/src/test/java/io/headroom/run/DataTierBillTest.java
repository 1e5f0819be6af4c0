package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.pricing.CostSummary;
import io.headroom.pricing.StorageFigures;
import io.headroom.yaml.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * A data tier's bill over one hour of a run, against hand computation from the bundled catalogue: an RDS primary and
 * two replicas by the DB instance-hour with a volume each, ElastiCache nodes by the node-hour, and a growing S3 bucket
 * with a lifecycle rule by the GB-month (730 hours), its transitions per 1,000 objects.
 */
class DataTierBillTest {
    private static final String DESIGN = """
            name: data-tier
            entry: api
            components:
              api:
                type: service
                concurrency: 8
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}, calls: [{to: sessions}, {to: orders-db}]}
              sessions:
                type: cache
                eviction: lru
                capacity: 3000
                replicas: 3
                instance: {type: cache.r6g.large}
                hit-latency: {dist: constant, value: 1ms}
                miss: db
              db:
                type: service
                concurrency: 8
                endpoints:
                  q: {demand: {dist: constant, value: 2ms}}
              orders-db:
                type: database
                instance: {type: db.r6g.large}
                engine: postgres
                replicas: 2
                concurrency: 16
                demand: {dist: constant, value: 1ms}
                storage: {class: gp3, size: 100Gi, iops: 6000}
            storage:
              uploads:
                type: bucket
                class: standard
                size: 1Ti
                growth-per-day: 24Gi
                object-size: 1Mi
                lifecycle: [{after: 30d, class: standard-ia}]
            """;

    @Test
    void aDesignThatStoresNothingHasNoStorageMarket() throws BadInputException {
        String plain = DESIGN.substring(0, DESIGN.indexOf("storage:\n  uploads")).replace("    storage: {class: gp3, size: 100Gi, iops: 6000}\n", "");
        CostSummary c = Models.run(ClusterTimelineTest.read(plain), Models.poisson(20, 60), 1).cost();
        assertEquals(java.util.List.of("on-demand", "spot", "reserved", "savings-plan", "function", "load-balancer", "network"),
                java.util.List.copyOf(c.asJson().get("by_market") instanceof java.util.Map<?, ?> m ? m.keySet() : java.util.Set.of()));
        assertEquals(java.util.Map.of(), c.storage());
    }

    @Test
    void anRdsPrimaryAndTwoReplicasForAnHour() throws BadInputException {
        RunResult r = Models.run(ClusterTimelineTest.read(DESIGN), Models.poisson(20, 3600), 1);
        CostSummary c = r.cost();
        // three db.r6g.large PostgreSQL instances at 0.225 USD an hour, each with its own 100 GB gp3 volume at 0.115 a
        // GB-month and 6,000 IOPS, 3,000 above the 3,000 a volume under 400 GB includes, at 0.02 an IOPS-month
        double instances = 3 * 0.225;
        double volumes = 3 * (100 * 0.115 + 3000 * 0.02) / 730;
        StorageFigures f = c.storage().get("orders-db");
        assertEquals("database", f.type());
        assertEquals(300.0, f.gbStart(), 1e-12);
        assertEquals(volumes, f.usd(), 1e-12);
        assertEquals(3 * 3000 * 0.02 / 730, f.provisionedUsd(), 1e-12);
        assertEquals(instances + volumes, c.byComponent().get("orders-db"), 1e-9);
        assertEquals(3.0, c.instanceHours().get("orders-db"), 1e-9);
        assertEquals(2, r.components().get("orders-db").cores(), "a db.r6g.large's 2 vCPUs are its instances' cores");
    }

    @Test
    void cacheNodesAndAGrowingBucketForAnHour() throws BadInputException {
        RunResult r = Models.run(ClusterTimelineTest.read(DESIGN), Models.poisson(20, 3600), 1);
        CostSummary c = r.cost();
        // three cache.r6g.large nodes at 0.206 USD an hour each
        assertEquals(3 * 0.206, c.byComponent().get("sessions"), 1e-9);
        // 1 TiB written at 24 GiB a day: Standard holds the last 30 days (720 GiB), Standard-IA the older 304 GiB,
        // which grows by 1 GiB in the hour (mean 304.5 GiB); 1 GiB of 1 MiB objects moves: 1,024 transitions
        double standard = 720 * 0.023 / 730;
        double ia = 304.5 * 0.0125 / 730;
        double transitions = 1024 / 1000.0 * 0.01;
        StorageFigures f = c.storage().get("uploads");
        assertEquals(standard, f.byClass().get("standard"), 1e-12);
        assertEquals(ia, f.byClass().get("standard-ia"), 1e-12);
        assertEquals(1024, f.transitions(), 1e-9);
        assertEquals(standard + ia + transitions, f.usd(), 1e-12);
        assertEquals(1024.0, f.gbStart(), 1e-12);
        assertEquals(1025.0, f.gbEnd(), 1e-12);
        assertEquals(f.usd(), c.byComponent().get("uploads"), 1e-12);
        StorageFigures db = c.storage().get("orders-db");
        assertEquals(f.usd() + db.usd(), c.byMarket().get("storage"), 1e-12);
        assertEquals(3 * 0.206 + f.usd() + c.byComponent().get("orders-db"), c.totalUsd(), 1e-9);
    }
}
