/**
 * Scenarios: what a user of the load does, one step after another — send a request and wait for its answer,
 * pause for a drawn time, repeat a block — as a profile's {@code scenario:} writes it. Records only; the
 * simulator compiles a scenario into a flat program that its users step through. Builds on {@code dist} and
 * {@code yaml}.
 */
package io.headroom.load.scenario;
