package io.headroom.cluster.karpenter;

import java.util.List;

/**
 * A NodePool disruption budget ({@code spec.disruption.budgets[].nodes}): how many of the pool's nodes may be
 * disrupted at once, as a count ({@code "3"}) or a percentage of the pool's nodes ({@code "10%"}, the default).
 *
 * <p>Ported from kubernetes-sigs/karpenter {@code pkg/apis/v1/nodepool.go} ({@code GetAllowedDisruptions}:
 * {@code intstr.GetScaledValueFromIntOrPercent} rounding up, so 10 % of 25 nodes is 3; the strictest of
 * several budgets, {@code GetAllowedDisruptionsByReason}) and {@code pkg/controllers/disruption/helpers.go}
 * ({@code BuildDisruptionBudgetMapping}: the nodes counted are the pool's initialized ones, and those already
 * being disrupted are taken off what is allowed, never below 0). Simplification: budgets have no
 * {@code schedule}/{@code duration} (always active) and no {@code reasons} (they bind every disruption).
 */
public record Budget(String nodes) {
    /** The default budget of a NodePool that names none: {@code nodes: 10%}. */
    public static final Budget DEFAULT = new Budget("10%");

    public Budget {
        if (nodes == null || !nodes.matches("(100|[0-9]?[0-9])%|[0-9]+")) {
            throw new IllegalArgumentException("a disruption budget's nodes is a count or a percentage (0% to 100%): "
                    + nodes);
        }
    }

    /** The nodes this budget lets be disrupted among {@code totalNodes}, before those already disrupting. */
    public int scaled(int totalNodes) {
        if (nodes.endsWith("%")) {
            long percent = Long.parseLong(nodes.substring(0, nodes.length() - 1));
            return (int) ((percent * totalNodes + 99) / 100);
        }
        return Integer.parseInt(nodes);
    }

    /** How many more nodes may be disrupted now: {@link #scaled} less {@code deleting}, at least 0. */
    public int allowed(int totalNodes, int deleting) {
        return Math.max(0, scaled(totalNodes) - deleting);
    }

    /** The strictest of {@code budgets} (the default when there are none), less {@code deleting}, at least 0. */
    public static int allowed(List<Budget> budgets, int totalNodes, int deleting) {
        if (budgets.isEmpty()) {
            return DEFAULT.allowed(totalNodes, deleting);
        }
        int min = Integer.MAX_VALUE;
        for (Budget b : budgets) {
            min = Math.min(min, b.scaled(totalNodes));
        }
        return Math.max(0, min - deleting);
    }
}
