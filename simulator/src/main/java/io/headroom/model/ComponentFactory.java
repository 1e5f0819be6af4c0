package io.headroom.model;

import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.request.Component;
import io.headroom.yaml.BadInputException;

/**
 * Builds one kind of component at run time from its record. The {@link ModelBuilder} calls it in
 * passes over the design, so a component can refer to others that come later in the file: first
 * the stations that hold instances, then the component requests are sent to, last its wiring to
 * the components it calls. A kind that holds no instances, or calls nothing, skips those passes.
 *
 * @param <S> the record of the kind
 */
public interface ComponentFactory<S extends ComponentSpec> {

    /** Builds and registers the stations whose instances serve the component (services, a store's shards). */
    default void addStations(String name, S spec, ModelBuilder model) throws BadInputException {
    }

    /** The component that requests addressed to {@code name} are sent to. */
    Component build(String name, S spec, ModelBuilder model) throws BadInputException;

    /** Connects the built component to those it sends requests to, once every component and fleet exists. */
    default void wire(String name, S spec, Component built, ModelBuilder model) throws BadInputException {
    }

    /**
     * The component's local endpoint that {@code call} reaches (a caller's endpoint name is the
     * default), or an {@link IllegalArgumentException} if it has none of that name.
     */
    int endpointOf(String name, S spec, CallSpec call, String callerEndpoint, ModelBuilder model);
}
