/**
 * Gatling as the load generator: a load profile turned into a Gatling simulation in its Java DSL, run in
 * this JVM against the testbed, with every request's start, response time and status recorded; and the
 * requests of a run made elsewhere, read from Gatling's {@code simulation.log}, headroom's
 * {@code requests.csv} or a user's own CSV. The draws a user makes (endpoint, key, think time) come from
 * seeded streams; Gatling's own arrivals are seeded from the clock, which is why comparisons replay the
 * recorded start times. Builds on the load profile and {@code random}.
 */
package io.headroom.validation.gatling;
