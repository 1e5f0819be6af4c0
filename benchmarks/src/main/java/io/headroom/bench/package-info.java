/**
 * Benchmarks of the simulator: JMH benchmarks of whole runs in process and of the hot path's parts (the
 * event queue in the hold model, latency recording, exponential sampling), and the plain hand-written event
 * loops of the M/M/4 and open tandem workloads that Headroom's speed is set against, with the same two models
 * written for SSJ, a published simulation library ({@code SsjMM4}, {@code SsjTandem}), end to end by
 * {@code benchmarks/run.sh} and warm in JMH. Uses the simulator as a library; nothing here runs in the build's
 * tests. Method and current numbers in benchmarks/README.md.
 */
package io.headroom.bench;
