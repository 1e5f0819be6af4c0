package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * One entry of a design's (or a study's) {@code slos:} list as written: either an expression
 * ({@code "p99 < 400ms over 5m"}), or a mapping — {@code {expr: "...", min-requests: 50}} for an
 * expression whose windows need another minimum of requests, or {@code {name, good, target,
 * period}} for a request-based SLO with an error budget ({@link ErrorBudget}).
 *
 * @param expr        an {@link Slo} expression
 * @param minRequests the fewest requests a window of {@code expr} needs to be judged (default 100)
 * @param name        an error budget's name
 * @param good        an error budget's good-event expression
 * @param target      an error budget's target: {@code 99.9%} or {@code 0.999}
 * @param period      an error budget's period (default 30d)
 */
public record SloSpec(String expr, @AtMost(value = Limits.METRIC, why = Limits.METRIC_WHY) Integer minRequests, String name, String good, @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) Fraction target, Duration period) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public SloSpec {
        if (expr != null) {
            if (name != null || good != null || target != null || period != null) {
                throw new FieldError("expr", "an SLO is either an expression (expr) or an error budget (name, good, target, period),"
                        + " not both");
            }
            try {
                Slo.parse(expr, minRequests == null ? Slo.DEFAULT_MIN_REQUESTS : minRequests);
            } catch (IllegalArgumentException e) {
                throw new FieldError(minRequests != null && minRequests < 1 ? "min-requests" : "expr", e.getMessage());
            }
        } else {
            if (good == null) {
                throw new FieldError("good", "an SLO mapping needs expr (e.g. {expr: \"p99 < 400ms over 5m\", min-requests: 50}) or"
                        + " an error budget {name, good, target, period}");
            }
            FieldError.require(name, "name");
            FieldError.require(target, "target");
            if (minRequests != null) {
                throw new FieldError("min-requests", "min-requests belongs to a windowed expression (expr), not to an error budget");
            }
            double t = fraction(target);
            try {
                ErrorBudget.of(name, good, t, period == null ? ErrorBudget.WORKBOOK_PERIOD : period);
            } catch (IllegalArgumentException e) {
                String at = e.getMessage().startsWith("target") ? "target" : e.getMessage().startsWith("period") ? "period" : "good";
                throw new FieldError(at, e.getMessage());
            }
        }
    }

    /** An entry written as a bare expression. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SloSpec of(String expr) {
        if (expr == null || expr.isBlank()) {
            throw new IllegalArgumentException("an empty SLO: write e.g. \"p99 < 250ms\"");
        }
        Slo.parse(expr);
        return new SloSpec(expr, null, null, null, null, null);
    }

    /** An expression SLO (as opposed to an error budget). */
    public boolean isExpression() {
        return expr != null;
    }

    /** The expression SLO; only for {@link #isExpression()}. */
    public Slo slo() {
        return Slo.parse(expr, minRequests == null ? Slo.DEFAULT_MIN_REQUESTS : minRequests);
    }

    /** The error budget; only when not {@link #isExpression()}. */
    public ErrorBudget budget() {
        return ErrorBudget.of(name, good, fraction(target), period == null ? ErrorBudget.WORKBOOK_PERIOD : period);
    }

    /** What the SLO is called in results: its expression, or an error budget's name. */
    public String label() {
        return expr != null ? expr.trim() : name;
    }

    /** The target as a fraction; a number above 1 is a percentage written without its sign. */
    private static double fraction(Fraction target) {
        if (!target.percent() && target.value() > 1) {
            throw new FieldError("target", "a target is a fraction or a percentage, got " + FieldError.number(target.value())
                    + Fraction.hint(target.value()));
        }
        return target.value();
    }
}
