package io.headroom.cli;

import io.headroom.validation.Validation;
import io.headroom.yaml.Durations;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options {@code validate} and {@code compare-run} share for comparing a measured run with the simulator: how
 * many replications per comparison, how many batches for the batch-means intervals, and the per-window width.
 */
final class ComparisonOptions {
    @Option(names = "--replications", defaultValue = "20", paramLabel = "N", description = "simulator runs per comparison (default: ${DEFAULT-VALUE})")
    int replications;

    @Option(names = "--batches", defaultValue = "10", paramLabel = "B", description = "batches for the batch-means intervals (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--window", defaultValue = "10s", paramLabel = "DURATION", description = "per-window comparison (default: ${DEFAULT-VALUE})")
    String window;

    /** The validation options with {@code seed}, or a usage error (exit 2) naming the option at fault. */
    Validation.Options toOptions(CommandSpec spec, long seed) {
        if (replications < 2) {
            throw new ParameterException(spec.commandLine(), "--replications must be at least 2 (the simulator's own interval needs them)");
        }
        ReplicationCount.bounded(spec.commandLine(), replications);
        if (batches < 2) {
            throw new ParameterException(spec.commandLine(), "--batches must be at least 2");
        }
        Duration wd;
        try {
            wd = Durations.parse(window);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--window: " + e.getMessage());
        }
        if (wd.isZero() || wd.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--window must be positive");
        }
        return new Validation.Options(seed, replications, wd, batches);
    }
}
