/**
 * Money at run time: the cost ledger that the simulator tells of every instance it starts and stops
 * and every function it runs, and that turns those into the {@code cost} results — per-second billing,
 * commitments (reserved instances, savings plans) covering running instances, spot and mixed fleets,
 * balancers, cross-zone traffic and functions. What things cost and how a component buys its instances
 * are read from the design ({@code io.headroom.design.pricing}). Pure arithmetic: nothing here knows the
 * event loop.
 */
package io.headroom.pricing;
