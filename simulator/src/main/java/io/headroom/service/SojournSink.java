package io.headroom.service;

/**
 * Receives the time each request spent in a service as it leaves it: its sojourn, queueing and
 * service together (what a latency metric for autoscaling reads).
 */
public interface SojournSink {
    void record(long ns);
}
