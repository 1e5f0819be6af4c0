package io.headroom.pricing;

import io.headroom.design.cost.CostAllocationSpec;
import io.headroom.design.cost.SharedRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run's bill allocated by tag, as a FinOps team rolls up a cost-and-usage report: for each tag key some component
 * carries, every line of {@code by_component} goes to a value of the key, or to the unallocated part. The rules (the
 * user's documentation is docs/pricing.md, "Cost allocation"):
 *
 * <ul>
 *   <li>A component that carries the key (or whose regional copy's base does) is its value's, whole.</li>
 *   <li>Every other line is <em>shared</em> for that key: a balancer, a shared cache, a database several teams call, and
 *       the lines that are no component ({@code network}, {@code transfer}, {@code unused-commitments}, a bucket). A
 *       shared line is split by the design's rule:
 *       <ul>
 *         <li>{@code by-requests} (the default): a shared component's cost goes to the tagged components that sent it
 *             requests, directly or through other shared components (a shared sender's requests count as those of
 *             whoever sent it its own), in proportion to those requests; requests that trace back only to the load do not
 *             count. A shared component that no tagged component sent requests to (the entry balancer, a gateway, a CDN
 *             in front) goes to the tagged components it sent requests to, directly or through shared ones, in
 *             proportion. What is related to no tagged component either way, and every line that is no component, goes
 *             in proportion to the requests each tagged component received over the run; it is unallocated only when
 *             none received any.</li>
 *         <li>{@code even}: in equal parts among the key's values.</li>
 *         <li>{@code unallocated}: not split.</li>
 *       </ul></li>
 * </ul>
 *
 * <p>Requests are counted over the whole run, warm-up included, as the bill is. The exact shares are doubles; the
 * roll-up is then put in whole cents by largest remainder, so that each key's values and its unallocated part add up
 * to the total rounded to the cent, exactly (and the same for the monthly figures).
 */
public final class CostAllocation {
    /** Hours in AWS's month: 365 days × 24 hours ÷ 12. */
    public static final double HOURS_PER_MONTH = 730;

    private CostAllocation() {
    }

    /**
     * One tag key's roll-up, in USD rounded to the cent.
     *
     * @param values      each value's cost, by value (sorted)
     * @param unallocated the part no value got
     * @param perMonth    each value's cost per month (the run's average per hour × 730)
     * @param unallocatedPerMonth the unallocated part per month
     * @param exact       each value's exact share before rounding, and {@code null}'s the unallocated one (for tests)
     * @param splits      how each shared line was split: line → value → share of the line (sorted; an empty map: the
     *                    line is unallocated)
     */
    public record Rollup(Map<String, Double> values, double unallocated, Map<String, Double> perMonth, double unallocatedPerMonth,
                         Map<String, Double> exact, Map<String, Map<String, Double>> splits) {
    }

    /**
     * The roll-ups by tag key (sorted) of a bill whose lines are {@code byComponent} (adding up to {@code totalUsd}), over
     * a run of {@code runHours}.
     *
     * @param received each component's requests, by sender ({@link CallTally#received}); a forwarding component (a
     *                 balancer) is an edge to its target in {@code forwards}
     * @param forwards a balancer's name → the component it hands every request to
     */
    public static Map<String, Rollup> of(Map<String, Double> byComponent, double totalUsd, double runHours, CostAllocationSpec spec,
                                         Map<String, Map<String, Long>> received, Map<String, String> forwards) {
        Graph g = new Graph(received, forwards);
        Map<String, Rollup> out = new TreeMap<>();
        for (String key : spec.keys()) {
            Map<String, String> valueOf = new LinkedHashMap<>();
            for (String n : g.nodes()) {
                String v = spec.tagsOf(n).get(key);
                if (v != null) {
                    valueOf.put(n, v);
                }
            }
            for (String n : byComponent.keySet()) {
                String v = spec.tagsOf(n).get(key);
                if (v != null) {
                    valueOf.put(n, v);
                }
            }
            Set<String> values = new TreeSet<>(valueOf.values()); // every value some component carries, even at no cost
            spec.tags().values().forEach(t -> {
                if (t.containsKey(key)) {
                    values.add(t.get(key));
                }
            });
            Map<String, Double> exact = new TreeMap<>();
            values.forEach(v -> exact.put(v, 0.0));
            double unallocated = 0;
            Map<String, Map<String, Double>> splits = new TreeMap<>();
            for (Map.Entry<String, Double> line : byComponent.entrySet()) {
                double usd = line.getValue();
                String own = valueOf.get(line.getKey());
                if (own != null) {
                    exact.merge(own, usd, Double::sum);
                    continue;
                }
                Map<String, Double> shares = switch (spec.shared()) {
                    case UNALLOCATED -> Map.of();
                    case EVEN -> even(values);
                    case BY_REQUESTS -> g.shares(line.getKey(), valueOf);
                };
                splits.put(line.getKey(), java.util.Collections.unmodifiableMap(new TreeMap<>(shares)));
                double given = 0;
                for (Map.Entry<String, Double> s : shares.entrySet()) {
                    double part = usd * s.getValue();
                    exact.merge(s.getKey(), part, Double::sum);
                    given += part;
                }
                unallocated += shares.isEmpty() ? usd : Math.max(0, usd - given);
            }
            double perMonthFactor = runHours > 0 ? HOURS_PER_MONTH / runHours : 0;
            List<Double> amounts = new ArrayList<>(exact.values());
            amounts.add(unallocated);
            long[] cents = cents(amounts, totalUsd);
            List<Double> monthly = amounts.stream().map(a -> a * perMonthFactor).toList();
            long[] monthCents = cents(monthly, totalUsd * perMonthFactor);
            Map<String, Double> rounded = new TreeMap<>();
            Map<String, Double> perMonth = new TreeMap<>();
            int i = 0;
            for (String v : exact.keySet()) {
                rounded.put(v, cents[i] / 100.0);
                perMonth.put(v, monthCents[i] / 100.0);
                i++;
            }
            Map<String, Double> withRest = new LinkedHashMap<>(exact);
            withRest.put(null, unallocated);
            out.put(key, new Rollup(rounded, cents[i] / 100.0, perMonth, monthCents[i] / 100.0,
                    java.util.Collections.unmodifiableMap(withRest), java.util.Collections.unmodifiableMap(splits)));
        }
        return out;
    }

    private static Map<String, Double> even(Set<String> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach(v -> out.put(v, 1.0 / values.size()));
        return out;
    }

    /**
     * {@code amounts} in whole cents adding up to {@code total} rounded to the cent (half even): each amount's cents
     * rounded down, then the cents left over given one each to the largest remainders (the first listed on a tie), or
     * taken back one each from the smallest when the floors overshoot.
     */
    public static long[] cents(List<Double> amounts, double total) {
        long target = new BigDecimal(total).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        int n = amounts.size();
        long[] out = new long[n];
        BigDecimal[] rest = new BigDecimal[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal c = new BigDecimal(amounts.get(i)).movePointRight(2);
            BigDecimal floor = c.setScale(0, RoundingMode.FLOOR);
            out[i] = floor.longValueExact();
            rest[i] = c.subtract(floor);
            sum += out[i];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = rest[b].compareTo(rest[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        long left = target - sum;
        for (int k = 0; left > 0 && n > 0; k = (k + 1) % n) {
            out[order[k]]++;
            left--;
        }
        for (int k = n - 1; left < 0 && n > 0; k = (k - 1 + n) % n) {
            if (out[order[k]] > 0) {
                out[order[k]]--;
                left++;
            }
        }
        return out;
    }

    /** Who sent requests to whom, over the run. */
    private static final class Graph {
        private final Map<String, Map<String, Double>> in = new LinkedHashMap<>();  // callee → sender → requests
        private final Map<String, Map<String, Double>> out = new LinkedHashMap<>(); // sender → callee → requests

        Graph(Map<String, Map<String, Long>> received, Map<String, String> forwards) {
            received.forEach((callee, from) -> from.forEach((sender, n) -> edge(sender, callee, n)));
            forwards.forEach((balancer, target) -> {
                double n = total(in.get(balancer));
                if (n > 0) {
                    edge(balancer, target, n);
                }
            });
        }

        private void edge(String from, String to, double n) {
            in.computeIfAbsent(to, k -> new LinkedHashMap<>()).merge(from, n, Double::sum);
            out.computeIfAbsent(from, k -> new LinkedHashMap<>()).merge(to, n, Double::sum);
        }

        Set<String> nodes() {
            Set<String> s = new TreeSet<>(in.keySet());
            s.addAll(out.keySet());
            s.remove(CallTally.LOAD);
            return s;
        }

        private static double total(Map<String, Double> m) {
            double t = 0;
            if (m != null) {
                for (double v : m.values()) {
                    t += v;
                }
            }
            return t;
        }

        /** The shares of shared line {@code name} by value (adding up to 1, or empty: unallocated). */
        Map<String, Double> shares(String name, Map<String, String> valueOf) {
            Map<String, Double> byComponent = new LinkedHashMap<>();
            if (in.containsKey(name) || out.containsKey(name)) {
                walk(name, 1, valueOf, byComponent, true, new HashSet<>(Set.of(name)));
                if (byComponent.isEmpty()) {
                    walk(name, 1, valueOf, byComponent, false, new HashSet<>(Set.of(name)));
                }
                double found = 0;
                for (double f : byComponent.values()) {
                    found += f;
                }
                if (found > 0) { // what traced back to the load alone, or to no tagged component, does not count
                    double sum = found;
                    byComponent.replaceAll((c, f) -> f / sum);
                }
            }
            if (byComponent.isEmpty()) { // no requests exchanged with a tagged component: by the requests each received
                double all = 0;
                for (String c : valueOf.keySet()) {
                    all += total(in.get(c));
                }
                if (all > 0) {
                    for (String c : valueOf.keySet()) {
                        double n = total(in.get(c));
                        if (n > 0) {
                            byComponent.put(c, n / all);
                        }
                    }
                }
            }
            Map<String, Double> byValue = new TreeMap<>();
            byComponent.forEach((c, f) -> byValue.merge(valueOf.get(c), f, Double::sum));
            return byValue;
        }

        /** Spreads {@code share} of {@code node} over the tagged components up (senders) or down (callees) from it. */
        private void walk(String node, double share, Map<String, String> valueOf, Map<String, Double> acc, boolean up,
                          Set<String> path) {
            Map<String, Double> next = up ? in.get(node) : out.get(node);
            double all = total(next);
            if (!(all > 0)) {
                return;
            }
            for (Map.Entry<String, Double> e : next.entrySet()) {
                String other = e.getKey();
                double f = share * (e.getValue() / all);
                if (valueOf.containsKey(other)) {
                    acc.merge(other, f, Double::sum);
                } else if (!other.equals(CallTally.LOAD) && path.add(other)) {
                    walk(other, f, valueOf, acc, up, path);
                    path.remove(other);
                }
            }
        }
    }
}
