package io.headroom.experiment;

import io.headroom.design.DesignReader;
import io.headroom.metrics.SeriesSink;
import io.headroom.run.RunOptions;
import io.headroom.run.WorkEstimate;
import io.headroom.study.Study;
import io.headroom.study.StudyPoint;
import io.headroom.study.StudyReader;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code headroom compare} runs, read from its inputs: the designs named by their files under one profile, or the
 * points of a study under the study's profile; the base seed and the replications per design. Whoever reads the same
 * inputs gets the same arms, seed and replications — the command line in one process, or the driver and every
 * executor of a Spark job — and the fingerprint of the files read tells them whether they read the same bytes.
 *
 * @param arms         the designs in order, the first the baseline; a design named as an earlier one is told apart by
 *                     its file ({@code name (FILE)})
 * @param profile      the load profile every design runs under
 * @param seed         the base seed: replication r of every design runs with the same seed (common random numbers)
 * @param replications runs per design
 * @param fingerprint  a digest of the files read: the study, its design and its profile, or the profile and the designs
 */
public record ComparisonPlan(List<Comparison.Arm> arms, DesignReader.LoadedProfile profile, long seed, int replications,
                             String fingerprint) {
    /** Replications per design when neither the command nor a study says. */
    public static final int DEFAULT_REPLICATIONS = 5;
    /** Base seed when neither the command nor a study says. */
    public static final long DEFAULT_SEED = 1;

    public ComparisonPlan {
        arms = List.copyOf(arms);
    }

    /** Inputs that do not make a comparison (both designs and a study, neither, too few or many replications). */
    public static final class Usage extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    /**
     * Reads the comparison's inputs: {@code designs} with {@code load}, or {@code study} alone; {@code seed} and
     * {@code replications} override the study's (or the defaults) when not null. Every file is read and checked before
     * anything runs.
     *
     * @throws BadInputException a design, profile or study with located errors
     * @throws Usage             inputs that name no comparison, or a replication count out of bounds
     */
    public static ComparisonPlan read(List<Path> designs, Path load, Path study, Long seed, Integer replications)
            throws BadInputException {
        List<Comparison.Arm> arms = new ArrayList<>();
        DesignReader.LoadedProfile profile;
        long base;
        int reps;
        String fingerprint;
        if (study != null) {
            if (!designs.isEmpty() || load != null) {
                throw new Usage("give designs with --load, or --study, not both");
            }
            Study s = StudyReader.read(study);
            for (StudyPoint p : s.points()) {
                arms.add(new Comparison.Arm(p.name(), p.design().design(), p.design().baseDir()));
            }
            profile = s.profile();
            base = seed != null ? seed : s.spec().seed();
            reps = replications != null ? replications : s.spec().replications();
            fingerprint = s.fingerprint();
        } else {
            if (designs.isEmpty() || load == null) {
                throw new Usage("name the designs to compare and --load PROFILE (or --study STUDY)");
            }
            profile = DesignReader.readProfile(load);
            Set<String> names = new HashSet<>();
            for (Path d : designs) {
                DesignReader.Loaded loaded = DesignReader.read(d);
                DesignReader.checkCompatible(loaded, profile);
                String name = loaded.design().name();
                if (!names.add(name)) {
                    name = name + " (" + d + ")";
                    names.add(name);
                }
                arms.add(new Comparison.Arm(name, loaded.design(), loaded.baseDir()));
            }
            base = seed != null ? seed : DEFAULT_SEED;
            reps = replications != null ? replications : DEFAULT_REPLICATIONS;
            List<Path> files = new ArrayList<>(List.of(load));
            files.addAll(designs);
            fingerprint = StudyReader.fingerprint(files.toArray(Path[]::new));
        }
        if (reps < 1) {
            throw new Usage("--replications must be at least 1");
        }
        String tooMany = Replications.tooMany(reps);
        if (tooMany != null) {
            throw new Usage(tooMany);
        }
        return new ComparisonPlan(arms, profile, base, reps, fingerprint);
    }

    /** The events the whole comparison is estimated to fire: every design's replications. */
    public WorkEstimate work() {
        List<WorkEstimate> each = new ArrayList<>();
        for (Comparison.Arm arm : arms) {
            each.add(WorkEstimate.of(arm.design(), profile.profile()).times(replications));
        }
        return WorkEstimate.together(each);
    }

    /** Every design's replications, {@code threads} at a time. */
    public List<Comparison.Result> run(RunOptions options, int threads) throws BadInputException {
        return Comparison.run(arms, profile.profile(), profile.baseDir(), seed, replications, options, threads);
    }

    /** Replication {@code replication} of design {@code arm} alone, its time series into {@code sink} (one task of many). */
    public AutoWarmup.Outcome run(int arm, int replication, RunOptions options, SeriesSink sink) throws BadInputException {
        return Comparison.replication(arms.get(arm), profile.profile(), profile.baseDir(), seed, replication, options, sink);
    }
}
