package io.headroom.load.trace;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;

/**
 * The slice of a trace to replay, {@code window: {from: 0, to: 1440}}, in the trace's {@code unit}
 * and before {@code speedup}: values of the time column for a CSV series, time since the log's
 * earliest line for an access log. Either end may be left out (the trace's own start or end).
 */
public record TraceWindow(@AtMost(value = Limits.TRACE_TIME, why = Limits.TRACE_TIME_WHY) Double from, @AtMost(value = Limits.TRACE_TIME, why = Limits.TRACE_TIME_WHY) Double to) {
    public TraceWindow {
        if (from == null && to == null) {
            throw new FieldError("from", "a window needs from, to or both, e.g. window: {from: 0, to: 1440}");
        }
        if (from != null && !Double.isFinite(from)) {
            throw new FieldError("from", "must be a finite number, got " + FieldError.number(from));
        }
        if (to != null && !Double.isFinite(to)) {
            throw new FieldError("to", "must be a finite number, got " + FieldError.number(to));
        }
        if (from != null && to != null && !(to > from)) {
            throw new FieldError("to", "must be after from (" + FieldError.number(from) + "), got " + FieldError.number(to));
        }
    }
}
