package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Managed services as YAML buys them — an RDS DB instance class for an engine, ElastiCache nodes — and their mistakes located. */
class ManagedPricingInputTest {
    private static final String DESIGN = """
            name: d
            entry: api
            components:
              api:
                type: service
                concurrency: 1
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}, calls: [{to: cache}, {to: db}]}
              cache:
                type: cache
                eviction: lru
                capacity: 1000
                miss: db
            %s
              db:
                type: database
                concurrency: 8
                demand: {dist: constant, value: 1ms}
            %s
            """;

    private static String text(String cacheKeys, String dbKeys) {
        return DESIGN.formatted(cacheKeys.indent(4).stripTrailing(), dbKeys.indent(4).stripTrailing());
    }

    private static Design read(String cacheKeys, String dbKeys) throws BadInputException {
        return DesignText.read(text(cacheKeys, dbKeys));
    }

    private static String error(String cacheKeys, String dbKeys) {
        return DesignText.error(text(cacheKeys, dbKeys));
    }

    @Test
    void theBundledRowsAreTheCitedOnes() {
        PriceCatalogue aws = PriceCatalogue.defaultCatalogue();
        assertEquals(0.225, aws.databaseClass("postgres", "db.r6g.large").onDemandUsdPerHour());
        assertEquals(0.215, aws.databaseClass("mysql", "db.r6g.large").onDemandUsdPerHour());
        assertEquals(0.145, aws.databaseClass("postgres", "db.t3.large").onDemandUsdPerHour());
        assertEquals(0.164, aws.databaseClass("aurora-postgresql", "db.t3.large").onDemandUsdPerHour());
        assertEquals(16.0, aws.databaseClass("postgres", "db.r6g.large").memoryGib());
        assertEquals(0.206, aws.cacheNode("cache.r6g.large").onDemandUsdPerHour());
        assertEquals(13.07, aws.cacheNode("cache.r6g.large").memoryGib());
        // managed rows are kept apart from EC2's: a NodePool or a service cannot pick them
        assertEquals(false, aws.find("db.r6g.large").isPresent());
        assertEquals(false, aws.find("cache.r6g.large").isPresent());
    }

    @Test
    void rdsAndElastiCacheAsWritten() throws BadInputException {
        Design d = read("replicas: 2\ninstance: {type: cache.r6g.large}",
                "instance: {type: db.r6g.large}\nengine: mysql\nstorage: {size: 200Gi}\nmax-connections: 100");
        DatabaseSpec db = (DatabaseSpec) d.components().get("db");
        assertEquals(true, db.managed());
        assertEquals("mysql", db.engine());
        assertEquals("gp3", db.storage().storageClass());
        assertEquals(200L << 30, db.storage().size());
        assertEquals(100, db.maxConnections());
        assertEquals(1, db.storageCopies());
        assertEquals("postgres", ((DatabaseSpec) read("", "instance: {type: db.t3.large}").components().get("db")).engine());
        assertEquals(false, ((DatabaseSpec) read("", "instance: {type: r6i.large}").components().get("db")).managed());
    }

    @Test
    void aDatabaseOnEc2StoresOnEbs() throws BadInputException {
        DatabaseSpec db = (DatabaseSpec) read("", "instance: {type: r6i.large}\nstorage: {size: 100Gi}").components().get("db");
        assertEquals(io.headroom.design.storage.StorageSpec.Kind.VOLUME, db.storageSpec().type());
        assertEquals("ebs-gp3", db.storageSpec().type().catalogueKey(db.storageSpec().storageClass()));
        DatabaseSpec rds = (DatabaseSpec) read("", "instance: {type: db.t3.large}\nstorage: {size: 100Gi}").components().get("db");
        assertEquals("rds-gp3", rds.storageSpec().type().catalogueKey(rds.storageSpec().storageClass()));
    }

    @Test
    void mistakesAreLocated() {
        assertEquals("design.yaml:19:22: components.db.instance.type: unknown DB instance class 'db.r6g.lrge' for postgres in"
                + " catalogue aws-us-east-1: did you mean 'db.r6g.large'?", error("", "instance: {type: db.r6g.lrge}"));
        assertEquals("design.yaml:20:13: components.db.engine: unknown engine 'postgresql': did you mean 'postgres'?",
                error("", "instance: {type: db.r6g.large}\nengine: postgresql"));
        assertEquals("design.yaml:20:13: components.db.engine: the engine prices an RDS DB instance class: give instance: {type:"
                + " db.…}, or remove engine", error("", "instance: {type: r6i.large}\nengine: mysql"));
        assertEquals("design.yaml:19:15: components.db.instance: RDS DB instances are bought on demand (or reserved): no spot or"
                + " mixed fleet", error("", "instance: {type: db.r6g.large, market: spot}"));
        assertEquals("design.yaml:21:22: components.db.storage.class: an Aurora cluster (engine aurora-postgresql) stores on its"
                + " cluster volume: class aurora-standard or aurora-io-optimized",
                error("", "instance: {type: db.t3.large}\nengine: aurora-postgresql\nstorage: {class: gp3, size: 10Gi}"));
        assertEquals("design.yaml:20:22: components.db.storage.class: no database storage class 'gp4' in catalogue aws-us-east-1:"
                + " did you mean 'gp2'?", error("", "instance: {type: db.t3.large}\nstorage: {class: gp4, size: 10Gi}"));
        assertEquals("design.yaml:14:22: components.cache.instance.type: unknown ElastiCache node type 'cache.r6g.lrge' in"
                + " catalogue aws-us-east-1: did you mean 'cache.r6g.large'?", error("instance: {type: cache.r6g.lrge}", ""));
        assertEquals("design.yaml:15:15: components.cache.instance: a per-instance cache lives in its service's instances, which"
                + " are what is billed: an ElastiCache node type is for a shared cache",
                error("scope: per-instance\ninstance: {type: cache.r6g.large}", ""));
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(YamlDocument.parse(Path.of("design.yaml"),
                "design.yaml", DESIGN.replace("calls: [{to: cache}, {to: db}]", "calls: [{to: db, write: true, timeout: 1s,"
                        + " cancel-on-timeout: true}]").formatted("", ""))));
        assertEquals("design.yaml:8:113: components.api.endpoints.get.calls[0].cancel-on-timeout: a database's write is committed by"
                + " its primary and replicated once it runs: cancelling one still waiting is not modelled; remove cancel-on-timeout",
                e.errors().get(0).format());
    }
}
