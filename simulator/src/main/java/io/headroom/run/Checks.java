package io.headroom.run;

import io.headroom.request.ErrorCause;
import io.headroom.service.FlowBalance;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a run verified about itself — the laws any queueing system obeys whatever its design, so
 * that a violation is a bug of the simulator, never a property of the design:
 *
 * <ul>
 *   <li><b>Conservation.</b> Every request is somewhere: of the load's counted requests,
 *       {@code requests = completed + errors + in flight}; of every request sent to a service over
 *       the run, {@code received = answered + passed on + failed by cause + inside} (see
 *       {@link FlowBalance}), and what is inside by that count is what the request pool holds.</li>
 *   <li><b>Little's law, sample path.</b> Over the measured period {@code [a, b]}, the time
 *       integral of the number in the system equals the sum over requests of the time each spent
 *       in it inside {@code [a, b]} — an identity (Stidham's L = λW before any limit), so it holds
 *       to rounding: the integral is summed in floating point, the times exactly. For the load (the
 *       requests in flight) and for each service (its {@code in_system_mean}'s integral).</li>
 * </ul>
 *
 * @param failures what failed, one sentence each; empty when every check passed
 */
public record Checks(List<String> failures, Balance overall, Map<String, FlowBalance> components, Little overallLittle,
                     Map<String, Little> componentLittle) {
    /** The largest relative difference between a Little's-law integral and its sum that passes. */
    public static final double TOLERANCE = 1e-9;

    public boolean passed() {
        return failures.isEmpty();
    }

    /** How the warning about a failed check starts, in {@code warnings} and on the terminal. */
    public static final String FAILED = "SELF-CHECK FAILED: ";

    /** The warning for {@code failure}. */
    public static String warning(String failure) {
        return FAILED + failure + " — a bug of the simulator: these results cannot be trusted";
    }

    /** The load's counted requests (those of {@code overall}): sent, and how they ended or not. */
    public record Balance(long requests, long completed, EnumMap<ErrorCause, Long> errors, long inFlight) {
        public long errorTotal() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean balanced() {
            return requests == completed + errorTotal() + inFlight;
        }
    }

    /** One Little's-law identity: the integral of the number in the system and the sum of the times, in request·ns. */
    public record Little(double integralNs, double sumNs) {
        /** |integral − sum| over the larger of the two (0 when both are 0). */
        public double relativeError() {
            double scale = Math.max(Math.abs(integralNs), Math.abs(sumNs));
            return scale == 0 ? 0 : Math.abs(integralNs - sumNs) / scale;
        }

        public boolean holds() {
            return relativeError() <= TOLERANCE;
        }
    }
}
