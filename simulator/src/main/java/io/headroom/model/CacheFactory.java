package io.headroom.model;

import io.headroom.cache.HashRing;
import io.headroom.cache.KeyCache;
import io.headroom.design.CacheSpec;
import io.headroom.design.CallSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.cache.EvictionConfig;
import io.headroom.design.cache.WritesSpec;
import io.headroom.request.Component;
import io.headroom.service.CacheStation;
import io.headroom.yaml.BadInputException;
import java.util.ArrayList;

/**
 * A cache: one key cache per replica — its own per instance, or its share of a shared cluster, keys placed on the
 * nodes by consistent hashing — answering hits after its hit latency
 * and sending misses to the component behind it. It has no endpoints of its own: every call
 * reaches endpoint 0. An ElastiCache cache's nodes are billed from the start of the run to its end.
 */
final class CacheFactory implements ComponentFactory<CacheSpec> {

    @Override
    public Component build(String name, CacheSpec cs, ModelBuilder model) throws BadInputException {
        int replicas = cs.replicas().initial();
        KeyCache[] caches = new KeyCache[replicas];
        EvictionConfig eviction = cs.nodeEvictionConfig();
        long sizeSeed = eviction.sizedInBytes() ? model.streams().stream("component:" + name + ":item-size").nextLong() : 0;
        for (int i = 0; i < replicas; i++) {
            caches[i] = KeyCache.create(eviction, model.streams().stream("component:" + name + ":cache:" + i), sizeSeed);
        }
        int missEndpoint = 0;
        ServiceSpec behind = model.serviceBehind(cs.miss());
        if (behind != null) {
            missEndpoint = cs.missEndpoint() == null ? 0 : new ArrayList<>(behind.endpoints().keySet()).indexOf(cs.missEndpoint());
        }
        CacheStation station = new CacheStation(name, model.sim(), model.requests(), caches,
                model.sampler(cs.hitLatency(), "component:" + name + ":hit-latency"), model.indexOf(cs.miss()), missEndpoint);
        if (name.equals(model.design().entry())) {
            station.entry(cs.missEndpoint() == null ? -1 : missEndpoint);
        }
        if (cs.clustered()) {
            station.hashKeys(new HashRing(replicas));
        }
        if (cs.writes() != null) {
            int writeEndpoint = 1; // a store's write
            if (behind != null) {
                writeEndpoint = cs.writes().endpoint() == null ? 0 : new ArrayList<>(behind.endpoints().keySet()).indexOf(cs.writes().endpoint());
            }
            station.writes(writeEndpoint, cs.writes().policy() == WritesSpec.Policy.INVALIDATE);
        }
        if (cs.failures() != null) {
            station.fail(model.sampler(cs.failures().timeBetween(), "component:" + name + ":failures:time-between"),
                    model.sampler(cs.failures().timeToRepair(), "component:" + name + ":failures:time-to-repair"));
        }
        model.addCache(name, station);
        if (cs.instance() != null && model.ledger() != null) {
            var node = model.catalogue().cacheNode(cs.instance().type());
            for (int i = 0; i < replicas; i++) {
                model.ledger().instanceStarted(name, i, node, io.headroom.design.pricing.Market.ON_DEMAND, 0);
            }
        }
        return station;
    }

    @Override
    public void wire(String name, CacheSpec spec, Component built, ModelBuilder model) {
        ((CacheStation) built).wire(model.components());
    }

    @Override
    public int endpointOf(String name, CacheSpec spec, CallSpec call, String callerEndpoint, ModelBuilder model) {
        return call.write() ? CacheStation.WRITE : CacheStation.LOOKUP;
    }
}
