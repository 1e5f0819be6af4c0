package io.headroom.experiment;

import io.headroom.design.Design;
import io.headroom.load.LoadProfile;
import io.headroom.metrics.SeriesSink;
import io.headroom.random.RandomStreams;
import io.headroom.run.RunOptions;
import io.headroom.run.RunResult;
import io.headroom.run.Runner;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Independent replications of one run: the same design and profile with seeds derived from a base
 * seed ({@link RandomStreams#replicationSeed}), replication 0 using the base seed itself. Each
 * replication runs on one thread; replications run in parallel on up to {@code threads} threads,
 * and the results come back in replication order, so they do not depend on the thread count.
 */
public final class Replications {
    private Replications() {
    }

    /**
     * What is wrong with {@code --replications n} beyond the bound a study's {@code replications:} key has
     * ({@link io.headroom.yaml.Limits#REPLICATIONS}), or null when nothing is.
     */
    public static String tooMany(int n) {
        return n > Integer.parseInt(io.headroom.yaml.Limits.REPLICATIONS)
                ? "--replications " + n + ": at most " + io.headroom.yaml.Limits.REPLICATIONS + ": " + io.headroom.yaml.Limits.REPLICATIONS_WHY
                : null;
    }

    /**
     * @param sinks the time-series sink of each replication (e.g. a file for the first, nothing for the rest)
     */
    public static List<RunResult> run(Design design, Path designDir, LoadProfile profile, Path profileDir, long baseSeed, int n,
                                      RunOptions options, int threads, IntFunction<SeriesSink> sinks) throws BadInputException {
        if (n < 1) {
            throw new IllegalArgumentException("replications must be at least 1");
        }
        try (RunPool pool = new RunPool(Math.min(threads, n), "headroom-replication")) {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long seed = RandomStreams.replicationSeed(baseSeed, i);
                SeriesSink sink = sinks.apply(i);
                futures.add(pool.submit(() -> Runner.run(design, designDir, profile, profileDir, seed, options, sink)));
            }
            List<RunResult> out = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                out.add(RunPool.result(f));
            }
            return out;
        }
    }

    /**
     * As {@link #run}, keeping each replication's {@link WindowWatch} (for the transient figures). With
     * {@code autoWarmup}, the warm-up is found by MSER-5 ({@link AutoWarmup}): every replication is run
     * once without a warm-up, MSER-5 is applied to the number in the system averaged over the
     * replications window by window (the ensemble average, where the transient stands out of the noise
     * that hides it in any one replication), and every replication is run again with that warm-up.
     */
    public static List<AutoWarmup.Outcome> runWatched(Design design, Path designDir, LoadProfile profile, Path profileDir, long baseSeed,
                                                      int n, RunOptions options, int threads, boolean autoWarmup,
                                                      IntFunction<SeriesSink> sinks) throws BadInputException {
        if (n < 1) {
            throw new IllegalArgumentException("replications must be at least 1");
        }
        try (RunPool pool = new RunPool(Math.min(threads, n), "headroom-replication")) {
            LoadProfile measured = profile;
            double truncatedS = Double.NaN;
            if (autoWarmup) {
                LoadProfile none = profile.withWarmup(java.time.Duration.ZERO);
                List<Future<AutoWarmup.Outcome>> first = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long seed = RandomStreams.replicationSeed(baseSeed, i);
                    first.add(pool.submit(() -> AutoWarmup.fixed(design, designDir, none, profileDir, seed, options, discard())));
                }
                List<WindowWatch> watches = new ArrayList<>();
                for (Future<AutoWarmup.Outcome> f : first) {
                    watches.add(RunPool.result(f).windows());
                }
                truncatedS = AutoWarmup.truncationS(watches, profile.duration());
                measured = profile.withWarmup(java.time.Duration.ofNanos(Math.round(truncatedS * 1e9)));
            }
            List<Future<AutoWarmup.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long seed = RandomStreams.replicationSeed(baseSeed, i);
                SeriesSink sink = sinks.apply(i);
                LoadProfile p = measured;
                futures.add(pool.submit(() -> AutoWarmup.fixed(design, designDir, p, profileDir, seed, options, sink)));
            }
            List<AutoWarmup.Outcome> out = new ArrayList<>();
            for (Future<AutoWarmup.Outcome> f : futures) {
                AutoWarmup.Outcome o = RunPool.result(f);
                out.add(new AutoWarmup.Outcome(o.result(), o.windows(), truncatedS));
            }
            return out;
        }
    }

    /** A sink that keeps nothing. */
    public static SeriesSink discard() {
        return new SeriesSink() {
            @Override
            public void columns(List<String> columns) {
            }

            @Override
            public void row(double[] values) {
            }
        };
    }
}
