package io.headroom.experiment;

import io.headroom.design.ComponentSpec;
import io.headroom.design.DatabaseSpec;
import io.headroom.design.Design;
import io.headroom.design.ServiceSpec;
import io.headroom.design.ShardedStoreSpec;
import io.headroom.metrics.SeriesSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.util.ResizableDoubleArray;

/**
 * Watches a run's time series as it is produced, for what the summary's totals cannot say: the
 * transient figures (the p99 of the busiest window, the most instances running at once, the peak
 * cost rate) and, for automatic warm-up deletion, the number of requests in the system per window
 * (queued plus in service, over every service; by Little's law what response time follows). It
 * forwards every row to another sink, so it can sit in front of the file being written.
 */
public final class WindowWatch implements SeriesSink {
    private final SeriesSink next;
    private final Map<String, ComponentSpec> components;
    private int tCol = -1;
    private int windowCol = -1;
    private int arrivalsCol = -1;
    private int p99Col = -1;
    private int costCol = -1;
    // per component with workers: {instances, utilisation, queue, workers} columns (an array: a loop over a list allocates its iterator)
    private int[][] unitColumns = new int[0][];

    private double windowLength = -1;
    private final ResizableDoubleArray inSystem = new ResizableDoubleArray();
    private final ResizableDoubleArray starts = new ResizableDoubleArray();
    private double busiestRate = -1;
    private double busiestT = Double.NaN;
    private double busiestP99 = Double.NaN;
    private double peakInstances = Double.NaN;
    private double peakCost = Double.NaN;

    public WindowWatch(Design design, SeriesSink next) {
        this.next = next;
        this.components = design.components();
    }

    @Override
    public void expectRows(long rows) {
        next.expectRows(rows);
    }

    @Override
    public void columns(List<String> columns) {
        next.columns(columns);
        tCol = columns.indexOf("t_s");
        windowCol = columns.indexOf("window_s");
        arrivalsCol = columns.indexOf("arrivals");
        p99Col = columns.indexOf("p99_ms");
        costCol = columns.indexOf("cost_usd_per_hour");
        List<int[]> found = new ArrayList<>();
        for (Map.Entry<String, ComponentSpec> c : components.entrySet()) {
            int workers = c.getValue() instanceof ServiceSpec s ? s.concurrency()
                    : c.getValue() instanceof ShardedStoreSpec st ? st.shardService().concurrency()
                    : c.getValue() instanceof DatabaseSpec db ? db.concurrency() : -1;
            int inst = columns.indexOf(c.getKey() + ".instances");
            if (workers > 0 && inst >= 0) {
                found.add(new int[] {inst, columns.indexOf(c.getKey() + ".utilisation"), columns.indexOf(c.getKey() + ".queue"), workers});
            }
        }
        unitColumns = found.toArray(new int[0][]);
    }

    @Override
    public void row(double[] v) {
        next.row(v);
        double windowS = windowCol >= 0 ? v[windowCol] : Double.NaN;
        double t = tCol >= 0 ? v[tCol] : Double.NaN;
        starts.addElement(t);
        double n = 0;
        double instances = 0;
        for (int[] u : unitColumns) {
            double util = u[1] >= 0 && !Double.isNaN(v[u[1]]) ? v[u[1]] : 0;
            double queue = u[2] >= 0 && !Double.isNaN(v[u[2]]) ? v[u[2]] : 0;
            n += queue + util * v[u[0]] * u[3];
            instances += v[u[0]];
        }
        inSystem.addElement(n);
        if (unitColumns.length > 0 && (Double.isNaN(peakInstances) || instances > peakInstances)) {
            peakInstances = instances;
        }
        if (costCol >= 0 && !Double.isNaN(v[costCol]) && (Double.isNaN(peakCost) || v[costCol] > peakCost)) {
            peakCost = v[costCol];
        }
        // the busiest window is judged on full-length windows only (the last, partial one, is a drain)
        if (arrivalsCol >= 0 && windowS > 0) {
            double rate = v[arrivalsCol] / windowS;
            if (rate > busiestRate && (windowLength < 0 || Math.abs(windowS - windowLength) < 1e-9)) {
                busiestRate = rate;
                busiestT = t;
                busiestP99 = p99Col >= 0 ? v[p99Col] : Double.NaN;
            }
            if (windowLength < 0) {
                windowLength = windowS;
            }
        }
    }

    /** Requests in the system (time-average over each window), for the windows that start before {@code endS}. */
    public double[] inSystem(double endS) {
        int n = 0;
        while (n < starts.getNumElements() && starts.getElement(n) + windowLength <= endS + 1e-9) {
            n++;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = inSystem.getElement(i);
        }
        return out;
    }

    /** The length of a (full) window, in seconds. */
    public double windowS() {
        return windowLength;
    }

    /** Start of the window with the most arrivals per second (the first such), or NaN. */
    public double busiestWindowS() {
        return busiestT;
    }

    public double busiestArrivalsPerS() {
        return busiestRate < 0 ? Double.NaN : busiestRate;
    }

    /** The p99 latency (ms) of the requests that completed in the busiest window. */
    public double busiestP99Ms() {
        return busiestP99;
    }

    /** The most instances running at once (summed over components; a window's time average). */
    public double peakInstances() {
        return peakInstances;
    }

    /** The highest cost rate of a window (USD per hour), or NaN without prices. */
    public double peakCostPerHour() {
        return peakCost;
    }
}
