package io.headroom.model;

import io.headroom.design.CallSpec;
import io.headroom.design.ShardedStoreSpec;
import io.headroom.request.Component;
import io.headroom.service.ServiceStation;
import io.headroom.service.ShardedStore;
import io.headroom.yaml.BadInputException;

/**
 * A sharded store: one station per shard (named {@code store/shard-k}, its replicas the shard's
 * instances, crashing as its {@code failures} say, billed to the store with instance ids offset per shard), behind a
 * router that picks
 * the shard by key. A call reaches a shard's {@code read} (0) or, with {@code write: true}, its
 * {@code write} (1) endpoint. Its {@code max-connections} bounds the connections its callers' pools open to it.
 */
final class ShardedStoreFactory implements ComponentFactory<ShardedStoreSpec> {

    @Override
    public void addStations(String name, ShardedStoreSpec store, ModelBuilder model) throws BadInputException {
        ServiceStation[] shards = new ServiceStation[store.shards()];
        for (int k = 0; k < shards.length; k++) {
            String shardName = shardName(name, k);
            shards[k] = ServiceFactory.station(shardName, name, store.shardService(), model);
            model.addStation(shardName, shards[k], store.failures() == null ? null : store.shardService());
            model.bill(shardName, name, store.instance(), k << 20);
        }
        model.addUnit(name, java.util.List.of(shards), true);
        model.limitConnections(name, store.maxConnections());
    }

    @Override
    public Component build(String name, ShardedStoreSpec store, ModelBuilder model) {
        long keySpace = store.keySpace() != null ? store.keySpace()
                : model.profile().keys() != null ? model.profile().keys().items() : 1;
        ServiceStation[] shards = new ServiceStation[store.shards()];
        for (int k = 0; k < shards.length; k++) {
            shards[k] = model.station(shardName(name, k));
        }
        return new ShardedStore(name, model.requests(), shards, store.partitioning() == ShardedStoreSpec.Partitioning.HASH, keySpace);
    }

    @Override
    public int endpointOf(String name, ShardedStoreSpec spec, CallSpec call, String callerEndpoint, ModelBuilder model) {
        return call.write() ? 1 : 0;
    }

    private static String shardName(String store, int k) {
        return store + "/shard-" + k;
    }
}
