package io.headroom.model;

import io.headroom.design.CallSpec;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.request.Component;
import io.headroom.routing.Dispatcher;
import io.headroom.service.LoadBalancerStation;
import io.headroom.service.ServiceStation;
import io.headroom.yaml.BadInputException;

/**
 * A load balancer: a router with no workers in front of a service's station, billed as a balancer;
 * a call to it names an endpoint of the service behind it.
 */
final class LoadBalancerFactory implements ComponentFactory<LoadBalancerSpec> {

    @Override
    public Component build(String name, LoadBalancerSpec lb, ModelBuilder model) throws BadInputException {
        model.ledger().loadBalancer(name);
        ServiceStation target = model.station(lb.target());
        double[] w = lb.weights() == null ? null : lb.weights().stream().mapToDouble(Double::doubleValue).toArray();
        return new LoadBalancerStation(name, model.sim(), model.requests(),
                model.sampler(lb.latency(), "component:" + name + ":latency"),
                Dispatcher.of(lb.strategy(), model.streams().stream("component:" + name + ":strategy"), w, target.replicas()),
                target);
    }

    @Override
    public int endpointOf(String name, LoadBalancerSpec spec, CallSpec call, String callerEndpoint, ModelBuilder model) {
        return ServiceFactory.endpointIn(name, model.serviceBehind(name), call, callerEndpoint);
    }
}
