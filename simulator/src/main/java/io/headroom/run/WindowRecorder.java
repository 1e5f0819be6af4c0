package io.headroom.run;

import io.headroom.metrics.RequestMetrics;
import io.headroom.metrics.SeriesSink;
import io.headroom.metrics.WindowLatency;
import io.headroom.pricing.CostLedger;
import io.headroom.request.ErrorCause;
import io.headroom.service.CacheStation;
import io.headroom.service.ServiceStation;
import io.headroom.slo.SloMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The time series: one row per window of what happened inside it — arrivals, completions and
 * errors by cause, latency percentiles of the requests that completed in it, per component the
 * time-averaged instances, utilisation, cpu and queue, per cache its hit ratio, and the hourly cost
 * rate. Rows are written as windows close; the last one may be shorter ({@code window_s}).
 */
final class WindowRecorder implements ReplicationObserver {
    /** The per-window latency percentiles of the time series (p50_ms, p95_ms, p99_ms). */
    private static final double[] WINDOW_PERCENTS = {50, 95, 99};

    private final RequestMetrics metrics;
    private final Map<String, List<ServiceStation>> units;
    private final Map<String, CacheStation> caches;
    private final Map<String, io.headroom.cdn.CdnStation> cdns;
    private final CostLedger ledger;
    private final long horizonNs;
    private final SeriesSink series;
    private final int columnCount;
    // what a window reads, in column order, held as arrays: the window's code runs 10^5 times in a long run, on C1
    // (the launcher's JIT policy), which would allocate an iterator for every loop over a collection
    private final ServiceStation[][] unitStations;
    /** Per station (in {@link #unitStations} order), its integrals ({@link ServiceStation#areasInto}) as the window opened. */
    private final double[][] areasAtStart;
    private final double[] areasNow = new double[ServiceStation.AREAS];
    private final CacheStation[] cacheStations;
    private final io.headroom.cdn.CdnStation[] cdnStations;
    private final io.headroom.fleet.Fleet[] deployingFleets;
    private final io.headroom.region.GlobalRouter[] routerList;
    private final double[][] routerShareList;
    /** The row handed to the sink, filled anew for every window ({@link SeriesSink#row}). */
    private final double[] row;
    private final double[] windowPercentiles = new double[WINDOW_PERCENTS.length];
    private final List<String> columns;
    private SloMonitor slos;
    private final io.headroom.cluster.Cluster cluster;
    private final java.util.Map<String, io.headroom.fleet.Fleet> vertical;
    private double[] clusterAtStart;
    private final Map<String, io.headroom.service.PodCpu> limited = new java.util.LinkedHashMap<>();
    private long[] throttledAtStart;
    private final Map<String, io.headroom.fleet.Fleet> deploying = new java.util.LinkedHashMap<>();
    private final Map<String, io.headroom.region.GlobalRouter> routers = new java.util.LinkedHashMap<>();
    private final Map<String, double[]> routerShares = new java.util.LinkedHashMap<>();
    private Map<String, List<String>> routerRecords = Map.of();

    /**
     * Writes the column names to {@code series} at once.
     *
     * @param units  per component, the stations whose figures it sums (a service's one, a store's shards)
     * @param caches the caches, each with a hit-ratio column
     */
    WindowRecorder(RequestMetrics metrics, Map<String, List<ServiceStation>> units, Map<String, CacheStation> caches,
                   CostLedger ledger, long horizonNs, SeriesSink series, io.headroom.model.ClusterRuntime cluster,
                   Map<String, io.headroom.fleet.Fleet> fleets) {
        this(metrics, units, caches, Map.of(), ledger, horizonNs, series, cluster, fleets, null);
    }

    /**
     * A recorder that also gives each CDN ({@code cdns}) a hit-ratio column, after the caches', and, for a design with
     * regions ({@code regional}, else null), each global router a share column per region.
     */
    WindowRecorder(RequestMetrics metrics, Map<String, List<ServiceStation>> units, Map<String, CacheStation> caches,
                   Map<String, io.headroom.cdn.CdnStation> cdns, CostLedger ledger, long horizonNs, SeriesSink series,
                   io.headroom.model.ClusterRuntime cluster, Map<String, io.headroom.fleet.Fleet> fleets, io.headroom.model.Regional regional) {
        this.cdns = cdns;
        if (regional != null) {
            regional.routers().forEach((name, r) -> {
                routers.put(name, r);
                routerShares.put(name, new double[regional.routerRecords().get(name).size()]);
            });
            this.routerRecords = regional.routerRecords();
        }
        fleets.forEach((name, f) -> {
            if (f.deploys()) {
                deploying.put(name, f);
            }
        });
        this.cluster = cluster == null ? null : cluster.cluster();
        this.vertical = new java.util.LinkedHashMap<>();
        if (cluster != null) {
            cluster.placed().values().stream().filter(io.headroom.model.ClusterRuntime.Placed::vertical)
                    .forEach(p -> vertical.put(p.service(), p.fleet()));
            for (String service : cluster.placed().keySet()) {
                io.headroom.service.PodCpu cpu = units.get(service).get(0).podCpu();
                if (cpu.limited()) {
                    limited.put(service, cpu);
                }
            }
        }
        throttledAtStart = new long[limited.size()];
        this.metrics = metrics;
        this.units = units;
        this.caches = caches;
        this.ledger = ledger;
        this.horizonNs = horizonNs;
        this.series = series;
        unitStations = units.values().stream().map(unit -> unit.toArray(new ServiceStation[0])).toArray(ServiceStation[][]::new);
        areasAtStart = java.util.Arrays.stream(unitStations).flatMap(java.util.Arrays::stream).map(s -> {
            double[] a = new double[ServiceStation.AREAS];
            s.areasInto(0, a);
            return a;
        }).toArray(double[][]::new);
        cacheStations = caches.values().toArray(new CacheStation[0]);
        cdnStations = cdns.values().toArray(new io.headroom.cdn.CdnStation[0]);
        deployingFleets = deploying.values().toArray(new io.headroom.fleet.Fleet[0]);
        routerList = routers.values().toArray(new io.headroom.region.GlobalRouter[0]);
        routerShareList = routers.keySet().stream().map(routerShares::get).toArray(double[][]::new);
        columns = List.copyOf(columns());
        columnCount = columns.size();
        row = new double[columnCount];
        series.columns(columns);
    }

    /** The time series' column names. */
    List<String> columnNames() {
        return columns;
    }

    /** Hands each step's row to {@code monitor} as the step closes. */
    void judge(SloMonitor monitor) {
        this.slos = monitor;
    }

    private List<String> columns() {
        List<String> cols = new ArrayList<>(List.of("t_s", "arrivals", "completions", "errors"));
        for (ErrorCause c : ErrorCause.all()) {
            cols.add("errors." + c.key());
        }
        cols.addAll(List.of("p50_ms", "p95_ms", "p99_ms"));
        for (String name : units.keySet()) {
            cols.addAll(List.of(name + ".instances", name + ".utilisation", name + ".cpu", name + ".queue"));
        }
        for (String name : caches.keySet()) {
            cols.add(name + ".hit_ratio");
        }
        for (String name : cdns.keySet()) {
            cols.add(name + ".hit_ratio");
        }
        if (cluster != null) {
            for (io.headroom.cluster.NodePool p : cluster.pools()) {
                cols.addAll(List.of(p.name() + ".nodes", p.name() + ".cpu_requested"));
            }
            cols.add("pods_pending");
            for (String service : vertical.keySet()) {
                cols.add(service + ".vpa_target");
            }
            for (String service : limited.keySet()) {
                cols.add(service + ".throttled");
            }
        }
        for (String service : deploying.keySet()) {
            cols.addAll(List.of(service + ".ready", service + ".version_weight"));
        }
        for (String router : routers.keySet()) {
            for (String region : routerRecords.get(router)) {
                cols.add(router + ".share." + region);
            }
        }
        cols.add("cost_usd_per_hour");
        cols.add("window_s");
        return cols;
    }

    /**
     * The cluster's columns for the window ending at {@code now}: per pool its mean node count and the share of its
     * ready nodes' allocatable CPU that pods requested; then the mean number of Pending pods; each VPA's target; per
     * service with a CPU limit the periods its pods were throttled in (a pod's period counts once, as cgroup
     * {@code nr_throttled} does; summed over the pods).
     */
    private int clusterColumns(double[] row, int k, long now, double dt) {
        cluster.advance(now);
        List<io.headroom.cluster.NodePool> pools = cluster.pools();
        double[] at = new double[pools.size() * 3 + 1];
        for (int p = 0; p < pools.size(); p++) {
            at[3 * p] = pools.get(p).nodeNs();
            at[3 * p + 1] = pools.get(p).requestedCpuNs();
            at[3 * p + 2] = pools.get(p).allocatableCpuNs();
        }
        at[at.length - 1] = cluster.stats().pendingNs();
        double[] from = clusterAtStart == null ? new double[at.length] : clusterAtStart;
        for (int p = 0; p < pools.size(); p++) {
            row[k++] = (at[3 * p] - from[3 * p]) / dt;
            double alloc = at[3 * p + 2] - from[3 * p + 2];
            row[k++] = alloc > 0 ? (at[3 * p + 1] - from[3 * p + 1]) / alloc : 0;
        }
        row[k++] = (at[at.length - 1] - from[at.length - 1]) / dt;
        clusterAtStart = at;
        for (io.headroom.fleet.Fleet f : vertical.values()) {
            io.headroom.vpa.Recommendation r = f.recommendation();
            row[k++] = r == null ? Double.NaN : r.targetMilli() / 1000.0; // cores, as the window closes
        }
        int j = 0;
        for (io.headroom.service.PodCpu cpu : limited.values()) {
            long periods = cpu.throttledPeriods();
            row[k++] = periods - throttledAtStart[j]; // periods throttled in the window, over the service's pods
            throttledAtStart[j++] = periods;
        }
        return k;
    }

    @Override
    public void windowClosed(long windowStart, long now) {
        double dt = now - windowStart;
        double[] row = this.row;
        java.util.Arrays.fill(row, 0);
        int k = 0;
        row[k++] = windowStart / 1e9;
        row[k++] = metrics.windowArrivals();
        row[k++] = metrics.windowCompletions();
        ErrorCause[] causes = ErrorCause.all();
        long errs = 0;
        for (int c = 0; c < causes.length; c++) {
            errs += metrics.windowErrors(causes[c]);
        }
        row[k++] = errs;
        for (int c = 0; c < causes.length; c++) {
            row[k++] = metrics.windowErrors(causes[c]);
        }
        WindowLatency w = metrics.windowLatency();
        w.percentilesNs(WINDOW_PERCENTS, windowPercentiles);
        row[k++] = windowPercentiles[0] / 1e6;
        row[k++] = windowPercentiles[1] / 1e6;
        row[k++] = windowPercentiles[2] / 1e6;
        double[] a = areasNow;
        int station = 0;
        for (ServiceStation[] unit : unitStations) {
            double busy = 0;
            double cores = 0;
            double queued = 0;
            double instances = 0;
            double workerSlots = 0;
            double coreSlots = 0;
            for (ServiceStation s : unit) {
                s.areasInto(now, a);
                double[] from = areasAtStart[station++];
                // the window's share of each integral, as ServiceAreas.minus takes it
                busy += a[ServiceStation.BUSY_WORKERS] - from[ServiceStation.BUSY_WORKERS];
                cores += a[ServiceStation.BUSY_CORES] - from[ServiceStation.BUSY_CORES];
                queued += a[ServiceStation.QUEUED] - from[ServiceStation.QUEUED];
                instances += a[ServiceStation.INSTANCES] - from[ServiceStation.INSTANCES];
                workerSlots += a[ServiceStation.SERVING_WORKERS] - from[ServiceStation.SERVING_WORKERS];
                coreSlots += a[ServiceStation.SERVING_CORES] - from[ServiceStation.SERVING_CORES];
                System.arraycopy(a, 0, from, 0, a.length);
            }
            row[k++] = instances / dt;
            row[k++] = workerSlots > 0 ? busy / workerSlots : 0;
            row[k++] = coreSlots > 0 ? cores / coreSlots : 0;
            row[k++] = queued / dt;
        }
        for (CacheStation cs : cacheStations) {
            row[k++] = cs.takeWindowHitRatio();
        }
        for (io.headroom.cdn.CdnStation cdn : cdnStations) {
            row[k++] = cdn.takeWindowHitRatio();
        }
        if (cluster != null) {
            k = clusterColumns(row, k, now, dt);
        }
        for (io.headroom.fleet.Fleet f : deployingFleets) { // as the window closes
            row[k++] = f.ready();
            row[k++] = f.versionWeight();
        }
        for (int r = 0; r < routerList.length; r++) { // each region's share of the window's routed requests
            double[] shares = routerShareList[r];
            routerList[r].figures().takeWindowShares(shares);
            for (double share : shares) {
                row[k++] = share;
            }
        }
        // billed up to the end of the profile; windows of the drain after it carry no cost
        row[k++] = windowStart < horizonNs ? ledger.windowRatePerHour(windowStart, Math.min(now, horizonNs)) : Double.NaN;
        row[k] = dt / 1e9;
        series.row(row);
        if (slos != null) {
            slos.stepClosed(windowStart, now, row);
        }
        metrics.resetWindow();
    }
}
