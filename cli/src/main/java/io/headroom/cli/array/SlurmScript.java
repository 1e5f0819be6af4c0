package io.headroom.cli.array;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code headroom sweep STUDY --emit slurm}: a sweep as a Slurm job array, in one bash script with three modes.
 *
 * <ul>
 *   <li>{@code bash SCRIPT submit} (on the login node) submits the script as an array of N tasks
 *       ({@code sbatch --parsable SCRIPT slice}; its {@code #SBATCH --array=0-(N-1)} line sizes it) and then the merge
 *       as a job that starts only when every task has succeeded ({@code sbatch --dependency=afterok:ARRAY_ID}; a
 *       dependency on an array's id waits for all its tasks, slurm.schedmd.com/job_array.html).</li>
 *   <li>{@code slice} (what each array task runs) runs {@code headroom sweep STUDY --shard auto/N --resume}: the
 *       slice is {@code SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN} ({@link ArrayShard}), so an array renumbered
 *       {@code 1-N} works too; the slice's folder is named by the same difference; {@code --resume} lets a requeued
 *       task keep the points it finished.</li>
 *   <li>{@code merge} joins the slices' folders into {@code OUT/merged}.</li>
 * </ul>
 *
 * Paths are relative to the folder the script was written from (every node sees it, as on any Slurm cluster's
 * shared file system), so the sweep's results name the same design and profile as a sweep run there.
 */
public final class SlurmScript {
    private static final Pattern TIME = Pattern.compile("[0-9][0-9:-]*");
    private static final Pattern MEMORY = Pattern.compile("[0-9]+[KMGT]?");

    private SlurmScript() {
    }

    /**
     * How each task runs.
     *
     * @param workdir  the absolute folder the study and results paths are relative to
     * @param headroom the command that runs Headroom on a compute node (e.g. {@code headroom} on the PATH, or
     *                 {@code java -jar /shared/headroom.jar}), inserted as written
     * @param time     each task's time limit in sbatch's notation (e.g. 01:00:00, 2-00:00:00)
     */
    public record Target(String workdir, String headroom, String time) {
    }

    public static String emit(ArrayPlan plan, Target target) {
        if (!TIME.matcher(target.time()).matches()) {
            throw new IllegalArgumentException("--time: '" + io.headroom.yaml.SafeText.escape(target.time())
                    + "' is not a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH or D-HH:MM:SS)");
        }
        if (!MEMORY.matcher(plan.memory()).matches()) {
            throw new IllegalArgumentException("--memory: '" + io.headroom.yaml.SafeText.escape(plan.memory())
                    + "' is not a Slurm memory size (e.g. 2G, 4096M)");
        }
        if (target.headroom().isBlank() || target.headroom().contains("\n")) {
            throw new IllegalArgumentException("--headroom: a command on one line (e.g. headroom, or java -jar /shared/headroom.jar)");
        }
        for (String[] p : new String[][] {{"--out", plan.out()}, {"the working folder", target.workdir()}}) {
            if (!p[1].matches("[^\\s'\"\\\\$`]+")) {
                throw new IllegalArgumentException(p[0] + ": '" + io.headroom.yaml.SafeText.escape(p[1])
                        + "': with --emit slurm, a path without spaces, quotes, '$', '`' or '\\' (it goes into #SBATCH lines)");
            }
        }
        int n = plan.slices();
        String throttle = plan.parallelism() < n ? "%" + plan.parallelism() : "";
        List<String> sweepArgs = new ArrayList<>();
        for (String a : plan.sweepArgs()) {
            sweepArgs.add(quote(a));
        }
        String name = plan.jobName();
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n")
                .append("# Headroom: study ").append(plan.studyName()).append(" (").append(plan.points()).append(" points) in ").append(n)
                .append(" slices as a Slurm job array (headroom sweep --emit slurm).\n")
                .append("# Submit the array and the merge after it, from a login node:   bash THIS_SCRIPT submit\n")
                .append("# Each array task runs its slice (mode 'slice'); the merge (mode 'merge') writes ").append(plan.mergedOut()).append(".\n")
                .append("# Paths are relative to ").append(target.workdir()).append(".\n")
                .append("#SBATCH --job-name=").append(name).append('\n')
                .append("#SBATCH --array=0-").append(n - 1).append(throttle).append('\n')
                .append("#SBATCH --chdir=").append(target.workdir()).append('\n')
                .append("#SBATCH --output=").append(plan.out()).append("/slurm-%A_%a.out\n")
                .append("#SBATCH --time=").append(target.time()).append('\n')
                .append("#SBATCH --ntasks=1\n")
                .append("#SBATCH --cpus-per-task=").append(plan.cpus()).append('\n')
                .append("#SBATCH --mem=").append(plan.memory()).append('\n')
                .append("set -euo pipefail\n")
                .append("cd ").append(quote(target.workdir())).append('\n')
                .append("study=").append(quote(plan.studyFile().toString())).append('\n')
                .append("out=").append(quote(plan.out())).append('\n')
                .append("slices=").append(n).append('\n')
                .append("case \"${1:-slice}\" in\n")
                .append("  submit)\n")
                .append("    script=\"$(readlink -f \"$0\")\"\n")
                .append("    mkdir -p \"$out\"\n")
                .append("    array=\"$(sbatch --parsable \"$script\" slice)\"\n")
                .append("    array=\"${array%%;*}\"\n")
                .append("    merge=\"$(sbatch --parsable --dependency=afterok:\"$array\" --job-name=").append(name)
                .append("-merge --chdir=").append(quote(target.workdir())).append(" \\\n")
                .append("      --output=\"$out/slurm-merge-%j.out\" --time=").append(target.time()).append(" --ntasks=1 --cpus-per-task=1 --mem=")
                .append(plan.memory()).append(" \\\n")
                .append("      --wrap=\"bash '$script' merge\")\"\n")
                .append("    echo \"submitted the sweep as array job $array ($slices slices) and the merge as job ${merge%%;*}, after it\"\n")
                .append("    ;;\n")
                .append("  slice)\n")
                .append("    slice=$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN))\n")
                .append("    exec ").append(target.headroom()).append(" sweep \"$study\" --shard \"auto/$slices\" --resume --out \"$out/shard-$slice\"");
        for (String a : sweepArgs) {
            s.append(' ').append(a);
        }
        s.append('\n')
                .append("    ;;\n")
                .append("  merge)\n")
                .append("    dirs=()\n")
                .append("    for ((i = 0; i < slices; i++)); do dirs+=(\"$out/shard-$i\"); done\n")
                .append("    exec ").append(target.headroom()).append(" merge \"${dirs[@]}\" --out \"$out/merged\"\n")
                .append("    ;;\n")
                .append("  *)\n")
                .append("    echo \"usage: bash $0 [submit|slice|merge]\" >&2\n")
                .append("    exit 2\n")
                .append("    ;;\n")
                .append("esac\n");
        return s.toString();
    }

    /** A word for bash: single-quoted unless it is plain. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=+@%,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
