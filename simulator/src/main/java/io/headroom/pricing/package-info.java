/**
 * Money: the price catalogue (instance types with their vCPUs, memory and on-demand price, and the
 * other prices a design can incur), the YAML records that say how a component buys its instances
 * ({@link io.headroom.design.pricing.InstanceSpec}) and what the design has committed to
 * ({@link io.headroom.design.pricing.CommitmentSpec}), and the {@link io.headroom.pricing.CostLedger} that
 * the simulator tells of every instance it starts and stops and every function it runs, and that
 * turns those into the {@code cost} results. Pure arithmetic: nothing here knows the event loop.
 */
package io.headroom.pricing;
