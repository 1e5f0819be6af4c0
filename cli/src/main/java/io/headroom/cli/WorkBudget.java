package io.headroom.cli;

import io.headroom.run.RunOptions;
import io.headroom.run.WorkEstimate;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The work a command may do ({@code --max-events}): before simulating, a command estimates the events
 * its runs will fire ({@link WorkEstimate}) and refuses, with exit status 2, work beyond the budget — a
 * run of hours or years is asked for on purpose, never by a mistyped rate. The same budget is the hard
 * stop of every run: a run whose estimate was too low stops when it passes it.
 */
final class WorkBudget {
    @Option(names = "--max-events", paramLabel = "N", converter = EventCount.class,
            description = "refuse work estimated beyond N events, and stop a run that passes N (default: 2e9, about 10 minutes;"
                    + " a whole number or scientific notation such as 3e9)")
    Long maxEvents;

    /** The budget in force. */
    long limit() {
        return maxEvents != null ? maxEvents : WorkEstimate.DEFAULT_MAX_EVENTS;
    }

    /**
     * Whether {@code estimate} fits the budget; if not, says why on {@code err} (the estimate and the option
     * that raises the budget) and the command returns {@link Headroom#BAD_INPUT}.
     */
    boolean allows(WorkEstimate estimate, int threads, PrintWriter err) {
        if (estimate.fits(limit())) {
            return true;
        }
        err.println("headroom: " + estimate.line(threads));
        for (String note : estimate.notes()) {
            err.println("  (" + note + ")");
        }
        err.println("headroom: that is more than the budget of " + WorkEstimate.count(limit()) + " events (" + limit()
                + "); nothing was run. Shorten or thin the load, or raise the budget with --max-events "
                + suggestion(estimate.totalEvents()));
        err.flush();
        return false;
    }

    /** Run options that stop a run past the budget and count its events into {@code progress}. */
    RunOptions apply(RunOptions options, AtomicLong progress) {
        return options.withBudget(limit(), progress);
    }

    /** A budget that covers {@code events}, in the option's notation (e.g. 4e10). */
    static String suggestion(double events) {
        if (!(events < 9e18)) {
            return "N (this is beyond any budget: the work would not end)";
        }
        BigDecimal up = new BigDecimal(Math.ceil(events)).round(new java.math.MathContext(2, java.math.RoundingMode.UP));
        return up.stripTrailingZeros().toString().replace("E+", "e");
    }

    /** {@code --max-events}: a positive whole number, written out or in scientific notation (3e9, 2.5e10). */
    static final class EventCount implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long n = new BigDecimal(value.trim()).longValueExact();
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // said below
            }
            throw new CommandLine.TypeConversionException("'" + io.headroom.yaml.SafeText.escape(value)
                    + "' is not a positive whole number of events (e.g. 3000000000 or 3e9)");
        }
    }
}
