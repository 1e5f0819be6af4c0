package io.headroom.experiment;

import io.headroom.design.Design;
import io.headroom.load.LoadProfile;
import io.headroom.metrics.SeriesSink;
import io.headroom.run.RunOptions;
import io.headroom.run.RunResult;
import io.headroom.run.Runner;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A run whose warm-up is found rather than given ({@code --warmup auto}): the runs are made once to see
 * the number of requests in the system window by window, {@link Mser MSER-5} picks how many leading
 * windows are transient ({@link #truncationS}), and the runs are made again, with the same seeds and so
 * the same events, with that warm-up left out of every figure ({@link Replications#runWatched}). The deletion applies to steady-state figures; a profile whose
 * load changes throughout (a day) has no steady state, and MSER then mostly keeps everything.
 */
public final class AutoWarmup {
    private AutoWarmup() {
    }

    /** A replication with its windows watched, and the warm-up MSER-5 chose (NaN when the warm-up was given). */
    public record Outcome(RunResult result, WindowWatch windows, double truncatedS) {
    }

    /** Runs with the profile's own warm-up, watching the windows. */
    public static Outcome fixed(Design design, Path designDir, LoadProfile profile, Path profileDir, long seed, RunOptions options,
                                SeriesSink sink) throws BadInputException {
        WindowWatch watch = new WindowWatch(design, sink);
        RunResult r = Runner.run(design, designDir, profile, profileDir, seed, options, watch);
        return new Outcome(r, watch, Double.NaN);
    }

    /**
     * The warm-up MSER-5 finds in the number of requests in the system, averaged window by window over
     * the given runs (each made without a warm-up), in seconds: a whole number of windows.
     */
    public static double truncationS(List<WindowWatch> runs, Duration profileLength) {
        double endS = profileLength.toNanos() / 1e9;
        double[] mean = null;
        for (WindowWatch w : runs) {
            double[] y = w.inSystem(endS);
            if (mean == null) {
                mean = new double[y.length];
            }
            for (int i = 0; i < Math.min(mean.length, y.length); i++) {
                mean[i] += y[i] / runs.size();
            }
        }
        return mean == null ? 0 : Mser.truncation(mean) * runs.get(0).windowS();
    }
}
