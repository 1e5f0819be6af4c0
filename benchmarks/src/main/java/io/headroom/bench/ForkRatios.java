package io.headroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * The table of {@code benchmarks/warm.sh}: warm engines timed in JMH forks taken in turn (fork 1 of every engine, then
 * fork 2 of every engine, …), so that this VM's drift from one quarter hour to the next falls on every engine alike.
 * Reads the JMH result files {@code ENGINE-WORKLOAD-FORK.json} of one folder and prints, per workload and engine, the
 * median of the forks' medians; and, for Headroom against each peer, the speed ratio (the peer's time over
 * Headroom's) of each fork pair — forks of one round, taken minutes apart at most — with the median of those ratios
 * and a distribution-free confidence interval for it: the order statistics {@code [r(k), r(n+1-k)]} of the n ratios,
 * with the largest k whose coverage {@code 1 - 2 P(Binomial(n, 1/2) < k)} is still at least 95 % (with fewer than 6
 * pairs no interval reaches 95 %: the whole range is given, with its coverage).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.headroom.bench.ForkRatios FOLDER}
 */
public final class ForkRatios {
    /** An engine's result file: {@code headroom-mm4-3.json}. */
    private static final Pattern FILE = Pattern.compile("([a-z0-9]+)-([a-z0-9-]+)-(\\d+)\\.json");
    /** The engines Headroom is set against: the hand-written loops, SSJ, and the code of another commit (by default and on one thread). */
    static final List<String> PEERS = List.of("handwritten", "ssj", "baseline", "baselinealone");
    /** Headroom's variants: as it runs by default, and on one thread. */
    static final List<String> HEADROOMS = List.of("headroom", "alone");

    private ForkRatios() {
    }

    /** A median and its confidence interval, with the interval's coverage. */
    record Estimate(double median, double low, double high, double coverage, int n) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ForkRatios FOLDER (the JMH result files of benchmarks/warm.sh)");
            System.exit(2);
        }
        try {
            print(read(Path.of(args[0])), System.out);
        } catch (IOException e) {
            System.err.println("ForkRatios: " + e.getMessage() + (e instanceof java.nio.file.NoSuchFileException ? ": no such folder" : ""));
            System.exit(2);
        }
    }

    /** workload → engine → fork → the fork's median time (ms), in name order; an error if the folder holds no result. */
    static Map<String, Map<String, Map<Integer, Double>>> read(Path folder) throws IOException {
        Map<String, Map<String, Map<Integer, Double>>> all = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                JsonNode raw = json.readTree(f.toFile()).path(0).path("primaryMetric").path("rawData").path(0);
                if (!raw.isArray() || raw.isEmpty()) {
                    throw new IOException(f + ": no measured runs (did the fork fail?)");
                }
                double[] runs = new double[raw.size()];
                for (int i = 0; i < runs.length; i++) {
                    runs[i] = raw.get(i).asDouble();
                }
                all.computeIfAbsent(m.group(2), w -> new TreeMap<>()).computeIfAbsent(m.group(1), e -> new TreeMap<>())
                        .put(Integer.parseInt(m.group(3)), median(runs));
            }
        }
        if (all.isEmpty()) {
            throw new IOException(folder + ": no JMH result files (ENGINE-WORKLOAD-FORK.json)");
        }
        return all;
    }

    static void print(Map<String, Map<String, Map<Integer, Double>>> all, PrintStream out) {
        for (var w : all.entrySet()) {
            Map<String, Map<Integer, Double>> engines = w.getValue();
            out.printf(Locale.ROOT, "%s%n", w.getKey());
            for (var e : engines.entrySet()) {
                double[] forks = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
                out.printf(Locale.ROOT, "  %-14s median %8.1f ms over %d forks (fork medians %s)%n", e.getKey(), median(forks),
                        forks.length, join(forks));
            }
            for (String h : HEADROOMS) {
                for (String peer : PEERS) {
                    if (engines.containsKey(h) && engines.containsKey(peer)) {
                        Estimate r = pairedRatio(engines.get(peer), engines.get(h));
                        if (r == null) {
                            out.printf(Locale.ROOT, "  %s / %s: no fork of one round has both%n", h, peer);
                        } else {
                            out.printf(Locale.ROOT, "  %s / %s speed %.3f, %.1f %% interval %.3f-%.3f (%d fork pairs)%n", h,
                                    peer, r.median(), 100 * r.coverage(), r.low(), r.high(), r.n());
                        }
                    }
                }
            }
        }
    }

    /** The ratios {@code peer / headroom} of the forks both have, with their median's interval; null if they have none in common. */
    static Estimate pairedRatio(Map<Integer, Double> peer, Map<Integer, Double> headroom) {
        List<Double> ratios = new ArrayList<>();
        for (var f : headroom.entrySet()) {
            Double p = peer.get(f.getKey());
            if (p != null) {
                ratios.add(p / f.getValue());
            }
        }
        return ratios.isEmpty() ? null : medianInterval(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The median of {@code xs} and the order-statistic interval {@code [x(k), x(n+1-k)]} with the largest k covering
     * the true median with probability at least 95 % (the whole range when none does).
     */
    static Estimate medianInterval(double[] xs) {
        int n = xs.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        BinomialDistribution b = new BinomialDistribution(null, n, 0.5);
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && coverage(b, k + 1) >= 0.95) {
            k++;
        }
        return new Estimate(median(xs), s[k - 1], s[n - k], coverage(b, k), n);
    }

    /** P(x(k) ≤ median ≤ x(n+1-k)) = 1 - 2 P(B < k). */
    private static double coverage(BinomialDistribution b, int k) {
        return 1 - 2 * b.cumulativeProbability(k - 1);
    }

    /** The median: the middle value, or the mean of the two middle values of an even count. */
    static double median(double[] xs) {
        return new Median().evaluate(xs);
    }

    private static String join(double[] xs) {
        return Arrays.stream(xs).mapToObj(x -> String.format(Locale.ROOT, "%.0f", x)).collect(Collectors.joining(", "));
    }
}
