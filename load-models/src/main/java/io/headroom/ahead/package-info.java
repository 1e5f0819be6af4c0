/**
 * Drawing a run's random sequences ahead on a second core. A run's samplers and its arrival stream each own their
 * random stream, so the values they give are a fixed sequence whoever computes them and whenever: a helper thread
 * ({@link io.headroom.ahead.DrawAhead}) computes them in blocks ahead of the run, which then reads them from memory
 * instead of computing logarithms and powers on its own thread. Each block is filled by exactly one thread, in order
 * ({@link io.headroom.ahead.Ring}); when the helper is behind, or there is no core to spare, the run fills the block
 * itself, so results never depend on the helper: they are the same, bit for bit, with or without it.
 */
package io.headroom.ahead;
