package io.headroom.service;

/**
 * The calls one endpoint of a service makes after its own work, resolved to run-time components:
 * where each goes (component index and the callee's endpoint), with what probability, and how the
 * caller waits — in order or in parallel (for all, or a quorum), holding its worker or not.
 */
public record CallPlan(int[] targets, int[] targetEndpoints, double[] probabilities, boolean parallel, int needed,
                       boolean async) {
    public static final CallPlan NONE = new CallPlan(new int[0], new int[0], new double[0], false, 0, false);

    public int size() {
        return targets.length;
    }

    public boolean isEmpty() {
        return targets.length == 0;
    }
}
