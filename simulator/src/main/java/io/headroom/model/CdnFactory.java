package io.headroom.model;

import io.headroom.cache.KeyCache;
import io.headroom.cdn.CdnStation;
import io.headroom.design.CallSpec;
import io.headroom.design.CdnSpec;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.cache.EvictionConfig;
import io.headroom.request.Component;
import io.headroom.yaml.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CDN: an edge cache per user population (its own random streams, {@code component:NAME:edge:E}), a hit answered
 * after the edge latency, a miss sent to the origin. Its meter bills each request and the response size of the
 * endpoint of the service behind the origin it is for. It has no endpoints of its own: every call reaches endpoint 0.
 */
final class CdnFactory implements ComponentFactory<CdnSpec> {

    /** The number of edges: one per user population; a design without regions has one. */
    static int edges(ModelBuilder model) {
        return model.design().regions() == null ? 1 : model.design().regions().names().size();
    }

    /**
     * Per edge, the round trip from its users to the origin's region, added to a miss's answer: none for a global origin
     * (a router adds its own) or without regions.
     */
    static long[] originTrips(String origin, ModelBuilder model) {
        int edges = edges(model);
        long[] out = new long[edges];
        var regions = model.design().regions();
        String region = regions == null ? null : regions.regionOf(origin);
        if (region != null) {
            for (int e = 0; e < edges; e++) {
                java.time.Duration d = regions.roundTrip(regions.names().get(e), region);
                out[e] = d == null ? 0 : d.toNanos();
            }
        }
        return out;
    }

    @Override
    public Component build(String name, CdnSpec spec, ModelBuilder model) throws BadInputException {
        int edges = edges(model);
        EvictionConfig eviction = spec.evictionConfig();
        long sizeSeed = eviction.sizedInBytes() ? model.streams().stream("component:" + name + ":item-size").nextLong() : 0;
        KeyCache[] caches = new KeyCache[edges];
        for (int e = 0; e < edges; e++) {
            caches[e] = KeyCache.create(eviction, model.streams().stream("component:" + name + ":edge:" + e), sizeSeed);
        }
        ServiceSpec behind = model.serviceBehind(spec.origin());
        int originEndpoint = 0;
        long[] responseBytes = new long[0];
        if (behind != null) {
            List<String> names = new ArrayList<>(behind.endpoints().keySet());
            originEndpoint = spec.originEndpoint() == null ? 0 : names.indexOf(spec.originEndpoint());
            responseBytes = new long[names.size()];
            for (int i = 0; i < names.size(); i++) {
                EndpointSpec ep = behind.endpoints().get(names.get(i));
                responseBytes[i] = ep.responseSize() == null ? 0 : ep.responseSize().bytes();
            }
        }
        CdnStation station = new CdnStation(name, model.sim(), model.requests(), caches,
                model.sampler(spec.hitLatency(), "component:" + name + ":hit-latency"), model.indexOf(spec.origin()), originEndpoint,
                originTrips(spec.origin(), model), responseBytes, model.ledger() == null ? null : model.ledger().cdn(name));
        if (name.equals(model.design().entry())) {
            station.entry(spec.originEndpoint() == null ? -1 : originEndpoint);
            if (!spec.pass().isEmpty() && behind != null) {
                List<String> names = new ArrayList<>(behind.endpoints().keySet());
                boolean[] pass = new boolean[names.size()];
                for (String p : spec.pass()) {
                    pass[names.indexOf(p)] = true;
                }
                station.pass(pass);
            }
        }
        model.addCdn(name, station);
        return station;
    }

    @Override
    public void wire(String name, CdnSpec spec, Component built, ModelBuilder model) {
        ((CdnStation) built).wire(model.components());
    }

    @Override
    public int endpointOf(String name, CdnSpec spec, CallSpec call, String callerEndpoint, ModelBuilder model) {
        return 0;
    }
}
