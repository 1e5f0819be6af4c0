package io.headroom.cli.array;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --shard auto} and {@code --shard auto/N}: which slice of a sweep this process runs, read from the
 * array job that started it. Three schedulers are understood, each by the variables its documentation gives:
 *
 * <ul>
 *   <li><b>Kubernetes Indexed Job</b> ({@code completionMode: Indexed}): the control plane sets
 *       {@code JOB_COMPLETION_INDEX}, the pod's completion index from 0 to {@code completions − 1}
 *       (kubernetes.io/docs/tasks/job/indexed-parallel-processing-static; the JobSpec's completionMode in
 *       kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1). No variable gives the
 *       completions count, so {@code auto} alone is refused: the count comes from the command ({@code auto/N}).</li>
 *   <li><b>Slurm job array</b> ({@code sbatch --array}): sbatch's OUTPUT ENVIRONMENT VARIABLES give
 *       {@code SLURM_ARRAY_TASK_ID} (this task's index), {@code SLURM_ARRAY_TASK_MIN} and {@code _MAX} (the array's
 *       smallest and largest index), {@code SLURM_ARRAY_TASK_COUNT} (its number of tasks) and
 *       {@code SLURM_ARRAY_TASK_STEP} (its index step), slurm.schedmd.com/sbatch.html and job_array.html. An array
 *       may start anywhere ({@code --array=1-8} is common), so the slice is {@code ID − MIN}; a stepped
 *       ({@code 0-15:4}) or gapped ({@code 1,3,5}) array does not number its tasks 0…N−1 and is refused.</li>
 *   <li><b>AWS Batch array job</b>: {@code AWS_BATCH_JOB_ARRAY_INDEX} is set in each child job, from 0, and
 *       {@code AWS_BATCH_JOB_ARRAY_SIZE} to the parent's size (docs.aws.amazon.com/batch/latest/userguide/job_env_vars.html).</li>
 * </ul>
 *
 * The environment is passed in as a map, so the rules are tested without a scheduler. Every refusal names the
 * variable at fault: a wrong slice would only show later, as a merge missing points.
 */
public final class ArrayShard {
    public static final String K8S_INDEX = "JOB_COMPLETION_INDEX";
    public static final String SLURM_ID = "SLURM_ARRAY_TASK_ID";
    public static final String SLURM_MIN = "SLURM_ARRAY_TASK_MIN";
    public static final String SLURM_MAX = "SLURM_ARRAY_TASK_MAX";
    public static final String SLURM_COUNT = "SLURM_ARRAY_TASK_COUNT";
    public static final String SLURM_STEP = "SLURM_ARRAY_TASK_STEP";
    public static final String AWS_INDEX = "AWS_BATCH_JOB_ARRAY_INDEX";
    public static final String AWS_SIZE = "AWS_BATCH_JOB_ARRAY_SIZE";

    /** The most slices a sweep is cut into (Kubernetes allows 10^5 indexes with per-index backoff; Slurm's MaxArraySize is smaller). */
    public static final int MAX_SLICES = 100_000;

    private ArrayShard() {
    }

    /** A slice of a sweep: {@code index} of {@code count}, and where the index came from (e.g. "SLURM_ARRAY_TASK_ID=3 − SLURM_ARRAY_TASK_MIN=1"). */
    public record Slice(int index, int count, String source) {
    }

    /** Why {@code --shard auto} cannot tell the slice; the message names the variable. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** Whether {@code shard} (the option's text) asks for the index from the environment. */
    public static boolean isAuto(String shard) {
        String s = shard.trim();
        return s.equals("auto") || s.startsWith("auto/");
    }

    /** One scheduler's reading: its index, and its count when it gives one (else -1). */
    private record Reading(String scheduler, int index, int count, String source, String countSource) {
    }

    /**
     * The slice {@code shard} ({@code auto} or {@code auto/N}) names in {@code env}.
     *
     * @throws Refused when no scheduler's variable is set, two schedulers disagree, a variable is not a whole
     *                 number, the index is outside 0…N−1, the array is stepped or gapped, or no count is known
     */
    public static Slice resolve(String shard, Map<String, String> env) throws Refused {
        String s = shard.trim();
        int asked = -1;
        if (s.startsWith("auto/")) {
            String n = s.substring("auto/".length()).trim();
            try {
                asked = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new Refused("--shard " + s + ": '" + n + "' is not a whole number of slices (e.g. --shard auto/4)");
            }
            if (asked < 1 || asked > MAX_SLICES) {
                throw new Refused("--shard " + s + ": the number of slices must be from 1 to " + MAX_SLICES);
            }
        } else if (!s.equals("auto")) {
            throw new Refused("--shard: '" + s + "' is neither i/N, auto nor auto/N");
        }
        List<Reading> readings = new ArrayList<>();
        if (env.get(K8S_INDEX) != null) {
            int i = whole(env, K8S_INDEX);
            readings.add(new Reading("Kubernetes Indexed Job", i, -1, K8S_INDEX + "=" + i, null));
        }
        if (env.get(SLURM_ID) != null) {
            readings.add(slurm(env));
        }
        if (env.get(AWS_INDEX) != null) {
            int i = whole(env, AWS_INDEX);
            int n = env.get(AWS_SIZE) == null ? -1 : whole(env, AWS_SIZE);
            readings.add(new Reading("AWS Batch array job", i, n, AWS_INDEX + "=" + i, n < 0 ? null : AWS_SIZE + "=" + n));
        }
        if (readings.isEmpty()) {
            throw new Refused("--shard " + s + ": no array job index in the environment: none of " + K8S_INDEX
                    + " (Kubernetes Indexed Job), " + SLURM_ID + " (Slurm job array) or " + AWS_INDEX
                    + " (AWS Batch array job) is set; outside an array job give the slice: --shard i/N");
        }
        Reading first = readings.get(0);
        for (Reading r : readings.subList(1, readings.size())) {
            if (r.index() != first.index() || (r.count() >= 0 && first.count() >= 0 && r.count() != first.count())) {
                throw new Refused("--shard " + s + ": two schedulers disagree: " + describe(first) + " (" + first.scheduler()
                        + ") but " + describe(r) + " (" + r.scheduler() + ")");
            }
        }
        Reading counted = readings.stream().filter(r -> r.count() >= 0).findFirst().orElse(null);
        int count;
        if (asked > 0) {
            if (counted != null && counted.count() != asked) {
                throw new Refused("--shard " + s + ": the array has " + counted.count() + " tasks (" + counted.countSource()
                        + ") but the command asks for " + asked + " slices: make them equal");
            }
            count = asked;
        } else if (counted != null) {
            count = counted.count();
        } else {
            throw new Refused("--shard auto: a " + first.scheduler() + " gives no count of its tasks in the environment ("
                    + first.source() + "); give it with --shard auto/N, N the Job's completions");
        }
        if (count < 1 || count > MAX_SLICES) {
            throw new Refused("--shard " + s + ": " + counted.countSource() + " is not a number of slices from 1 to " + MAX_SLICES);
        }
        if (first.index() >= count) {
            throw new Refused("--shard " + s + ": index out of range: " + first.source() + " is not below the " + count
                    + " slices (0 to " + (count - 1) + ")");
        }
        return new Slice(first.index(), count, first.source());
    }

    private static String describe(Reading r) {
        return r.source() + (r.countSource() == null ? "" : ", " + r.countSource());
    }

    /** Slurm's index, {@code ID − MIN}, with the array checked to number its tasks MIN, MIN+1, …, MAX. */
    private static Reading slurm(Map<String, String> env) throws Refused {
        int id = whole(env, SLURM_ID);
        if (env.get(SLURM_MIN) == null) {
            throw new Refused("--shard auto: " + SLURM_ID + " is set but " + SLURM_MIN
                    + " is not (Slurm sets both in an array task); without the array's first index the slice is unknown");
        }
        int min = whole(env, SLURM_MIN);
        if (env.get(SLURM_STEP) != null) {
            int step = whole(env, SLURM_STEP);
            if (step != 1) {
                throw new Refused("--shard auto: " + SLURM_STEP + "=" + step + ": a stepped array (--array=A-B:" + step
                        + ") does not number its slices 0, 1, 2, …; submit --array=0-" + "(N-1) without a step");
            }
        }
        if (id < min) {
            throw new Refused("--shard auto: index out of range: " + SLURM_ID + "=" + id + " is below " + SLURM_MIN + "=" + min);
        }
        int count = -1;
        String countSource = null;
        if (env.get(SLURM_MAX) != null) {
            int max = whole(env, SLURM_MAX);
            if (id > max) {
                throw new Refused("--shard auto: index out of range: " + SLURM_ID + "=" + id + " is above " + SLURM_MAX + "=" + max);
            }
            count = max - min + 1;
            countSource = SLURM_MAX + "=" + max + " − " + SLURM_MIN + "=" + min + " + 1";
        }
        if (env.get(SLURM_COUNT) != null) {
            int n = whole(env, SLURM_COUNT);
            if (count >= 0 && n != count) {
                throw new Refused("--shard auto: " + SLURM_COUNT + "=" + n + " tasks but indexes " + min + " to "
                        + whole(env, SLURM_MAX) + ": the array has gaps (--array=1,3,5 …) and does not number its slices 0, 1, 2, …");
            }
            count = n;
            countSource = SLURM_COUNT + "=" + n;
        }
        return new Reading("Slurm job array", id - min, count,
                min == 0 ? SLURM_ID + "=" + id : SLURM_ID + "=" + id + " − " + SLURM_MIN + "=" + min, countSource);
    }

    /** A variable's value as a whole number ≥ 0, or a refusal naming it. */
    private static int whole(Map<String, String> env, String name) throws Refused {
        String v = env.get(name);
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Refused("--shard auto: " + name + "='" + io.headroom.yaml.SafeText.escape(v) + "' is not a whole number ≥ 0");
    }
}
