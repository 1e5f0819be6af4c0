package io.headroom.model;

import io.headroom.design.CallSpec;
import io.headroom.design.FunctionSpec;
import io.headroom.function.FunctionStation;
import io.headroom.pricing.FunctionMeter;
import io.headroom.request.Component;
import io.headroom.yaml.BadInputException;

/**
 * A serverless function: execution environments started on demand, billed per request and
 * duration to the ledger; a call names one of its endpoints (or reaches its only one).
 */
final class FunctionFactory implements ComponentFactory<FunctionSpec> {

    @Override
    public Component build(String name, FunctionSpec fs, ModelBuilder model) throws BadInputException {
        EndpointSamplers work = EndpointSamplers.of(name, fs.endpoints(), model);
        FunctionMeter meter = model.ledger() == null ? null
                : model.ledger().function(name, model.catalogue().functionPrice(fs.architecture()), fs.memoryMb());
        return new FunctionStation(name, model.sim(), model.requests(), fs.memoryMb(), fs.concurrency(), fs.keepWarm().toNanos(),
                model.sampler(fs.coldStart(), "component:" + name + ":cold-start"), work.demand(), work.offCpu(), meter);
    }

    @Override
    public int endpointOf(String name, FunctionSpec fs, CallSpec call, String callerEndpoint, ModelBuilder model) {
        int e = fs.endpointFor(call.endpoint(), callerEndpoint);
        if (e < 0) {
            throw new IllegalArgumentException("a call to " + name + ", which has no such endpoint"
                    + " (use DesignReader for a located error)");
        }
        return e;
    }
}
