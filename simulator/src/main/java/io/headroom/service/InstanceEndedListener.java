package io.headroom.service;

/**
 * Told when an instance of a service ends — drained empty, stopped, or lost for good — so its slot
 * is free again (what a fleet counts its instances by).
 */
public interface InstanceEndedListener {
    void ended(int slot, long now);
}
