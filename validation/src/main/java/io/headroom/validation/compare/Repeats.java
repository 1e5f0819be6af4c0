package io.headroom.validation.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Repeated validations of one design under one profile, pooled. One run pins a tail percentile near saturation
 * only loosely: its batch-means interval understates the noise, and the run's luck (which requests were long)
 * moves the measured figure and the replayed prediction together. Repeating the run and taking each figure's
 * mean over runs, with the 95 % Student-t interval of the between-run spread, counts every source of noise
 * (the arrivals, the work, the machine) without a model of any of them. The error is the mean of the paired
 * differences (each run's prediction against that run's measurement) relative to the mean measured value, with
 * the t interval of those differences; a figure passes when {@code |error| <= target + half-width}, as one run's
 * does. For each figure it also says how many runs of this length a 10 % and a 5 % half-width of the measured
 * value would take, from the spread seen.
 */
public record Repeats(String name, int runs, List<Row> rows) {

    /**
     * One figure pooled over the runs. Latencies in milliseconds, throughput per second, the error rate as a
     * fraction (its error in percentage points).
     *
     * @param runsFor10 runs of this length for a 95 % half-width of 10 % of the measured mean (-1 if the spread is 0)
     * @param runsFor5  the same for 5 %
     */
    public record Row(String metric, double measured, double measuredHalfWidth, double simulated, double simulatedHalfWidth,
                      double error, double errorHalfWidth, double threshold, boolean pass, int runsFor10, int runsFor5) {
        public boolean absolute() {
            return metric.equals("error_rate");
        }
    }

    /** What one run's comparison contributes: per figure, the measured and the simulated value and the target. */
    public record Figures(String name, List<Figure> figures) {
        public record Figure(String metric, double measured, double simulated, double threshold) {
            boolean absolute() {
                return metric.equals("error_rate");
            }
        }

        public static Figures of(Comparison c) {
            return new Figures(c.name(), c.rows().stream().map(r -> new Figure(r.metric(), r.measured(), r.simulated(), r.threshold()))
                    .toList());
        }

        /** From one entry of {@code comparisons} in a run's {@code validation.json}. */
        public static Figures read(com.fasterxml.jackson.databind.JsonNode comparison) {
            List<Figure> figures = new ArrayList<>();
            comparison.get("metrics").fields().forEachRemaining(e -> figures.add(new Figure(e.getKey(),
                    e.getValue().get("measured").asDouble(Double.NaN), e.getValue().get("simulated").asDouble(Double.NaN),
                    e.getValue().get("threshold").asDouble(Double.NaN))));
            return new Figures(comparison.get("name").asText(), figures);
        }

        Figure figure(String metric) {
            return figures.stream().filter(f -> f.metric().equals(metric)).findFirst().orElseThrow();
        }
    }

    /**
     * Pools the comparisons of {@code runs} (each run's list, in the same order and with the same names) into one
     * per name; a name missing from a run is left out.
     *
     * @throws IllegalArgumentException with fewer than two runs
     */
    public static List<Repeats> pool(List<List<Figures>> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("pooling needs at least two runs, not " + runs.size());
        }
        Map<String, List<Figures>> byName = new LinkedHashMap<>();
        for (Figures c : runs.get(0)) {
            List<Figures> same = new ArrayList<>();
            for (List<Figures> run : runs) {
                run.stream().filter(o -> o.name().equals(c.name())).findFirst().ifPresent(same::add);
            }
            if (same.size() == runs.size()) {
                byName.put(c.name(), same);
            }
        }
        List<Repeats> pooled = new ArrayList<>();
        byName.forEach((name, same) -> pooled.add(of(name, same)));
        return pooled;
    }

    private static Repeats of(String name, List<Figures> same) {
        int n = same.size();
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        List<Row> rows = new ArrayList<>();
        for (Figures.Figure first : same.get(0).figures()) {
            String metric = first.metric();
            double[] m = new double[n];
            double[] s = new double[n];
            double[] d = new double[n];
            for (int k = 0; k < n; k++) {
                Figures.Figure r = same.get(k).figure(metric);
                m[k] = r.measured();
                s[k] = r.simulated();
                d[k] = s[k] - m[k];
            }
            double mm = mean(m);
            double mhw = t * sd(m) / Math.sqrt(n);
            double sm = mean(s);
            double shw = t * sd(s) / Math.sqrt(n);
            double dm = mean(d);
            double dhw = t * sd(d) / Math.sqrt(n);
            boolean absolute = first.absolute();
            double error = absolute ? 100 * dm : 100 * dm / mm;
            double errorHw = absolute ? 100 * dhw : 100 * dhw / mm;
            boolean pass = Math.abs(error) <= first.threshold() + errorHw + 1e-9;
            rows.add(new Row(metric, mm, mhw, sm, shw, error, errorHw, first.threshold(), pass, runsFor(sd(m), mm, 0.10),
                    runsFor(sd(m), mm, 0.05)));
        }
        return new Repeats(name, n, rows);
    }

    /** The fewest runs whose 95 % t half-width of the mean is at most {@code relative} of {@code mean}. */
    static int runsFor(double sd, double mean, double relative) {
        if (!(sd > 0) || !(mean > 0)) {
            return -1;
        }
        double z = 1.959963984540054 * sd / (relative * mean); // t exceeds z: no fewer than z^2 runs
        for (int n = (int) Math.max(2, Math.floor(z * z)); n <= 100_000_000; n++) {
            double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
            if (t * sd / Math.sqrt(n) <= relative * mean) {
                return n;
            }
        }
        return -1;
    }

    public Row row(String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }

    public boolean passes() {
        return rows.stream().allMatch(Row::pass);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
