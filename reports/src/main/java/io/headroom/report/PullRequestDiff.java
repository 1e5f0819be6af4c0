package io.headroom.report;

import io.headroom.experiment.AutoWarmup;
import io.headroom.experiment.Comparison;
import io.headroom.experiment.PairedDifference;
import io.headroom.result.CompareResults;
import io.headroom.result.Figures;
import io.headroom.result.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * What a change to a design does, as a pull request's reviewer wants it: the base branch's design and the head's, run
 * under one profile with common random numbers, and for each the monthly cost, the latency and the errors with 95 %
 * intervals, the paired difference and whether the replications can tell it from noise, every SLO's verdict before and
 * after, and the components whose instances, utilisation or cost changed. The figures are {@code compare}'s, from the
 * same runs: a diff is a two-design comparison read as a review.
 *
 * @param profile      the load profile's name
 * @param seed         the base seed (replication r of both designs ran with the same seed)
 * @param replications replications of each design
 * @param base         the design before the change
 * @param head         the design after it
 * @param metrics      cost a month, mean, p50, p95, p99 latency and errors, before and after
 * @param slos         every SLO of either design, by expression
 * @param components   the components that changed (or exist on one side only), in the base's order then the head's
 */
public record PullRequestDiff(String profile, long seed, int replications, Side base, Side head, List<Metric> metrics,
                              List<SloChange> slos, List<ComponentChange> components) {

    /**
     * The smallest relative change of a component's figure that the diff lists (with a significant paired difference):
     * under common random numbers a change upstream moves everything downstream a little, and significantly.
     */
    public static final double COMPONENT_CHANGE_PCT = 1.0;

    /** The metrics a diff shows, in order: the cost a month (derived from the cost an hour), then the latencies, then errors. */
    static final List<String> KEYS = List.of("cost_per_month_usd", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "errors_pct");

    /** The keys {@code --fail-on-regression} watches: the cost and the latencies. */
    static final List<String> REGRESSION_KEYS = List.of("cost_per_month_usd", "mean_ms", "p50_ms", "p95_ms", "p99_ms");

    /**
     * One side of the diff.
     *
     * @param label             what the diff calls it: the design's {@code name:}, with its path (or revision) when both
     *                          sides share a name
     * @param design            the design's {@code name:}
     * @param source            the file it was read from ({@code REF:path} for a git revision)
     * @param verdict           met, MISSED, none or unstable (as {@code compare} says)
     * @param unstable          components whose queues grew without bound
     * @param selfCheckFailures the runs' failed self-checks (a bug of the simulator when not empty)
     */
    public record Side(String label, String design, String source, String verdict, List<String> unstable,
                       List<String> selfCheckFailures) {
    }

    /**
     * A figure before and after, each a mean over the replications with its 95 % half-width, and the paired difference
     * {@code after − before} with its half-width; {@code relativePct} is the difference over {@code before} in percent.
     * NaN where there is no value (one replication has no interval).
     */
    public record Metric(String key, double before, double beforeCi95, double after, double afterCi95, double difference,
                         double differenceCi95, boolean significant, double relativePct) {
    }

    /**
     * An SLO before and after: its value (on the mean of the replications) and whether it was met, and the share of
     * replications that met it. {@code change} is {@code broken} (met before, missed after), {@code fixed},
     * {@code still met}, {@code still missed}, {@code new} or {@code removed}; an SLO on one side only has NaN values
     * and {@code false} on the other.
     */
    public record SloChange(String expr, double before, boolean beforeMet, double beforeMetShare, double after,
                            boolean afterMet, double afterMetShare, String change) {
    }

    /**
     * A component that changed: {@code change} is {@code changed}, {@code added} or {@code removed}; each figure before
     * and after with the paired difference. {@code instances} and {@code utilisation} are NaN for caches and CDNs;
     * {@code costPerMonthUsd} is NaN for a component without a price.
     */
    public record ComponentChange(String name, String change, Metric instances, Metric instancesPeak, Metric utilisation,
                                  Metric costPerMonthUsd) {
    }

    /**
     * The diff of two designs' runs ({@code results}: base then head, from {@link Comparison#run}) with their labels and
     * sources.
     */
    public static PullRequestDiff of(List<Comparison.Result> results, String profile, long seed, String baseSource,
                                     String headSource) {
        if (results.size() != 2) {
            throw new IllegalArgumentException("a diff has two sides, got " + results.size());
        }
        CompareResults compared = CompareReport.results(results, profile, seed);
        Figures before = compared.designs().get(0).figures();
        Figures after = compared.designs().get(1).figures();
        Map<String, CompareResults.Paired> paired = compared.differences().get(0).metrics();
        Map<String, double[]> baseReps = CompareReport.perReplication(results.get(0).runs());
        Map<String, double[]> headReps = CompareReport.perReplication(results.get(1).runs());
        List<Metric> metrics = new ArrayList<>();
        for (String key : KEYS) {
            if (key.equals("cost_per_month_usd")) {
                if (!before.metrics().containsKey("cost_per_hour_usd") && !after.metrics().containsKey("cost_per_hour_usd")) {
                    continue;
                }
                CompareResults.Paired p = paired.get("cost_per_hour_usd");
                metrics.add(metric(key, before.costPerMonthUsd(), before.halfWidth("cost_per_hour_usd") * Figures.HOURS_PER_MONTH,
                        after.costPerMonthUsd(), after.halfWidth("cost_per_hour_usd") * Figures.HOURS_PER_MONTH,
                        p == null ? Double.NaN : p.mean() * Figures.HOURS_PER_MONTH,
                        p == null ? Double.NaN : p.ci95() * Figures.HOURS_PER_MONTH, p != null && p.significant()));
                continue;
            }
            CompareResults.Paired p = paired.get(key);
            metrics.add(metric(key, before.metric(key), halfWidth(before, key, baseReps), after.metric(key),
                    halfWidth(after, key, headReps), p == null ? Double.NaN : p.mean(), p == null ? Double.NaN : p.ci95(),
                    p != null && p.significant()));
        }
        List<Summary> baseEach = results.get(0).runs().stream().map(TransientSummary::of).toList();
        List<Summary> headEach = results.get(1).runs().stream().map(TransientSummary::of).toList();
        String baseLabel = compared.designs().get(0).name();
        String headLabel = compared.designs().get(1).name();
        return new PullRequestDiff(profile, seed, compared.replications(),
                side(baseLabel, results.get(0), before, baseSource), side(headLabel, results.get(1), after, headSource),
                metrics, slos(before, after, results.get(0).runs().size()), components(baseEach, headEach));
    }

    /** SLOs broken by the change: met before and missed after. */
    public List<SloChange> broken() {
        return slos.stream().filter(s -> s.change().equals("broken")).toList();
    }

    /**
     * The cost and latency figures that rose by more than {@code pct} percent, and significantly (with one replication,
     * which has no interval, by the rise alone).
     */
    public List<Metric> risesBeyond(double pct) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : metrics) {
            if (REGRESSION_KEYS.contains(m.key()) && m.relativePct() > pct && (m.significant() || replications == 1)) {
                out.add(m);
            }
        }
        return out;
    }

    private static Side side(String label, Comparison.Result r, Figures f, String source) {
        return new Side(label, r.arm().design().name(), source, f.verdict(), f.unstable(), f.selfCheckFailures());
    }

    private static Metric metric(String key, double before, double beforeCi, double after, double afterCi, double diff,
                                 double diffCi, boolean significant) {
        double rel = before != 0 && !Double.isNaN(before) && !Double.isNaN(diff) ? 100 * diff / Math.abs(before) : Double.NaN;
        return new Metric(key, before, beforeCi, after, afterCi, diff, diffCi, significant, rel);
    }

    /** The figures' half-width, or (errors, which the figures give without one) the t half-width of the replications. */
    private static double halfWidth(Figures f, String key, Map<String, double[]> reps) {
        double h = f.halfWidth(key);
        if (!Double.isNaN(h) || f.ci95() == null) {
            return h;
        }
        double[] values = reps.get(key);
        return values == null ? Double.NaN : tHalfWidth(values);
    }

    /** The 95 % Student-t half-width of the mean of {@code values} (NaN with fewer than two, or a missing one). */
    static double tHalfWidth(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            s.addValue(v);
        }
        if (s.getN() < 2) {
            return Double.NaN;
        }
        return new TDistribution(s.getN() - 1).inverseCumulativeProbability(0.975) * s.getStandardDeviation() / Math.sqrt(s.getN());
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static List<SloChange> slos(Figures before, Figures after, int replications) {
        Map<String, Summary.SloResult> b = new LinkedHashMap<>();
        before.slo().forEach(s -> b.putIfAbsent(s.expr(), s));
        Map<String, Summary.SloResult> a = new LinkedHashMap<>();
        after.slo().forEach(s -> a.putIfAbsent(s.expr(), s));
        Set<String> exprs = new LinkedHashSet<>(b.keySet());
        exprs.addAll(a.keySet());
        List<SloChange> out = new ArrayList<>();
        for (String expr : exprs) {
            Summary.SloResult x = b.get(expr);
            Summary.SloResult y = a.get(expr);
            String change = x == null ? "new" : y == null ? "removed"
                    : x.pass() && !y.pass() ? "broken" : !x.pass() && y.pass() ? "fixed" : x.pass() ? "still met" : "still missed";
            out.add(new SloChange(expr, x == null ? Double.NaN : x.value(), x != null && x.pass(), share(x, replications),
                    y == null ? Double.NaN : y.value(), y != null && y.pass(), share(y, replications), change));
        }
        return out;
    }

    /** The share of replications that met the SLO (one run: 1 or 0). */
    private static double share(Summary.SloResult s, int replications) {
        if (s == null) {
            return Double.NaN;
        }
        return Double.isNaN(s.passedShare()) ? (s.pass() ? 1 : 0) : s.passedShare();
    }

    /** The four figures of a component in each replication: instances (mean, peak), utilisation, cost a month. */
    private static double[][] componentFigures(List<Summary> each, String name) {
        double[][] v = new double[4][each.size()];
        for (int r = 0; r < each.size(); r++) {
            Summary s = each.get(r);
            Summary.Component c = s.components().get(name);
            boolean present = c != null;
            Summary.Service svc = c instanceof Summary.Service x ? x : null;
            v[0][r] = svc == null ? Double.NaN : svc.instancesMean();
            v[1][r] = svc == null ? Double.NaN : svc.instancesPeak();
            v[2][r] = svc == null ? Double.NaN : svc.utilisation();
            Summary.Cost cost = s.cost();
            Double usd = cost == null || !present ? null : cost.byComponent().get(name);
            v[3][r] = usd == null || cost.totalUsd() <= 0 ? Double.NaN : usd / cost.totalUsd() * cost.month();
        }
        return v;
    }

    private static List<ComponentChange> components(List<Summary> baseEach, List<Summary> headEach) {
        Set<String> names = new LinkedHashSet<>(baseEach.get(0).components().keySet());
        names.addAll(headEach.get(0).components().keySet());
        List<ComponentChange> out = new ArrayList<>();
        for (String name : names) {
            boolean inBase = baseEach.get(0).components().containsKey(name);
            boolean inHead = headEach.get(0).components().containsKey(name);
            double[][] b = componentFigures(baseEach, name);
            double[][] h = componentFigures(headEach, name);
            Metric[] m = new Metric[4];
            boolean changed = false;
            for (int i = 0; i < 4; i++) {
                m[i] = componentMetric(b[i], h[i], inBase, inHead);
                changed |= moved(m[i], baseEach.size());
            }
            String change = !inBase ? "added" : !inHead ? "removed" : changed ? "changed" : null;
            if (change != null) {
                out.add(new ComponentChange(name, change, m[0], m[1], m[2], m[3]));
            }
        }
        return out;
    }

    private static Metric componentMetric(double[] before, double[] after, boolean inBase, boolean inHead) {
        double mb = inBase ? mean(before) : Double.NaN;
        double ma = inHead ? mean(after) : Double.NaN;
        PairedDifference pd = inBase && inHead ? PairedDifference.of(before, after) : new PairedDifference(Double.NaN, Double.NaN);
        return metric("", mb, inBase ? tHalfWidth(before) : Double.NaN, ma, inHead ? tHalfWidth(after) : Double.NaN,
                pd.mean(), pd.halfWidth(), pd.significant());
    }

    /** A figure that moved: by at least {@link #COMPONENT_CHANGE_PCT}, and significantly (one run: by the move alone). */
    private static boolean moved(Metric m, int replications) {
        if (Double.isNaN(m.difference())) {
            return false;
        }
        boolean big = Double.isNaN(m.relativePct()) ? m.difference() != 0 : Math.abs(m.relativePct()) >= COMPONENT_CHANGE_PCT;
        return big && (m.significant() || replications == 1);
    }
}
