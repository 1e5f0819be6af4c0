/**
 * Arrival streams: the start times of users, pulled one at a time by the simulator so that a day of
 * load never sits in memory — Poisson (homogeneous and by thinning a rate shape), Gatling's regular
 * spacing and its Heaviside stress peak. Load profiles ({@code io.headroom.load}) and trace replay
 * ({@code io.headroom.load.trace}) build on them.
 */
package io.headroom.load.arrival;
