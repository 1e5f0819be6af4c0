package io.headroom.fleet;

import io.headroom.design.Slo;
import io.headroom.design.AnalysisSpec;
import io.headroom.engine.EventQueue;
import io.headroom.engine.Simulation;
import io.headroom.metrics.LatencyStats;
import java.util.List;

/**
 * A canary's background analysis as an Argo Rollouts AnalysisRun runs it: a measurement every {@code interval} from
 * the rollout's start, each the SLO expression evaluated over the requests the canary's own instances served in that
 * interval (its errors in percent of them; a latency percentile or mean of the successful ones, their time at the
 * service; an endpoint prefix narrows to that endpoint). A measurement that does not hold is a failure; failures
 * count cumulatively, and the analysis has failed once they exceed {@code failure-limit}. An interval in which the
 * canary served nothing is inconclusive (neither kind): Argo treats an empty result as an error of the provider,
 * not a failure.
 */
final class CanaryAnalysis {
    /** Starts an analysis of version {@code version} at {@code now}. */
    interface Factory {
        CanaryAnalysis start(AnalysisSpec spec, int version, long now);
    }

    private final Slo slo;
    private final int endpoint;
    private final int version;
    private final int failureLimit;
    private final long intervalNs;
    private final Simulation sim;
    private final EventQueue events;
    private final Runnable onFailed;
    private final LatencyStats latencies = new LatencyStats();
    private final int timer;
    private long served;
    private long errors;
    private int failures;
    private int measurements;
    private boolean stopped;

    /**
     * @param endpoints the service's endpoint names in order (to find the one the SLO names)
     * @param onFailed  told when the failures first exceed the limit
     */
    CanaryAnalysis(AnalysisSpec spec, int version, List<String> endpoints, Simulation sim, long now, Runnable onFailed) {
        this.slo = spec.parsedSlo();
        this.endpoint = slo.endpoint() == null ? -1 : endpoints.indexOf(slo.endpoint());
        this.version = version;
        this.failureLimit = spec.failureLimit();
        this.intervalNs = spec.interval().toNanos();
        this.sim = sim;
        this.events = sim.events();
        this.onFailed = onFailed;
        this.timer = events.timer(this::measure, 0);
        events.schedule(timer, now + intervalNs);
    }

    /** A request left the service from an instance of version {@code v}. */
    void served(int v, int localEndpoint, boolean failed, long sojournNs) {
        if (v != version || stopped || endpoint >= 0 && localEndpoint != endpoint) {
            return;
        }
        served++;
        if (failed) {
            errors++;
        } else {
            latencies.record(sojournNs);
        }
    }

    private void measure(int unused) {
        if (stopped) {
            return;
        }
        double value = value();
        served = 0;
        errors = 0;
        latencies.reset();
        if (!Double.isNaN(value)) {
            measurements++;
            if (!slo.met(value)) {
                failures++;
                if (failures == failureLimit + 1) {
                    onFailed.run();
                }
            }
        }
        if (!failed()) {
            events.schedule(timer, sim.now() + intervalNs);
        }
    }

    /** This interval's value of the SLO's metric, NaN when the canary served nothing it covers. */
    private double value() {
        if (slo.metric() == Slo.Metric.ERRORS) {
            return served == 0 ? Double.NaN : 100.0 * errors / served;
        }
        if (latencies.count() == 0) {
            return Double.NaN;
        }
        double ns = slo.metric() == Slo.Metric.MEAN ? latencies.meanNs() : latencies.percentileNs(slo.metric().percent());
        return ns / 1e6;
    }

    /** Whether the failed measurements exceed the limit (Argo's rule). */
    boolean failed() {
        return failures > failureLimit;
    }

    int failures() {
        return failures;
    }

    int measurements() {
        return measurements;
    }

    /** The rollout is over: no more measurements. */
    void stop() {
        stopped = true;
        events.cancel(timer);
    }
}
