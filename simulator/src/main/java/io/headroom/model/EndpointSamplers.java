package io.headroom.model;

import io.headroom.design.EndpointSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.yaml.BadInputException;
import java.util.Map;

/**
 * What each endpoint of a component costs, as samplers indexed like its endpoints (the design's order):
 * {@code demand[e]} its CPU time and {@code offCpu[e]} its off-CPU time (YAML {@code wait}), null where the endpoint has none.
 * Each draws from its own stream, {@code component:<name>:endpoint:<endpoint>:demand} or {@code :wait}. On an instance
 * type of another family than the one the design's demands were measured on, demands are scaled by their speeds.
 */
record EndpointSamplers(DurationSampler[] demand, DurationSampler[] offCpu) {

    static EndpointSamplers of(String name, Map<String, EndpointSpec> endpoints, ModelBuilder model) throws BadInputException {
        return of(name, endpoints, model, 1);
    }

    /**
     * The samplers of a component whose CPU is {@code slowdown} times as slow as the one its demands were measured on
     * (the speed of the reference family over its own; 1: the same): each demand drawn, then scaled; {@code wait} never.
     */
    static EndpointSamplers of(String name, Map<String, EndpointSpec> endpoints, ModelBuilder model, double slowdown)
            throws BadInputException {
        int n = endpoints.size();
        DurationSampler[] demand = new DurationSampler[n];
        DurationSampler[] offCpu = new DurationSampler[n];
        int i = 0;
        for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
            String stream = "component:" + name + ":endpoint:" + e.getKey();
            demand[i] = model.sampler(e.getValue().demand(), stream + ":demand");
            if (slowdown != 1 && demand[i] != null) {
                DurationSampler measured = demand[i];
                demand[i] = () -> Math.round(measured.sampleNanos() * slowdown);
            }
            offCpu[i] = model.sampler(e.getValue().offCpu(), stream + ":wait");
            i++;
        }
        return new EndpointSamplers(demand, offCpu);
    }
}
