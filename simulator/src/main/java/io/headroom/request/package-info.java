/**
 * Requests in flight and the contract between the components that pass them: every live request as a slot
 * in parallel primitive arrays ({@link io.headroom.request.Requests}, recycled, with the in-flight guard), a
 * {@link io.headroom.request.Component} that accepts a request and in time tells its
 * {@link io.headroom.request.RequestListener owner} how it went, and the {@link io.headroom.request.ErrorCause
 * causes} a request can fail with, each always present in results. Depends on nothing of Headroom; stations,
 * metrics and the run build on it.
 */
package io.headroom.request;
