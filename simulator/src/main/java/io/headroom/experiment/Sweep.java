package io.headroom.experiment;

import io.headroom.random.RandomStreams;
import io.headroom.result.Summary;
import io.headroom.result.SweepPoint;
import io.headroom.run.RunOptions;
import io.headroom.study.Study;
import io.headroom.study.StudyPoint;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.function.Function;

/**
 * Runs the points of a study: every (point, replication) is one independent run, and the runs go to
 * {@code threads} threads at once. Replication r of every point uses the same seed (common random
 * numbers). When a point's last replication finishes, its row is written to the journal; points the
 * journal already holds are not run again. Rows come back in point order, so what is written from them
 * does not depend on the thread count, on the order runs finished, or on interruptions.
 */
public final class Sweep {
    private Sweep() {
    }

    /** Hears of progress (called on the caller's thread). */
    public interface Listener {
        void started(int total, int alreadyDone);

        void pointDone(StudyPoint point, SweepPoint row);
    }

    /** A listener that ignores everything. */
    public static final Listener QUIET = new Listener() {
        @Override
        public void started(int total, int alreadyDone) {
        }

        @Override
        public void pointDone(StudyPoint point, SweepPoint row) {
        }
    };

    /**
     * @param points     the points to run (a shard's slice, or all)
     * @param summarizer a point's runs → its summary
     * @return every row of the journal, by point
     */
    public static List<SweepPoint> run(Study study, List<StudyPoint> points, SweepJournal journal, RunOptions options, int threads,
                                       Function<List<AutoWarmup.Outcome>, Summary> summarizer, Listener listener)
            throws BadInputException, IOException {
        int reps = study.spec().replications();
        long seed = study.spec().seed();
        List<StudyPoint> todo = points.stream().filter(p -> !journal.finished().containsKey(p.index())).toList();
        listener.started(points.size(), points.size() - todo.size());
        if (!todo.isEmpty()) {
            try (RunPool pool = new RunPool(threads, "headroom-sweep")) {
                CompletionService<Object[]> done = new ExecutorCompletionService<>(pool.executor());
                var profile = study.profile();
                boolean auto = study.spec().autoWarmup();
                // a found warm-up is one per point (MSER-5 on the ensemble of its replications): a point is one task;
                // otherwise each replication is a task of its own
                int tasksPerPoint = auto ? 1 : reps;
                for (int k = 0; k < todo.size(); k++) {
                    StudyPoint p = todo.get(k);
                    var d = p.design();
                    for (int r = 0; r < tasksPerPoint; r++) {
                        int pk = k;
                        int rep = r;
                        long s = RandomStreams.replicationSeed(seed, r);
                        done.submit(() -> new Object[] {pk, rep, auto
                                ? Replications.runWatched(d.design(), d.baseDir(), profile.profile(), profile.baseDir(), seed, reps,
                                        options, 1, true, i -> Replications.discard())
                                : List.of(AutoWarmup.fixed(d.design(), d.baseDir(), profile.profile(), profile.baseDir(), s, options,
                                        Replications.discard()))});
                    }
                }
                AutoWarmup.Outcome[][] results = new AutoWarmup.Outcome[todo.size()][reps];
                int[] remaining = new int[todo.size()];
                java.util.Arrays.fill(remaining, tasksPerPoint);
                for (int n = 0; n < todo.size() * tasksPerPoint; n++) {
                    Object[] out = RunPool.next(done);
                    int k = (Integer) out[0];
                    @SuppressWarnings("unchecked")
                    List<AutoWarmup.Outcome> got = (List<AutoWarmup.Outcome>) out[2];
                    for (int i = 0; i < got.size(); i++) {
                        results[k][(Integer) out[1] + i] = got.get(i);
                    }
                    if (--remaining[k] == 0) {
                        StudyPoint p = todo.get(k);
                        SweepPoint row = SweepRow.of(p, summarizer.apply(List.of(results[k])));
                        results[k] = null;
                        journal.append(row);
                        listener.pointDone(p, row);
                    }
                }
            }
        }
        return journal.rows();
    }

    /** The points of slice {@code i} of {@code n} (0 ≤ i < n): every n-th point from the i-th. */
    public static List<StudyPoint> shard(List<StudyPoint> points, int i, int n) {
        if (n < 1 || i < 0 || i >= n) {
            throw new IllegalArgumentException("shard " + i + "/" + n + ": write i/N with 0 <= i < N");
        }
        return points.stream().filter(p -> p.index() % n == i).toList();
    }
}
