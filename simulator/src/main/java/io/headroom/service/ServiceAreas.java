package io.headroom.service;

/**
 * Time integrals of a service's state, in request·nanoseconds (differences give averages): busy
 * workers, busy cores, waiting requests, requests in the service, instances in any state (what is
 * billed), and the workers and cores of instances that work (ready or draining). A measured period
 * is the difference of the integrals at its two ends, divided by its length.
 */
public record ServiceAreas(double busyWorkers, double busyCores, double queued, double inSystem, double instances,
                           double servingWorkers, double servingCores) {
    public ServiceAreas minus(ServiceAreas o) {
        return new ServiceAreas(busyWorkers - o.busyWorkers, busyCores - o.busyCores, queued - o.queued, inSystem - o.inSystem,
                instances - o.instances, servingWorkers - o.servingWorkers, servingCores - o.servingCores);
    }
}
