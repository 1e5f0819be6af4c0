package io.headroom.slo;

/**
 * What an autoscaled component's fleet is doing, read when a time-series step closes: instances
 * ready to serve, instances its autoscaler wants, and its ceiling. An incident's attribution says
 * from it whether the autoscaler was at its maximum or waiting for new instances to become ready.
 */
public interface ScalingProbe {
    String component();

    int ready();

    int desired();

    int max();
}
