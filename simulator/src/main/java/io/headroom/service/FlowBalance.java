package io.headroom.service;

import io.headroom.request.ErrorCause;
import java.util.EnumMap;

/**
 * The books of every request sent to a service (counted or not, from time 0), as a run's
 * self-checks read them: each one that was sent ended here — answered, failed by cause (at the
 * door: rejected, or dropped because its caller had given up; or inside), passed on (an async
 * endpoint's request that left its worker to make its calls) — or is inside still. So
 * {@code received = answered + passedOn + Σ failed + inside} holds at every instant between
 * events, and {@code leftTimeNs} is the time spent inside by those that left.
 *
 * @param failed by cause, every cause present
 */
public record FlowBalance(long received, long answered, long passedOn, EnumMap<ErrorCause, Long> failed, int inside,
                          double leftTimeNs) {
    /** Requests that ended here, whatever the outcome. */
    public long ended() {
        long n = answered + passedOn;
        for (long f : failed.values()) {
            n += f;
        }
        return n;
    }

    /** Whether what was received is what ended plus what is inside. */
    public boolean balanced() {
        return received == ended() + inside;
    }
}
