/**
 * Experiments made of many runs: independent replications with derived seeds, designs compared under common
 * random numbers with paired-t differences, the points of a study swept on a pool of threads with a journal
 * to resume from, the capacity of a design found by bisection on the load's scale, the warm-up found by
 * MSER-5, and the Pareto frontier of cost against latency. Results never depend on the thread count. Builds
 * on {@code run} and {@code study}; the command line and the reports use it. See docs/studies.md.
 */
package io.headroom.experiment;
