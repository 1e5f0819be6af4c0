package io.headroom.run;

import io.headroom.cluster.ClusterEvent;
import io.headroom.cluster.ClusterFigures;
import io.headroom.fleet.Fleet;
import io.headroom.fleet.RolloutRecord;
import io.headroom.model.Model;
import io.headroom.pricing.CostSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each rollout of a run did and cost: its outcome and timing, the most instances and nodes it held, the load's
 * requests that ended during it (with their errors and tail latency), and what it added to the bill — the
 * instance-hours or node-hours beyond what the service had before it, priced at the service's or the pools' own
 * average rate. The nodes come from the cluster's event log, which lists launches and deletions in time order.
 */
final class RolloutCosts {
    private RolloutCosts() {
    }

    /**
     * Each service's rollouts, up to {@code billedEnd}. What a rollout adds to the bill: for instances, the instance-hours beyond the replicas
     * asked for, at the service's own average rate (its cost over its instance-hours); for pods, the node-hours beyond
     * the nodes there were when it started, from its start to the service's next rollout or the end of the profile (a
     * node added for surge pods stays until the autoscaler removes it), at each pool's average node price.
     */
    static List<RolloutFigures> figures(Model model, RolloutWatch watch, long billedEnd, long horizonNs,
                                        Map<String, RunResult.ServiceStats> components, CostSummary cost, ClusterFigures cluster) {
        List<RolloutFigures> out = new ArrayList<>();
        for (Map.Entry<String, Fleet> e : model.fleets().entrySet()) {
            boolean pods = e.getValue().podOwner() >= 0;
            List<RolloutRecord> records = e.getValue().rollouts();
            for (int k = 0; k < records.size(); k++) {
                RolloutRecord r = records.get(k);
                // its nodes are counted until the service's next rollout starts (which answers for its own), else the end
                long until = k + 1 < records.size() ? Math.min(horizonNs, records.get(k + 1).startNs()) : horizonNs;
                RolloutWatch.Seen seen = watch.of(r);
                double hours = r.extraInstanceHours(billedEnd);
                Double extraNodeHours = null;
                Double extraCost = null;
                Double peakNodes = null;
                if (pods && cluster != null) {
                    double[] nodes = extraNodes(cluster, r.startNs(), until);
                    extraNodeHours = nodes[0];
                    extraCost = nodes[1];
                    peakNodes = (double) peakNodes(cluster, r.startNs(), r.endNs() < 0 ? horizonNs : r.endNs());
                } else if (cost != null && cost.byComponent().get(e.getKey()) != null) {
                    RunResult.ServiceStats stats = components.get(e.getKey());
                    extraCost = stats == null || !(stats.instanceHours() > 0) ? null
                            : hours * cost.byComponent().get(e.getKey()) / stats.instanceHours();
                }
                List<RolloutFigures.Step> steps = new ArrayList<>();
                r.steps().forEach(st -> steps.add(new RolloutFigures.Step(st.tNs() / 1e9, st.updated(), st.old(), st.available())));
                out.add(new RolloutFigures(e.getKey(), r.strategy(), r.startNs() / 1e9, r.outcome(),
                        r.endNs() < 0 ? null : (r.endNs() - r.startNs()) / 1e9,
                        r.switchedAtNs() < 0 ? null : r.switchedAtNs() / 1e9, r.abortedAtNs() < 0 ? null : r.abortedAtNs() / 1e9,
                        r.failedMeasurements(), r.peakInstances(), peakNodes, r.minReady(), seen.requests, seen.errors,
                        seen.latency.count() == 0 ? null : seen.latency.percentileNs(99) / 1e6, hours, extraNodeHours, extraCost,
                        steps));
            }
        }
        return out;
    }

    /**
     * The most nodes billed at once (launched, not yet deleted; all pools) from {@code from} to {@code to}. Node events
     * are logged as they happen, so they are in time order among themselves.
     */
    private static int peakNodes(ClusterFigures cluster, long from, long to) {
        int n = 0;
        int peak = -1;
        for (ClusterEvent ev : cluster.events()) {
            boolean launched = ev.kind().equals("node-launched");
            if (!launched && !ev.kind().equals("node-deleted") || ev.tNs() > to) {
                continue;
            }
            if (ev.tNs() > from && peak < 0) {
                peak = n; // the nodes at the start
            }
            n += launched ? 1 : -1;
            if (ev.tNs() > from) {
                peak = Math.max(peak, n);
            }
        }
        return peak < 0 ? n : peak;
    }

    /**
     * {node-hours, USD}: over the pools, the integral from {@code from} to {@code to} of the nodes billed beyond those
     * billed at {@code from} (launched, not yet deleted: the cluster's events), at each pool's average node price.
     */
    private static double[] extraNodes(ClusterFigures cluster, long from, long to) {
        double hours = 0;
        double usd = 0;
        for (Map.Entry<String, ClusterFigures.Pool> p : cluster.pools().entrySet()) {
            int atStart = 0;
            double nodeNs = 0;
            int n = 0;
            long last = from;
            boolean started = false;
            for (ClusterEvent ev : cluster.events()) {
                if (!p.getKey().equals(ev.pool()) || !(ev.kind().equals("node-launched") || ev.kind().equals("node-deleted"))) {
                    continue;
                }
                if (ev.tNs() > from && !started) {
                    atStart = n;
                    started = true;
                }
                if (started) {
                    long t = Math.min(ev.tNs(), to);
                    nodeNs += (double) n * Math.max(0, t - last);
                    last = Math.max(last, t);
                }
                n += ev.kind().equals("node-launched") ? 1 : -1;
            }
            if (!started) {
                atStart = n;
            }
            nodeNs += (double) n * Math.max(0, to - last);
            double extra = (nodeNs - (double) atStart * (to - from)) / 3.6e12;
            ClusterFigures.Pool pool = p.getValue();
            hours += extra;
            usd += pool.nodeHours() > 0 ? extra * pool.costUsd() / pool.nodeHours() : 0;
        }
        return new double[] {hours, usd};
    }
}
