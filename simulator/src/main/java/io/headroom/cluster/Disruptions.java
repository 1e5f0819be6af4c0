package io.headroom.cluster;

/**
 * PodDisruptionBudgets as the eviction API reads them: how many more of an owner's pods may be
 * disrupted voluntarily now ({@code status.disruptionsAllowed}). Every voluntary disruption — a
 * scale-down drain, a preemption's choice of victims (which may violate a budget, but prefers not to),
 * later consolidation, VPA evictions and rollouts — asks here.
 */
public interface Disruptions {
    /** {@code disruptionsAllowed} of {@code owner}'s budget; {@link Integer#MAX_VALUE} without one. */
    int allowed(int owner);

    /** No budgets. */
    Disruptions NONE = owner -> Integer.MAX_VALUE;
}
