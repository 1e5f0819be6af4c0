/**
 * Measured against simulated: what a load-generator run measured over its measured period, with batch-means
 * confidence intervals; the simulator's prediction from replications of the design, with the spread of one
 * run; and their comparison figure by figure against the accuracy target — after replaying the run's real
 * arrivals, smoothing Gatling's whole milliseconds, and adding the client-side time the design does not
 * describe. Also an autoscaled service's instance count, testbed against simulation, second by second.
 * Builds on {@code run}, {@code metrics}, the testbed and the Gatling run; the validation report writes it.
 */
package io.headroom.validation.compare;
