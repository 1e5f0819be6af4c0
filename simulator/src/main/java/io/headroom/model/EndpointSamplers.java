package io.headroom.model;

import io.headroom.design.EndpointSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.yaml.BadInputException;
import java.util.Map;

/**
 * What each endpoint of a component costs, as samplers indexed like its endpoints (the design's order):
 * {@code demand[e]} its CPU time and {@code offCpu[e]} its off-CPU time (YAML {@code wait}), null where the endpoint has none.
 * Each draws from its own stream, {@code component:<name>:endpoint:<endpoint>:demand} or {@code :wait}.
 */
record EndpointSamplers(DurationSampler[] demand, DurationSampler[] offCpu) {

    static EndpointSamplers of(String name, Map<String, EndpointSpec> endpoints, ModelBuilder model) throws BadInputException {
        int n = endpoints.size();
        DurationSampler[] demand = new DurationSampler[n];
        DurationSampler[] offCpu = new DurationSampler[n];
        int i = 0;
        for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
            String stream = "component:" + name + ":endpoint:" + e.getKey();
            demand[i] = model.sampler(e.getValue().demand(), stream + ":demand");
            offCpu[i] = model.sampler(e.getValue().offCpu(), stream + ":wait");
            i++;
        }
        return new EndpointSamplers(demand, offCpu);
    }
}
