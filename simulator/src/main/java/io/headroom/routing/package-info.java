/**
 * Routing: how a request picks one of a component's instances — a service's {@code dispatch} or a load
 * balancer's {@code strategy} ({@link io.headroom.routing.Dispatcher}: round robin, random, power of two
 * choices, least outstanding requests, weighted, consistent hash of the request's key), reading each
 * instance's load through a small view.
 * Builds on the design's {@code DispatchStrategy}; the stations and the validation testbed's router use it.
 */
package io.headroom.routing;
