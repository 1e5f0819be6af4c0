package io.headroom.vpa;

/**
 * A VPA recommendation for a workload's CPU request: the {@code target} the updater applies, and the
 * {@code lower} and {@code upper} bounds outside which a running pod's request is recreated at once. The bounds
 * are wide while the history is short ({@code historyDays}, upstream's confidence: the smaller of the days between
 * the first and the last sample and the sample count over 1440), so the updater is not eager on little data.
 *
 * @param targetMilli  {@code target} CPU request, millicores
 * @param lowerMilli   {@code lowerBound}, millicores
 * @param upperMilli   {@code upperBound}, millicores ({@link Estimators#MAX_RESOURCE_AMOUNT} without history)
 * @param historyDays  the confidence the bounds were computed with, in days
 */
public record Recommendation(long targetMilli, long lowerMilli, long upperMilli, double historyDays) {
}
