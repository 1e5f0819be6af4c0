/**
 * One replication, from a design and a load profile to what it measured: the run-time model built from the
 * design's records, the load driver that lets users in by Gatling's open or closed model and steps each
 * through its compiled scenario, the event loop played to the profile's end and the drain after it, and the
 * {@link io.headroom.run.RunResult} in plain values (no engine objects) for the writers. A pure function of
 * (design, profile, seed, options). The top of the simulator: it wires {@code engine}, the stations, the
 * fleet, autoscaling, pricing and {@code metrics} together; experiments, the command line, the reports and
 * the benchmarks call it.
 */
package io.headroom.run;
