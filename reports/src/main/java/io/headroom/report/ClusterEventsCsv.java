package io.headroom.report;

import io.headroom.cluster.ClusterEvent;
import java.util.List;
import java.util.Locale;

/**
 * {@code cluster-events.csv}: what happened in a run's cluster, one row per event in the order it happened — nodes
 * launched, Ready, drained and deleted, pods Pending, bound, Running, Ready, evicted and preempted, and the
 * autoscaler's scale-ups. Columns {@code t_s, event, pool, node, owner, pod, detail}; a cell that does not apply is
 * empty.
 */
public final class ClusterEventsCsv {
    public static final String FILE = "cluster-events.csv";

    private ClusterEventsCsv() {
    }

    public static String render(List<ClusterEvent> events) {
        StringBuilder b = new StringBuilder("t_s,event,pool,node,owner,pod,detail\n");
        for (ClusterEvent e : events) {
            b.append(String.format(Locale.ROOT, "%.3f", e.tNs() / 1e9)).append(',').append(e.kind()).append(',')
                    .append(e.pool() == null ? "" : e.pool()).append(',').append(e.node() < 0 ? "" : Integer.toString(e.node()))
                    .append(',').append(e.owner() == null ? "" : e.owner()).append(',')
                    .append(e.pod() < 0 ? "" : Integer.toString(e.pod())).append(',')
                    .append(e.detail() == null ? "" : e.detail()).append('\n');
        }
        return b.toString();
    }
}
