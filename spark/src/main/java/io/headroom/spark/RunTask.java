package io.headroom.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.experiment.AutoWarmup;
import io.headroom.experiment.Sweep;
import io.headroom.experiment.SweepRow;
import io.headroom.report.TransientSummary;
import io.headroom.result.Summary;
import io.headroom.result.SummaryCodec;
import io.headroom.result.SweepCodec;
import io.headroom.result.SweepPoint;
import io.headroom.run.RunOptions;
import io.headroom.study.Study;
import io.headroom.study.StudyPoint;
import io.headroom.study.StudyReader;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.Function;

/**
 * What an executor does with one task: reads the study (once per executor JVM, from the path the driver gave, so the
 * study's files must be at that path on every node), checks that it reads the same files as the driver did (the
 * study's fingerprint), makes the task's run — one replication of one point, or all of a point's replications when
 * the warm-up is found ({@link Sweep#runTask}) — and returns what the driver needs, as text: the point's finished
 * results row when this task holds all its runs, else the run's summary ({@code summary.json}'s form), which the
 * driver combines with the point's other replications as {@code headroom sweep} does.
 */
public final class RunTask implements Function<RunTask.Task, RunTask.Done> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Studies already read by this JVM, by path and fingerprint: an executor runs many tasks of one study. */
    private static final Map<String, Study> STUDIES = new ConcurrentHashMap<>();

    private final String studyPath;
    private final String fingerprint;
    private final long maxEvents;

    /**
     * @param studyPath   the study file's absolute path, as every executor sees it
     * @param fingerprint the study's fingerprint as the driver read it
     * @param maxEvents   the event budget of each run (a run past it stops)
     */
    public RunTask(String studyPath, String fingerprint, long maxEvents) {
        this.studyPath = studyPath;
        this.fingerprint = fingerprint;
        this.maxEvents = maxEvents;
    }

    /** One task: task {@code task} (a replication, or 0 for a found warm-up's whole point) of point {@code point}. */
    public record Task(int point, int task) implements Serializable {
    }

    /**
     * A task's result.
     *
     * @param row       the point's results row ({@link SweepCodec}'s JSON) when the task made all its runs, else null
     * @param summaries each run's summary ({@link SummaryCodec}'s JSON), in replication order, when {@code row} is null
     * @param seconds   the task's wall time on its executor (for the job's log line; no result depends on it)
     */
    public record Done(int point, int task, String row, List<String> summaries, double seconds) implements Serializable {
    }

    @Override
    public Done call(Task t) throws BadInputException, IOException {
        long start = System.nanoTime();
        Study study = study(studyPath, fingerprint);
        StudyPoint point = point(study, t.point());
        RunOptions options = RunOptions.DEFAULTS.withBudget(maxEvents, null);
        List<AutoWarmup.Outcome> runs = Sweep.runTask(study, point, t.task(), options);
        if (Sweep.tasksPerPoint(study) == 1) {
            // as headroom sweep makes the row from a point's runs
            Summary summary = TransientSummary.summarize(runs);
            return new Done(t.point(), t.task(), JSON.writeValueAsString(SweepCodec.write(SweepRow.of(point, summary))), null,
                    (System.nanoTime() - start) / 1e9);
        }
        List<String> summaries = new ArrayList<>();
        for (AutoWarmup.Outcome o : runs) {
            summaries.add(summaryText(TransientSummary.of(o)));
        }
        return new Done(t.point(), t.task(), null, summaries, (System.nanoTime() - start) / 1e9);
    }

    /**
     * A run's summary as text, checked to read back as itself: the driver combines replications from the text, so
     * anything the text lost would change the point's row. Nothing is lost today; this says so if that ever changes.
     */
    static String summaryText(Summary s) throws IOException {
        String text = JSON.writeValueAsString(SummaryCodec.write(s));
        String again = JSON.writeValueAsString(SummaryCodec.write(SummaryCodec.read(JSON.readTree(text))));
        if (!again.equals(text)) {
            throw new IllegalStateException("a run's summary does not read back as itself from summary.json's form; "
                    + "the Spark sweep cannot combine replications exactly as headroom sweep does");
        }
        return text;
    }

    /** A summary sent back by {@link #summaryText}. */
    static Summary summary(String text) throws IOException {
        return SummaryCodec.read(JSON.readTree(text));
    }

    /** A results row sent back in {@link Done#row}. */
    static SweepPoint row(String text) throws IOException {
        return SweepCodec.readPoint(JSON.readTree(text));
    }

    /** The study's point with index {@code index} (a study's indices may skip combinations it leaves out). */
    static StudyPoint point(Study study, int index) {
        for (StudyPoint p : study.points()) {
            if (p.index() == index) {
                return p;
            }
        }
        throw new IllegalArgumentException("the study has no point #" + index);
    }

    private static Study study(String path, String fingerprint) throws BadInputException {
        String key = path + "#" + fingerprint;
        Study s = STUDIES.get(key);
        if (s == null) {
            s = StudyReader.read(Path.of(path));
            if (!s.fingerprint().equals(fingerprint)) {
                throw new IllegalStateException("the study's files at " + path + " on this executor are not those the driver read "
                        + "(fingerprint " + s.fingerprint() + ", the driver's " + fingerprint + "): put the study, its design and "
                        + "its profile on a filesystem every node shares, at the same path");
            }
            STUDIES.put(key, s);
        }
        return s;
    }
}
