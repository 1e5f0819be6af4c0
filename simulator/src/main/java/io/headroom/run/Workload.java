package io.headroom.run;

import io.headroom.ahead.DrawAhead;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.ServiceSpec;
import io.headroom.engine.Simulation;
import io.headroom.load.LoadProfile;
import io.headroom.load.keys.KeySampler;
import io.headroom.metrics.RequestMetrics;
import io.headroom.model.Model;
import io.headroom.random.RandomStreams;
import io.headroom.request.Requests;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A load profile set up against a model: the endpoints requests are sent to (the entry's, and any
 * other a scenario names as {@code component.endpoint}), the program each user steps through, the
 * mix weights, and the driver that injects it all. {@code reported} are the endpoints the results
 * show: those the mix or the scenario can send to.
 */
record Workload(LoadDriver driver, RequestMetrics metrics, Set<Integer> reported) {

    static Workload of(Design design, Model model, LoadProfile profile, Path profileBaseDir, RandomStreams streams,
                       Simulation sim, Requests requests, DrawAhead ahead) throws BadInputException {
        List<String> componentNames = model.componentNames();
        ServiceSpec entrySpec = DesignReader.entryService(design.components(), design.entry());
        int entryIndex = componentNames.indexOf(design.entry());
        String[] entryEndpoints = entrySpec.endpoints().keySet().toArray(String[]::new);
        Endpoints endpoints = new Endpoints();
        for (int i = 0; i < entryEndpoints.length; i++) {
            endpoints.register(entryEndpoints[i], entryIndex, i);
        }
        for (String m : profile.mix().keySet()) {
            if (!entrySpec.endpoints().containsKey(m)) {
                throw new IllegalArgumentException("mix names '" + m + "', not an endpoint of " + design.entry()
                        + " (use DesignReader.checkCompatible for a located error)");
            }
        }
        ScenarioProgram program;
        Set<Integer> used = new TreeSet<>();
        if (profile.scenario() == null) {
            var closed = profile.k6() != null ? null : profile.scaledClosed();
            program = ScenarioProgram.oneRequest(closed == null ? null : closed.think(), streams, profileBaseDir);
        } else {
            program = ScenarioProgram.compile(profile.scenario(), (endpoint, component) -> {
                String target = component == null ? design.entry() : component;
                int index = componentNames.indexOf(target);
                ServiceSpec ts = index < 0 ? null : component == null ? entrySpec : DesignReader.serviceBehind(design.components(), target);
                if (ts == null || !ts.endpoints().containsKey(endpoint)) {
                    throw new IllegalArgumentException("the scenario names " + target + "." + endpoint
                            + ", which the design does not have (use DesignReader.checkCompatible for a located error)");
                }
                int localEndpoint = new ArrayList<>(ts.endpoints().keySet()).indexOf(endpoint);
                int e = endpoints.register(index == entryIndex ? endpoint : target + "." + endpoint, index, localEndpoint);
                used.add(e);
                return e;
            }, streams, profileBaseDir);
        }
        boolean usesMix = false;
        for (int pc = 0; pc < program.op.length; pc++) {
            usesMix |= program.op[pc] == ScenarioProgram.REQUEST && program.a[pc] == ScenarioProgram.FROM_MIX;
        }
        if (usesMix && profile.mix().isEmpty() && entryEndpoints.length > 1) {
            throw new IllegalArgumentException("no mix, but " + design.entry() + " has several endpoints");
        }
        double[] weights = new double[entryEndpoints.length];
        for (int i = 0; i < entryEndpoints.length; i++) {
            weights[i] = profile.mix().isEmpty() ? (i == 0 ? 1 : 0) : profile.mix().getOrDefault(entryEndpoints[i], 0.0);
            if (usesMix && weights[i] > 0) {
                used.add(i);
            }
        }
        RequestMetrics metrics = new RequestMetrics(endpoints.labels());
        LoadDriver.KeySource keys = profile.keys() == null ? () -> 0L
                : KeySampler.of(profile.keys(), streams.stream("load:keys"))::next;
        long warmupNs = profile.warmup().toNanos();
        LoadDriver driver = new LoadDriver(sim, requests, metrics, endpoints, model.components(), program,
                weights, streams.stream("load:mix"), streams.stream("load:scenario"), keys, warmupNs,
                profile.k6() != null || profile.isClosed() ? null : ahead.arrivals(profile.arrivals(streams)),
                profile.k6() != null ? null : profile.scaledClosed(), profile.k6Plan());
        if (model.regional() != null) {
            driver.populations(model.regional().users());
        }
        return new Workload(driver, metrics, used);
    }
}
