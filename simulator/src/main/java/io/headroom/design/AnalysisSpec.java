package io.headroom.design;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * A canary's background analysis, as an Argo Rollouts AnalysisRun measures it: every {@code interval} from the canary's
 * start, the SLO expression {@code slo} (the SLO syntax: {@code "errors < 1%"}, {@code "p99 < 300ms"},
 * {@code "checkout.p99 < 300ms"}) is evaluated over the requests the canary's own pods served in that interval; a
 * measurement that does not hold is a failure. Failures count cumulatively, and once they exceed
 * {@code failure-limit} (default 0, Argo's) the rollout is aborted and rolled back.
 */
public record AnalysisSpec(String slo, Duration interval,
                           @AtMost(value = Limits.COUNT, why = Limits.COUNT_WHY) Integer failureLimit) {
    public AnalysisSpec {
        if (slo == null || slo.isBlank()) {
            throw new FieldError("slo", "give what each measurement checks, e.g. slo: \"errors < 1%\"");
        }
        Slo parsed;
        try {
            parsed = Slo.parse(slo);
        } catch (IllegalArgumentException e) {
            throw new FieldError("slo", e.getMessage());
        }
        if (parsed.windowNs() > 0) {
            throw new FieldError("slo", "a measurement covers one interval: remove 'over ...' and set interval instead");
        }
        if (!parsed.metric().latency() && parsed.metric() != Slo.Metric.ERRORS) {
            throw new FieldError("slo", "an analysis measures the canary's requests: errors or a latency (p50, p90, p95, p99,"
                    + " p99_9, mean), not " + parsed.metric().key());
        }
        if (interval == null) {
            throw new FieldError("interval", "give how often the analysis measures, e.g. interval: 1m");
        }
        FieldError.positive(interval, "interval");
        failureLimit = failureLimit == null ? 0 : failureLimit;
        if (failureLimit < 0) {
            throw new FieldError("failure-limit", "a count of failed measurements, 0 or more, got " + failureLimit);
        }
    }

    /** The parsed expression. */
    public Slo parsedSlo() {
        return Slo.parse(slo);
    }
}
