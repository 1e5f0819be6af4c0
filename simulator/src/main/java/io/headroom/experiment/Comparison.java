package io.headroom.experiment;

import io.headroom.design.Design;
import io.headroom.load.LoadProfile;
import io.headroom.metrics.SeriesSink;
import io.headroom.random.RandomStreams;
import io.headroom.run.RunOptions;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Several designs (or policies, or variants of one design) under the same profile with common random
 * numbers: replication r of every design runs with the same seed, and since random streams are split
 * per component name, the arrivals, the request mix and every component the designs share draw the
 * same numbers. What differs between the designs' results is then mostly the designs, and the paired
 * differences ({@link PairedDifference}) are much tighter than the designs' own intervals.
 */
public final class Comparison {
    private Comparison() {
    }

    /** One design being compared, with the folder its relative file names resolve against. */
    public record Arm(String name, Design design, Path baseDir) {
    }

    /** One arm's replications, with each replication's time series. */
    public record Result(Arm arm, List<AutoWarmup.Outcome> runs, List<SeriesCapture> series) {
    }

    public static List<Result> run(List<Arm> arms, LoadProfile profile, Path profileDir, long seed, int replications,
                                   RunOptions options, int threads) throws BadInputException {
        try (RunPool pool = new RunPool(threads, "headroom-compare")) {
            List<List<Future<AutoWarmup.Outcome>>> futures = new ArrayList<>();
            List<List<SeriesCapture>> captures = new ArrayList<>();
            for (Arm arm : arms) {
                List<Future<AutoWarmup.Outcome>> fs = new ArrayList<>();
                List<SeriesCapture> cs = new ArrayList<>();
                for (int i = 0; i < replications; i++) {
                    int r = i;
                    SeriesCapture capture = new SeriesCapture();
                    cs.add(capture);
                    fs.add(pool.submit(() -> replication(arm, profile, profileDir, seed, r, options, capture)));
                }
                futures.add(fs);
                captures.add(cs);
            }
            List<Result> out = new ArrayList<>();
            for (int a = 0; a < arms.size(); a++) {
                List<AutoWarmup.Outcome> runs = new ArrayList<>();
                for (Future<AutoWarmup.Outcome> f : futures.get(a)) {
                    runs.add(RunPool.result(f));
                }
                out.add(new Result(arms.get(a), runs, captures.get(a)));
            }
            return out;
        }
    }

    /**
     * Replication {@code replication} of one arm, its time series into {@code sink}: the seed is the replication's
     * ({@link RandomStreams#replicationSeed}), the same for every arm, whatever else runs beside it or where.
     */
    public static AutoWarmup.Outcome replication(Arm arm, LoadProfile profile, Path profileDir, long seed, int replication,
                                                 RunOptions options, SeriesSink sink) throws BadInputException {
        return AutoWarmup.fixed(arm.design(), arm.baseDir(), profile, profileDir, RandomStreams.replicationSeed(seed, replication),
                options, sink);
    }
}
