package io.headroom.request;

/**
 * A component at run time, seen from whoever sends it requests (the load, a balancer, a caller):
 * it accepts a request now and, in time, tells the request's owner how it went.
 */
public interface Component {
    String name();

    /** Request {@code r} arrives now. */
    void accept(int r);
}
