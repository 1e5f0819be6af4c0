/**
 * Design of what capacity costs: the {@link io.headroom.design.pricing.PriceCatalogue price catalogue}
 * (instance types with their vCPUs, memory and on-demand price, bundled or read from a file and CSV rows,
 * and the other prices a run can incur: spot, commitments, balancers, cross-zone traffic, functions), how a
 * component buys its instances ({@link io.headroom.design.pricing.InstanceSpec}: type and market, or AWS's
 * mixed on-demand/spot split) and the design's reserved instances and savings plans
 * ({@link io.headroom.design.pricing.CommitmentSpec}). Records and prices only; {@code io.headroom.pricing}
 * bills a run with them. See docs/pricing.md.
 */
package io.headroom.design.pricing;
