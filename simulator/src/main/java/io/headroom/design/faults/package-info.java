/**
 * Design of failures: what a design says can go wrong with its capacity — crashes of a component's
 * instances and their repair ({@link io.headroom.design.faults.FailureSpec}, renewal times drawn from
 * {@code dist} distributions) and scheduled zone outages ({@link io.headroom.design.faults.OutageSpec}).
 * Records only; the instance lifecycle in {@code io.headroom.fleet} plays them out during a run.
 */
package io.headroom.design.faults;
