/**
 * The closed model of a load profile ({@code closed:}): Gatling's closed injection steps — a number of users
 * in the system at a time, each replaced as soon as it finishes — or the classic shorthand of {@code users}
 * with a {@code think} time for ever. Records only; the simulator's load driver, the load preview and the
 * Gatling plan of the validation play them. Builds on {@code dist} and {@code yaml}.
 */
package io.headroom.load.closed;
