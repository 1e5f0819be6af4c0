package io.headroom.engine;

/**
 * Reacts to an event. One handler object serves many events, told apart by a small integer
 * argument (an instance index, a request slot), so scheduling an event allocates nothing.
 */
@FunctionalInterface
public interface EventHandler {
    void fire(int arg);
}
