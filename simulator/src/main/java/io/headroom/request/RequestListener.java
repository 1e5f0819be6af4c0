package io.headroom.request;

/** Whoever handed a request to a component, told when the component is done with it. */
public interface RequestListener {
    /** The component finished the request successfully at {@code now}. */
    void completed(int request, long now);

    /** The component gave up on the request at {@code now}. */
    void failed(int request, ErrorCause cause, long now);
}
