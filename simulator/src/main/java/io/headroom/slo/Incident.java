package io.headroom.slo;

import java.util.List;

/**
 * A stretch of the run in which an SLO was breached, with what explains it: the components at
 * saturation, whose queues grew, where the errors came from by cause, what the autoscalers were
 * doing.
 *
 * @param startS     the first moment of the breach (a time-series step boundary)
 * @param endS       its last moment
 * @param slo        the SLO breached
 * @param worstValue the worst value of that SLO's windows in this stretch
 * @param causes     the attribution, most telling first
 * @param replication which replication it happened in (1, 2, ...), 0 in a single run
 */
public record Incident(double startS, double endS, String slo, double worstValue, List<String> causes, int replication) {
    /** An incident of a single run. */
    public Incident(double startS, double endS, String slo, double worstValue, List<String> causes) {
        this(startS, endS, slo, worstValue, causes, 0);
    }
}
