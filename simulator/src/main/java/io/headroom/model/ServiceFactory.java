package io.headroom.model;

import io.headroom.design.CallSpec;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.request.Component;
import io.headroom.routing.Dispatcher;
import io.headroom.service.CallPlan;
import io.headroom.service.ServiceStation;
import io.headroom.yaml.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service: one station whose instances serve its endpoints, billed to the service, with its own
 * instance lifecycle; requests sent to the service go to that station, which calls onwards by the
 * endpoints' call plans.
 *
 * <p>Each deployment {@code k} of the service makes version {@code k + 1} of its code: the endpoints as its
 * {@code new-version} has them (a restart's are the running ones), drawing from streams of its own named
 * {@code component:<name>:v<k+1>:...} ({@code :endpoint:<ep>:demand}, {@code :wait}, {@code :call:<c>:latency},
 * {@code :calls}), so that versions are independent of each other and a design without deployments draws what it
 * always drew.
 */
final class ServiceFactory implements ComponentFactory<ServiceSpec> {

    @Override
    public void addStations(String name, ServiceSpec spec, ModelBuilder model) throws BadInputException {
        ServiceStation st = station(name, name, spec, model);
        model.addStation(name, st, spec);
        model.addUnit(name, List.of(st), false);
        if (!spec.onCluster()) {
            model.bill(name, name, spec.instance(), 0); // a pod is priced through its nodes
        }
    }

    @Override
    public Component build(String name, ServiceSpec spec, ModelBuilder model) {
        return model.station(name);
    }

    @Override
    public void wire(String name, ServiceSpec spec, Component built, ModelBuilder model) throws BadInputException {
        ServiceStation st = (ServiceStation) built;
        st.setup().wire(model.components(), plans(name, spec.endpoints(), model), model.streams().stream("component:" + name + ":calls"),
                model::connectionLimit);
        st.setup().setErrorRates(errorRates(spec.endpoints()));
        List<Map<String, EndpointSpec>> versions = new ArrayList<>();
        versions.add(spec.endpoints());
        for (int k = 0; k < spec.deployments().size(); k++) {
            Map<String, EndpointSpec> endpoints = spec.deployments().get(k).newVersion().applyTo(spec.endpoints());
            String v = name + ":v" + (k + 1);
            EndpointSamplers work = EndpointSamplers.of(v, endpoints, model,
                    model.slowdown(spec.instance() == null ? null : spec.instance().type()));
            st.setup().addVersion(work.demand(), work.offCpu(), errorRates(endpoints), plans(v, endpoints, model),
                    model.streams().stream("component:" + v + ":calls"));
            versions.add(endpoints);
        }
        if (model.design().network() != null) {
            long[][] bytes = new long[versions.size() * spec.endpoints().size()][];
            int e = 0;
            for (Map<String, EndpointSpec> endpoints : versions) {
                for (Map.Entry<String, EndpointSpec> ep : endpoints.entrySet()) {
                    bytes[e++] = CallPlans.bytes(ep.getKey(), ep.getValue(), model);
                }
            }
            st.setup().meterCrossZone(bytes, model.ledger()::crossZone);
        }
        String region = model.design().regions() == null ? null : model.design().regions().regionOf(name);
        if (region != null && model.ledger() != null) { // each call's bytes billed to the region they leave
            int n = versions.size() * spec.endpoints().size();
            long[][] sent = new long[n][];
            long[][] back = new long[n][];
            java.util.function.LongConsumer[][] backMeters = new java.util.function.LongConsumer[n][];
            boolean any = false;
            int e = 0;
            for (Map<String, EndpointSpec> endpoints : versions) {
                for (Map.Entry<String, EndpointSpec> ep : endpoints.entrySet()) {
                    sent[e] = CallPlans.regionBytes(name, ep.getKey(), ep.getValue(), model, false);
                    back[e] = CallPlans.regionBytes(name, ep.getKey(), ep.getValue(), model, true);
                    backMeters[e] = new java.util.function.LongConsumer[sent[e].length];
                    for (int c = 0; c < sent[e].length; c++) {
                        any |= sent[e][c] > 0 || back[e][c] > 0;
                        if (back[e][c] > 0) {
                            backMeters[e][c] = model.transferMeter(model.design().regions().regionOf(ep.getValue().calls().get(c).to()));
                        }
                    }
                    e++;
                }
            }
            if (any) {
                st.setup().meterInterRegion(sent, model.transferMeter(region), back, backMeters);
            }
        }
    }

    /** Per endpoint, its calls; a version's latencies draw from streams named after {@code stream}. */
    private static CallPlan[] plans(String stream, Map<String, EndpointSpec> endpoints, ModelBuilder model) throws BadInputException {
        CallPlan[] plans = new CallPlan[endpoints.size()];
        int local = 0;
        for (Map.Entry<String, EndpointSpec> ep : endpoints.entrySet()) {
            plans[local++] = CallPlans.of(stream, ep.getKey(), ep.getValue(), model);
        }
        return plans;
    }

    private static double[] errorRates(Map<String, EndpointSpec> endpoints) {
        return endpoints.values().stream().mapToDouble(EndpointSpec::errorRate).toArray();
    }

    @Override
    public int endpointOf(String name, ServiceSpec spec, CallSpec call, String callerEndpoint, ModelBuilder model) {
        return endpointIn(name, spec, call, callerEndpoint);
    }

    /** The endpoint of service {@code callee} (reached as {@code name}) that {@code call} names, the caller's by default. */
    static int endpointIn(String name, ServiceSpec callee, CallSpec call, String callerEndpoint) {
        String calleeEndpoint = call.endpoint() != null ? call.endpoint() : callerEndpoint;
        if (callee == null || !callee.endpoints().containsKey(calleeEndpoint)) {
            throw new IllegalArgumentException("a call to " + name + "." + calleeEndpoint
                    + ", which the design does not have (use DesignReader for a located error)");
        }
        return new ArrayList<>(callee.endpoints().keySet()).indexOf(calleeEndpoint);
    }

    /** The station of a service (or of a store's shard, seen as a service). */
    static ServiceStation station(String name, ServiceSpec s, ModelBuilder model) throws BadInputException {
        return station(name, s, model, s.instance() == null ? null : s.instance().type());
    }

    /**
     * The station of a service (or a store's shard) billed to {@code component}, with its instance type's CPU: hyperthreads
     * when its cores are the type's vCPUs, credits when the type is burstable (pods have neither: their nodes' types vary).
     */
    static ServiceStation station(String name, String component, ServiceSpec s, ModelBuilder model) throws BadInputException {
        ServiceStation st = station(name, s, model);
        if (!s.onCluster() && s.instance() != null) {
            model.cpu(name, component, st, s.instance().type(), s.instance(), s.cores() == null);
        }
        return st;
    }

    /** The station of a service whose instances are of {@code type} (null: none) for the speed of its CPU. */
    static ServiceStation station(String name, ServiceSpec s, ModelBuilder model, String type) throws BadInputException {
        EndpointSamplers work = EndpointSamplers.of(name, s.endpoints(), model, model.slowdown(type));
        int capacity = s.queue().capacity() == null ? -1 : s.queue().capacity();
        long timeout = s.queue().timeout() == null ? -1 : s.queue().timeout().toNanos();
        int cores = model.catalogue().cores(s.cores(), s.instance(), s.concurrency());
        // a pod service's instances are its pods, launched as the scheduler binds them: it starts with none
        int initial = s.onCluster() ? 0 : s.replicas().initial();
        ServiceStation station = new ServiceStation(name, model.sim(), model.requests(), initial, s.concurrency(), cores,
                capacity, timeout, work.demand(), work.offCpu(),
                Dispatcher.of(s.dispatch(), model.streams().stream("component:" + name + ":dispatch"), null, s.replicas().initial()));
        station.declareReplicas(s.replicas().initial());
        if (s.onCluster() && s.pod().cpuLimit() != null) {
            station.podCpu().limit(s.pod().cpuLimitMilli(), s.pod().cfsPeriod().toNanos());
        }
        return station;
    }
}
