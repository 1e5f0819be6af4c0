/**
 * The commitment planner: from a run's on-demand instances over time ({@link io.headroom.pricing.UsageProfile}), the
 * reserved instances per family and the compute savings plan that minimise the expected cost of the period repeated over
 * a term ({@link io.headroom.pricing.plan.CommitmentPlanner}).
 */
package io.headroom.pricing.plan;
