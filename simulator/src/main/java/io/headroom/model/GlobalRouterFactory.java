package io.headroom.model;

import io.headroom.design.CallSpec;
import io.headroom.design.EndpointSpec;
import io.headroom.design.GlobalRouterSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.region.Regions;
import io.headroom.pricing.CostLedger;
import io.headroom.pricing.UsageMeter;
import io.headroom.region.GlobalRouter;
import io.headroom.region.RecordChoice;
import io.headroom.request.Component;
import io.headroom.service.ServiceStation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A global router: one record per region its target runs in, each sending to the target's copy there; health checks
 * that fail while the region is down or the copy has no ready instance; when it is the entry, the bytes of each answer
 * billed as transfer out to the internet from the region that served it. Its endpoints are the target's.
 */
final class GlobalRouterFactory implements ComponentFactory<GlobalRouterSpec> {

    @Override
    public Component build(String name, GlobalRouterSpec spec, ModelBuilder model) {
        Regions regions = model.design().regions();
        List<String> records = regions.placementOf(spec.target());
        int n = records.size();
        int[] targetIds = new int[n];
        int[] recordRegion = new int[n];
        long[][] rtt = regions.roundTripNanos();
        int populations = regions.names().size();
        long[][] trip = new long[populations][n];
        double[] weights = new double[n];
        for (int k = 0; k < n; k++) {
            targetIds[k] = model.indexOf(regions.regionalName(spec.target(), records.get(k)));
            recordRegion[k] = regions.indexOf(records.get(k));
            for (int p = 0; p < populations; p++) {
                trip[p][k] = rtt[p][recordRegion[k]];
            }
            if (spec.weights() != null) {
                weights[k] = spec.weights().getOrDefault(records.get(k), 0);
            }
        }
        int[] geo = new int[populations];
        int geoDefault = -1;
        if (spec.geolocation() != null) {
            for (int p = 0; p < populations; p++) {
                String r = spec.geolocation().get(regions.names().get(p));
                geo[p] = r == null ? -1 : records.indexOf(r);
            }
            String d = spec.geolocation().get("default");
            geoDefault = d == null ? -1 : records.indexOf(d);
        }
        int primary = spec.failover() == null ? -1 : records.indexOf(spec.failover().primary());
        int secondary = spec.failover() == null ? -1 : records.indexOf(spec.failover().secondary());
        RecordChoice choice = new RecordChoice(spec.policy(), n, trip, geo, geoDefault, weights, primary, secondary);
        GlobalRouter router = new GlobalRouter(name, model.sim(), model.requests(), targetIds, recordRegion, trip, choice,
                spec.ttlNanos(), model.streams().stream("component:" + name + ":routing"), model.regionOutages(), populations);
        if (name.equals(model.design().entry()) && model.ledger() != null) {
            UsageMeter[] egress = new UsageMeter[n];
            for (int k = 0; k < n; k++) {
                egress[k] = model.ledger().usage(CostLedger.TRANSFER, CostLedger.TRANSFER, records.get(k),
                        CostLedger.perByte(model.catalogue().internetUsdPerGb()));
            }
            ServiceSpec behind = model.serviceBehind(name);
            long[] response = new long[behind == null ? 1 : behind.endpoints().size()];
            if (behind != null) {
                int e = 0;
                for (EndpointSpec ep : behind.endpoints().values()) {
                    response[e++] = ep.responseSize() == null ? 0 : ep.responseSize().bytes();
                }
            }
            router.egress(egress, response);
        }
        model.addRouter(name, router, records);
        return router;
    }

    @Override
    public void wire(String name, GlobalRouterSpec spec, Component built, ModelBuilder model) {
        GlobalRouter router = (GlobalRouter) built;
        router.wire(model.components());
        if (spec.healthCheck() != null) {
            Regions regions = model.design().regions();
            List<String> records = regions.placementOf(spec.target());
            BooleanSupplier[] probes = new BooleanSupplier[records.size()];
            for (int k = 0; k < probes.length; k++) {
                probes[k] = readiness(regions.regionalName(spec.target(), records.get(k)), model);
            }
            router.healthChecks(spec.healthCheck().interval().toNanos(), spec.healthCheck().failureThreshold(), probes);
        }
    }

    /** Whether the component can serve: some instance of the service it is (or balances) is ready; anything else always. */
    private static BooleanSupplier readiness(String component, ModelBuilder model) {
        List<ServiceStation> behind = new ArrayList<>();
        ServiceStation own = model.station(component);
        if (own != null) {
            behind.add(own);
        } else if (model.design().components().get(component) instanceof io.headroom.design.LoadBalancerSpec lb
                && model.station(lb.target()) != null) {
            behind.add(model.station(lb.target()));
        }
        if (behind.isEmpty()) {
            return () -> true;
        }
        ServiceStation s = behind.get(0);
        return () -> s.instances() > 0;
    }

    @Override
    public int endpointOf(String name, GlobalRouterSpec spec, CallSpec call, String callerEndpoint, ModelBuilder model) {
        return ServiceFactory.endpointIn(name, model.serviceBehind(name), call, callerEndpoint);
    }
}
