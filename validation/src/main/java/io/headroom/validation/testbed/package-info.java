/**
 * The testbed: a design stood up as real HTTP servers on 127.0.0.1 — each service instance a server with
 * its worker threads, bounded FIFO queue and queue timeout, routers for dispatch and load balancers, caches
 * with the simulator's own eviction, autoscaled services scaled by the simulator's own autoscaler on measured
 * metrics — with a log of what every server saw. Work is realised by sleeping a drawn duration; only loopback
 * is ever bound or called. Reuses {@code routing}, {@code cache} and {@code autoscale} so that the same rules
 * run in both worlds; what the testbed cannot realise is refused with a located error.
 */
package io.headroom.validation.testbed;
