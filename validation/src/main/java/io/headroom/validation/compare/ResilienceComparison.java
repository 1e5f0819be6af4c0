package io.headroom.validation.compare;

import io.headroom.design.CallSpec;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.request.ErrorCause;
import io.headroom.run.RunResult;
import io.headroom.validation.gatling.RecordedRequest;
import io.headroom.validation.testbed.CallLog;
import io.headroom.validation.testbed.ServedLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * What a design's call resilience did in the testbed (Resilience4j) against what the simulator's state machines
 * predict for the same arrivals: how many attempts the calls made (retries included, refusals included), how many
 * reached each callee, how many the circuit breakers refused, and why the requests that failed failed. Counts, in
 * the simulator's definitions: attempts and failures of requests that started in the measured period; breaker
 * refusals over the whole run (the simulator's {@code calls_not_permitted}).
 *
 * <p>A breaker's counts depend on its whole history (one run opens it a few times more or less), so the noise of
 * a count is the model's own: a figure is within when the measured count lies inside one run's 95 % prediction
 * interval of the simulated replications, {@code mean ± t(0.975, n−1) · sd · √(1 + 1/n)} — where one run of a
 * system that behaves exactly like the model lands, under the very arrivals the measured run had. A count's spread
 * is taken as at least a Poisson count's of the same mean (of at least one), so an event the replications happened
 * not to see — an attempt timing out in a stall of the machine — is not an infinitely precise zero.
 */
public final class ResilienceComparison {

    /** One count: measured, the simulated mean, one run's 95 % half-width, and whether the measured one lies inside. */
    public record Row(String figure, double measured, double simulated, double runHalfWidth) {
        public boolean pass() {
            return Math.abs(measured - simulated) <= runHalfWidth;
        }
    }

    private ResilienceComparison() {
    }

    /** Whether any call of the design has a timeout, retries, a circuit breaker or a bulkhead. */
    public static boolean applies(Design d) {
        return !guardedCalls(d).isEmpty();
    }

    /**
     * @param requests  the measured requests (dequantized), in the order of {@code ids}
     * @param simulated the replications of the design under the run's arrivals
     */
    public static List<Row> of(Design d, List<RecordedRequest> requests, long[] ids, CallLog calls, ServedLog served, double warmupS,
                               double endS, List<RunResult> simulated) {
        Set<Long> counted = new HashSet<>();
        long measured = 0;
        long[] failedBy = new long[ErrorCause.values().length];
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest r = requests.get(i);
            double s = r.startMs() / 1000;
            if (s < warmupS || s >= endS) {
                continue;
            }
            measured++;
            counted.add(ids[i]);
            for (ErrorCause c : ErrorCause.values()) {
                if (c.key().equals(ServedLog.cause(r.status()))) {
                    failedBy[c.ordinal()]++;
                }
            }
        }
        List<CallLog.Attempt> attempts = calls.rows();
        Map<String, Double> measuredBy = new LinkedHashMap<>();
        for (Map.Entry<String, ToDoubleFunction<RunResult>> f : figures(d).entrySet()) {
            String figure = f.getKey();
            double v;
            if (figure.equals(ATTEMPTS)) {
                v = measured == 0 ? 0 : (double) attempts.stream().filter(a -> counted.contains(a.requestId())).count() / measured;
            } else if (figure.endsWith(REACHED)) {
                String callee = figure.substring(0, figure.length() - REACHED.length());
                v = served.rowsOf(callee).stream().filter(x -> counted.contains(x.requestId())).count();
            } else if (figure.endsWith(NOT_PERMITTED)) {
                String caller = figure.substring(0, figure.length() - NOT_PERMITTED.length());
                v = attempts.stream().filter(a -> a.outcome() == CallLog.Outcome.CIRCUIT_OPEN && a.caller().startsWith(caller + "#")).count();
            } else {
                v = failedBy[ErrorCause.valueOf(figure.substring(FAILED.length()).toUpperCase(Locale.ROOT)).ordinal()];
            }
            measuredBy.put(figure, v);
        }
        List<Row> rows = new ArrayList<>();
        measuredBy.forEach((figure, v) -> rows.add(new Row(figure, v, Double.NaN, Double.NaN)));
        return against(rows, d, simulated);
    }

    /**
     * The same measured figures against other simulated runs (another model of the same run): each row's simulated
     * mean and one-run half-width recomputed from {@code simulated} of design {@code d}.
     */
    public static List<Row> against(List<Row> measured, Design d, List<RunResult> simulated) {
        Map<String, ToDoubleFunction<RunResult>> figures = figures(d);
        List<Row> rows = new ArrayList<>();
        for (Row m : measured) {
            rows.add(row(m.figure(), m.measured(), simulated, figures.get(m.figure())));
        }
        return rows;
    }

    private static final String ATTEMPTS = "call attempts per request";
    private static final String REACHED = " attempts reached";
    private static final String NOT_PERMITTED = " calls not permitted (whole run)";
    private static final String FAILED = "requests failed ";

    /** Each figure the design has, by name, and how a simulated run gives it. */
    private static Map<String, ToDoubleFunction<RunResult>> figures(Design d) {
        Map<String, ToDoubleFunction<RunResult>> f = new LinkedHashMap<>();
        if (guardedCalls(d).size() == allCalls(d)) {
            f.put(ATTEMPTS, r -> r.overall().requests() == 0 ? 0
                    : (double) (r.overall().attempts() - r.overall().requests()) / r.overall().requests());
        }
        Set<String> callers = new LinkedHashSet<>();
        Set<String> callees = new LinkedHashSet<>();
        for (String[] c : guardedCalls(d)) {
            callers.add(c[0]);
            callees.add(c[1]);
        }
        for (String callee : callees) {
            if (d.components().get(callee) instanceof ServiceSpec) {
                f.put(callee + REACHED, r -> r.components().get(callee).attempts());
            }
        }
        for (String caller : callers) {
            f.put(caller + NOT_PERMITTED, r -> r.components().get(caller).callsNotPermitted());
        }
        for (ErrorCause c : new ErrorCause[] {ErrorCause.CIRCUIT_OPEN, ErrorCause.BULKHEAD, ErrorCause.TIMEOUT, ErrorCause.DEPENDENCY}) {
            f.put(FAILED + c.key(), r -> r.overall().errors().get(c));
        }
        return f;
    }

    private static Row row(String figure, double measured, List<RunResult> simulated, ToDoubleFunction<RunResult> f) {
        SummaryStatistics s = new SummaryStatistics();
        simulated.forEach(r -> s.addValue(f.applyAsDouble(r)));
        long n = s.getN();
        double t = n > 1 ? new TDistribution(n - 1).inverseCumulativeProbability(0.975) : Double.NaN;
        double sd = s.getStandardDeviation() * Math.sqrt(1 + 1.0 / n);
        if (!figure.equals(ATTEMPTS)) {
            sd = Math.max(sd, Math.sqrt(Math.max(1, s.getMean()))); // a count is at least as noisy as Poisson's
        }
        return new Row(figure, measured, s.getMean(), t * sd);
    }

    /** One line per row, as the terminal and the report's findings show them. */
    public static List<String> lines(List<Row> rows, String comparison) {
        List<String> out = new ArrayList<>();
        out.add("resilience (" + comparison + "; simulated: mean and one run's 95 % interval):");
        for (Row r : rows) {
            boolean ratio = r.figure().contains("per request");
            out.add(String.format(Locale.ROOT, "  %-40s measured %10s  simulated %10s ± %9s  %s", r.figure(), num(r.measured(), ratio),
                    num(r.simulated(), ratio), num(r.runHalfWidth(), ratio), r.pass() ? "ok" : "OUTSIDE"));
        }
        return out;
    }

    private static String num(double v, boolean ratio) {
        return String.format(Locale.ROOT, ratio ? "%.4f" : "%.1f", v);
    }

    /** {@code resilience.csv}: figure, measured, simulated, simulated_run_ci95, pass. */
    public static void write(List<Row> rows, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("figure,measured,simulated,simulated_run_ci95,pass\n");
            for (Row r : rows) {
                w.write(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%s%n", r.figure(), r.measured(), r.simulated(), r.runHalfWidth(),
                        r.pass()));
            }
        }
    }

    /** {@code calls.csv}: every attempt of a guarded call, times in milliseconds from {@code epochNs}. */
    public static void writeCalls(CallLog calls, long epochNs, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("caller,endpoint,call,callee,attempt,start_ms,end_ms,outcome,request_id\n");
            for (CallLog.Attempt a : calls.rows()) {
                w.write(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%.3f,%.3f,%s,%d%n", a.caller(), a.endpoint(), a.call(), a.callee(),
                        a.attempt(), (a.startNs() - epochNs) / 1e6, (a.endNs() - epochNs) / 1e6, a.outcome().key(), a.requestId()));
            }
        }
    }

    /** {caller, callee} of every call with a timeout, retries, a breaker or a bulkhead. */
    private static List<String[]> guardedCalls(Design d) {
        List<String[]> out = new ArrayList<>();
        for (var c : d.components().entrySet()) {
            if (c.getValue() instanceof ServiceSpec s) {
                for (EndpointSpec ep : s.endpoints().values()) {
                    for (CallSpec call : ep.calls()) {
                        if (call.timeout() != null || call.retries().count() > 0 || call.circuitBreaker() != null || call.bulkhead() != null) {
                            out.add(new String[] {c.getKey(), call.to()});
                        }
                    }
                }
            }
        }
        return out;
    }

    private static int allCalls(Design d) {
        int n = 0;
        for (ComponentSpec c : d.components().values()) {
            if (c instanceof ServiceSpec s) {
                for (EndpointSpec ep : s.endpoints().values()) {
                    n += ep.calls().size();
                }
            }
        }
        return n;
    }
}
