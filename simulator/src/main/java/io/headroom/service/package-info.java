/**
 * Components at run time that hold workers and make calls: a service's instances with their workers, a FIFO
 * queue with deadlines in front of each, and cores shared by processor sharing; the calls an endpoint makes
 * after its own work (in order, in parallel, to a quorum, or asynchronously) with attempt timeouts, retries,
 * circuit breakers and bulkheads; and the load balancer, sharded store and cache stations built on them.
 * Each is a {@code io.headroom.request.Component} driven by the event loop of {@code io.headroom.engine}, and
 * allocates nothing per request. Uses {@code routing}, {@code resilience} and {@code cache}; the fleet runs
 * its instances' lifecycle ({@code InstanceLifecycle}, through {@code ServiceStation.lifecycle()}), the model
 * sets each station up before the run ({@code StationSetup}) and wires the stations together, and results read
 * a station's {@code ServiceFigures} and the time integrals of its state ({@code ServiceAreas}).
 */
package io.headroom.service;
