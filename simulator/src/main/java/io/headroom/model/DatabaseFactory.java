package io.headroom.model;

import io.headroom.database.Backups;
import io.headroom.database.Database;
import io.headroom.design.CallSpec;
import io.headroom.design.DatabaseSpec;
import io.headroom.design.ShardedStoreSpec;
import io.headroom.design.database.BackupSpec;
import io.headroom.design.database.ReadRouting;
import io.headroom.request.Component;
import io.headroom.service.ServiceStation;
import io.headroom.yaml.BadInputException;
import java.util.List;

/**
 * A database: one station per shard (named {@code db/shard-k}, its instances the shard's primary and replicas, with
 * the database's failures, billed to the database with instance ids offset per shard), behind the
 * {@link Database} that routes reads and writes, replicates and fails over. A call reaches {@code read} (0) or, with
 * {@code write: true}, {@code write} (1). A managed database's instances are its DB instance class (their cores its
 * vCPUs unless given), billed at the class's price for the engine; its storage is billed per volume.
 */
final class DatabaseFactory implements ComponentFactory<DatabaseSpec> {

    @Override
    public void addStations(String name, DatabaseSpec db, ModelBuilder model) throws BadInputException {
        ServiceStation[] shards = new ServiceStation[db.shards()];
        io.headroom.design.pricing.InstanceType rds = db.managed() ? model.catalogue().databaseClass(db.engine(), db.instance().type()) : null;
        io.headroom.design.ServiceSpec shard = rds == null ? db.shardService() : db.shardService(db.coresIn(model.catalogue()), null);
        for (int k = 0; k < shards.length; k++) {
            String shardName = shardName(name, k);
            shards[k] = ServiceFactory.station(shardName, shard, model, db.instance() == null ? null : db.instance().type());
            if (db.instance() != null && db.cores() == null) { // a DB class's or an EC2 type's vCPUs: hyperthreads on x86
                model.catalogue().smtGain(db.instance().type()).ifPresent(shards[k].setup()::hyperthreads);
            }
            model.addStation(shardName, shards[k], shard);
            if (rds != null) {
                model.bill(shardName, name, db.instance(), rds, k << 20);
            } else {
                model.bill(shardName, name, db.instance(), k << 20);
            }
        }
        model.addUnit(name, List.of(shards), true);
        model.limitConnections(name, db.maxConnections());
        if (db.storage() != null && model.ledger() != null) {
            model.ledger().storage(name, model.storageBill(name, db.storageSpec(), db.storageCopies()));
        }
    }

    @Override
    public Component build(String name, DatabaseSpec db, ModelBuilder model) throws BadInputException {
        long keySpace = db.keySpace() != null ? db.keySpace()
                : model.profile().keys() != null ? model.profile().keys().items() : 1;
        ServiceStation[] shards = new ServiceStation[db.shards()];
        for (int k = 0; k < shards.length; k++) {
            shards[k] = model.station(shardName(name, k));
        }
        Database database = new Database(name, model.sim(), model.requests(), shards,
                db.partitioning() == ShardedStoreSpec.Partitioning.HASH, keySpace, db.replication(),
                model.sampler(db.lag(), "component:" + name + ":lag"), db.reads() == ReadRouting.PRIMARY, db.readYourWrites(),
                db.failover().total().toNanos(), db.replicas() > 0);
        BackupSpec b = db.backups();
        if (b != null) {
            database.runBackups(new Backups(model.sim(), shards, database::primary, b.start().toNanos(), b.every().toNanos(),
                    b.duration().toNanos(), b.capacity()));
        }
        return database;
    }

    /** A database in several regions: its copy in the first region listed holds the primaries and replicates to the others. */
    @Override
    public void wire(String name, DatabaseSpec spec, Component built, ModelBuilder model) {
        var regions = model.design().regions();
        if (regions == null) {
            return;
        }
        String base = regions.baseOf(name);
        List<String> in = regions.placementOf(base);
        if (in == null || in.size() < 2 || !in.get(0).equals(regions.regionOf(name))) {
            return;
        }
        for (String r : in.subList(1, in.size())) {
            Database copy = (Database) Model.unwrap(model.components()[model.indexOf(regions.regionalName(base, r))]);
            ((Database) built).replicateTo(copy, regions.roundTrip(in.get(0), r).toNanos());
        }
    }

    @Override
    public int endpointOf(String name, DatabaseSpec spec, CallSpec call, String callerEndpoint, ModelBuilder model) {
        return call.write() ? Database.WRITE : Database.READ;
    }

    private static String shardName(String database, int k) {
        return database + "/shard-" + k;
    }
}
