package io.headroom.cli.array;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code headroom sweep STUDY --emit ...} writes a manifest or batch script for: the study, the number of
 * slices, where the slices and the merged results go, and how each task runs Headroom.
 *
 * @param studyFile   the study as the command named it (its relative paths to the design and profile hold beside it)
 * @param studyName   the study's name (for job names)
 * @param points      how many points the study has
 * @param inputs      the study's files: the study, its design and profile, and files they name
 * @param slices      N: the array's size; slice i runs points i, i+N, i+2N, …
 * @param parallelism how many slices run at once (Kubernetes {@code parallelism}, Slurm's {@code %} throttle), at most N
 * @param jobName     the job's name (a DNS label: Kubernetes names the Job and its pods after it)
 * @param out         the results folder: slice i writes {@code out/shard-i}, the merge {@code out/merged}
 * @param cpus        cores per task (and {@code --threads} unless the command gave it)
 * @param memory      memory per task, in the scheduler's notation (Kubernetes 2Gi, Slurm 2G)
 * @param sweepArgs   options passed through to every slice's {@code headroom sweep} (e.g. --max-events 3e9)
 */
public record ArrayPlan(Path studyFile, String studyName, int points, List<StudyInputs.Input> inputs, int slices, int parallelism, String jobName,
                        String out, int cpus, String memory, List<String> sweepArgs) {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** A Kubernetes Job's name: its pods are named {@code job-index-random} and their hostnames {@code job-index} (63 characters at most). */
    public static final int MAX_JOB_NAME = 40;

    public ArrayPlan {
        if (slices < 1 || slices > ArrayShard.MAX_SLICES) {
            throw new IllegalArgumentException("--shards: " + slices + " is not from 1 to " + ArrayShard.MAX_SLICES);
        }
        if (slices > points) {
            throw new IllegalArgumentException("--shards: " + slices + " slices for " + points + " points would leave "
                    + (slices - points) + " slices empty; at most " + points);
        }
        if (parallelism < 1 || parallelism > slices) {
            throw new IllegalArgumentException("--parallelism: " + parallelism + " is not from 1 to the " + slices + " slices");
        }
        if (!DNS_LABEL.matcher(jobName).matches() || jobName.length() > MAX_JOB_NAME) {
            throw new IllegalArgumentException("--job-name: '" + io.headroom.yaml.SafeText.escape(jobName) + "' is not a name of at most "
                    + MAX_JOB_NAME + " lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        if (cpus < 1 || cpus > 1024) {
            throw new IllegalArgumentException("--cpus: " + cpus + " is not from 1 to 1024");
        }
        inputs = List.copyOf(inputs);
        sweepArgs = List.copyOf(sweepArgs);
    }

    /** A job name from a study's name: lower case, other characters as '-', at most {@link #MAX_JOB_NAME} long. */
    public static String jobNameFor(String studyName) {
        String s = ("headroom-" + studyName).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_JOB_NAME) {
            s = s.substring(0, MAX_JOB_NAME).replaceAll("-+$", "");
        }
        return s;
    }

    /** Slice i's folder. */
    public String sliceOut(String index) {
        return out + "/shard-" + index;
    }

    /** The merged results' folder. */
    public String mergedOut() {
        return out + "/merged";
    }
}
