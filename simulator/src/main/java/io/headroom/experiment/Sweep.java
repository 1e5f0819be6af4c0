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
        List<StudyPoint> todo = points.stream().filter(p -> !journal.finished().containsKey(p.index())).toList();
        listener.started(points.size(), points.size() - todo.size());
        if (!todo.isEmpty()) {
            try (RunPool pool = new RunPool(threads, "headroom-sweep")) {
                CompletionService<Object[]> done = new ExecutorCompletionService<>(pool.executor());
                int tasksPerPoint = tasksPerPoint(study);
                for (int k = 0; k < todo.size(); k++) {
                    StudyPoint p = todo.get(k);
                    for (int r = 0; r < tasksPerPoint; r++) {
                        int pk = k;
                        int rep = r;
                        done.submit(() -> new Object[] {pk, rep, runTask(study, p, rep, options)});
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

    /**
     * How many tasks a point's runs make: one per replication, or one for them all when the warm-up is found
     * (MSER-5 reads the ensemble of a point's replications, so they run together).
     */
    public static int tasksPerPoint(Study study) {
        return study.spec().autoWarmup() ? 1 : study.spec().replications();
    }

    /**
     * Task {@code task} of a point (0 ≤ task < {@link #tasksPerPoint}): replication {@code task}'s run, seeded by the
     * study's seed and the replication alone, or all the point's replications when the warm-up is found. The outcomes
     * are in replication order, starting at replication {@code task}.
     */
    public static List<AutoWarmup.Outcome> runTask(Study study, StudyPoint point, int task, RunOptions options)
            throws BadInputException {
        var profile = study.profile();
        var d = point.design();
        long seed = study.spec().seed();
        if (study.spec().autoWarmup()) {
            return Replications.runWatched(d.design(), d.baseDir(), profile.profile(), profile.baseDir(), seed,
                    study.spec().replications(), options, 1, true, i -> Replications.discard());
        }
        return List.of(AutoWarmup.fixed(d.design(), d.baseDir(), profile.profile(), profile.baseDir(),
                RandomStreams.replicationSeed(seed, task), options, Replications.discard()));
    }

    /** The points of slice {@code i} of {@code n} (0 ≤ i < n): every n-th point from the i-th. */
    public static List<StudyPoint> shard(List<StudyPoint> points, int i, int n) {
        if (n < 1 || i < 0 || i >= n) {
            throw new IllegalArgumentException("shard " + i + "/" + n + ": write i/N with 0 <= i < N");
        }
        return points.stream().filter(p -> p.index() % n == i).toList();
    }
}
