package io.headroom.cluster;

/**
 * A node group as the Cluster Autoscaler sees it (its {@code cloudprovider.NodeGroup}): a pool of nodes of
 * one instance type whose target size the autoscaler moves between {@code minSize} and {@code maxSize}.
 * The run-time cluster builds one per pool every loop.
 *
 * @param index       the pool's index ({@link Node#pool()} of its nodes)
 * @param name        the pool's name (the expanders' node group id)
 * @param template    what a new node offers pods (its allocatable): the estimator packs pods onto it
 * @param capacity    the instance type's whole CPU and memory ({@code node.Status.Capacity}), which the
 *                    least-waste and price expanders read
 * @param targetSize  the group's current target size: every launched node not yet gone, Ready or not,
 *                    being deleted or not
 * @param minSize     the smallest size scale-down may leave
 * @param maxSize     the largest size scale-up may reach
 * @param hourlyPrice the price of one node for an hour (the price expander's {@code NodePrice})
 * @param priority    the priority expander's priority of this group (the highest of the config's entries
 *                    whose regular expressions match its name), or {@link #NO_PRIORITY} when none matches
 * @param zones       how many zones its nodes spread over (where the run-time cluster places them; no
 *                    decision here depends on it)
 */
public record NodeGroup(int index, String name, NodeShape template, NodeShape capacity, int targetSize, int minSize,
                        int maxSize, double hourlyPrice, int priority, int zones) {
    /** The priority of a group that no entry of the priority expander's config matches. */
    public static final int NO_PRIORITY = Integer.MIN_VALUE;

    public NodeGroup {
        if (minSize < 0 || maxSize < minSize || targetSize < 0) {
            throw new IllegalArgumentException("node group " + name + ": sizes must satisfy 0 <= min <= max and target >= 0, got min "
                    + minSize + ", max " + maxSize + ", target " + targetSize);
        }
        if (!(hourlyPrice >= 0) || zones < 1) {
            throw new IllegalArgumentException("node group " + name + ": price must be >= 0 and zones >= 1");
        }
    }

    /** This group with another target size. */
    public NodeGroup withTargetSize(int size) {
        return new NodeGroup(index, name, template, capacity, size, minSize, maxSize, hourlyPrice, priority, zones);
    }
}
