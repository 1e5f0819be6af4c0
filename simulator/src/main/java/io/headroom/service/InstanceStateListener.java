package io.headroom.service;

/**
 * Told when a ready instance of a service stops taking work — lost (before what it held fails) or
 * drained (a spot notice) — and when one becomes ready: what a database's failover follows.
 */
public interface InstanceStateListener {
    void leaves(int slot, long now);

    void ready(int slot, long now);
}
