package io.headroom.cli;

import io.headroom.cli.array.ArrayPlan;
import io.headroom.cli.array.KubernetesJob;
import io.headroom.cli.array.SlurmScript;
import io.headroom.cli.array.StudyInputs;
import io.headroom.study.Study;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code headroom sweep STUDY --emit kubernetes-job|slurm}: the options of an array job that runs a sweep's slices
 * and merges them. Emitting runs nothing; it writes the manifest or the batch script (see docs/array-jobs.md).
 */
final class ArrayJobOptions {
    /** The schedulers an array job can be written for. */
    enum Format {
        KUBERNETES_JOB("kubernetes-job"), SLURM("slurm");

        final String text;

        Format(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.text.equals(value.trim())) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + io.headroom.yaml.SafeText.escape(value)
                    + "' is not kubernetes-job or slurm");
        }
    }

    @Option(names = "--emit", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "write the array job instead of running: kubernetes-job (a ConfigMap with the study, an Indexed Job "
                    + "and a suspended merge Job) or slurm (a job array script that submits itself and the merge)")
    Format emit;

    @Option(names = "--shards", paramLabel = "N", description = "slices, one array task each (default: one per point, at most 100)")
    Integer shards;

    @Option(names = "--parallelism", paramLabel = "P", description = "slices running at once (default: all N)")
    Integer parallelism;

    @Option(names = "--emit-to", paramLabel = "FILE", description = "write the manifest or script to FILE (default: standard output)")
    Path emitTo;

    @Option(names = "--job-name", paramLabel = "NAME", description = "the job's name (default: headroom-STUDY)")
    String jobName;

    @Option(names = "--cpus", paramLabel = "N", description = "cores per task, and each slice's --threads unless given (default: 1)")
    Integer cpus;

    @Option(names = "--memory", paramLabel = "SIZE", description = "memory per task (default: 2Gi for Kubernetes, 2G for Slurm)")
    String memory;

    @Option(names = "--image", paramLabel = "IMAGE", description = "kubernetes-job: an image with Java 17+ (default: eclipse-temurin:17-jre)")
    String image;

    @Option(names = "--jar", paramLabel = "PATH", description = "kubernetes-job: the Headroom jar in the pod, on the shared volume "
            + "(default: /data/headroom.jar)")
    String jar;

    @Option(names = "--volume-claim", paramLabel = "NAME", description = "kubernetes-job: the PersistentVolumeClaim mounted at /data "
            + "for the jar and the results (default: headroom-data)")
    String volumeClaim;

    @Option(names = "--headroom", paramLabel = "COMMAND", description = "slurm: how a compute node runs Headroom "
            + "(default: headroom, on the PATH; e.g. 'java -jar /shared/headroom.jar')")
    String headroom;

    @Option(names = "--time", paramLabel = "LIMIT", description = "slurm: each task's time limit (default: 01:00:00)")
    String time;

    /** Writes the job for {@code study}; the sweep's own options ({@code --threads}, {@code --max-events}, {@code --fail-on-slo}) pass through. */
    int emit(CommandLine cl, Study study, Path studyFile, Path out, Integer threads, Long maxEvents, boolean failOnSlo, boolean resume,
             String shard) throws Exception {
        if (shard != null) {
            throw new CommandLine.ParameterException(cl, "--shard: not with --emit (each task of the array job takes its own slice)");
        }
        if (resume) {
            throw new CommandLine.ParameterException(cl, "--resume: not with --emit (every task of the array job resumes its own slice)");
        }
        boolean k8s = emit == Format.KUBERNETES_JOB;
        for (Object[] o : new Object[][] {{"--image", image, true}, {"--jar", jar, true}, {"--volume-claim", volumeClaim, true},
                {"--headroom", headroom, false}, {"--time", time, false}}) {
            if (o[1] != null && (Boolean) o[2] != k8s) {
                throw new CommandLine.ParameterException(cl, o[0] + ": only with --emit " + ((Boolean) o[2] ? "kubernetes-job" : "slurm"));
            }
        }
        int points = study.points().size();
        int n = shards != null ? shards : Math.min(points, 100);
        if (cpus != null && cpus < 1) {
            throw new CommandLine.ParameterException(cl, "--cpus must be at least 1");
        }
        int nCpus = cpus != null ? cpus : 1;
        List<String> pass = new ArrayList<>();
        pass.addAll(List.of("--threads", Integer.toString(threads != null ? ThreadCount.of(cl, threads) : nCpus)));
        if (maxEvents != null) {
            pass.addAll(List.of("--max-events", Long.toString(maxEvents)));
        }
        if (failOnSlo) {
            pass.add("--fail-on-slo");
        }
        String name = jobName != null ? jobName : ArrayPlan.jobNameFor(study.spec().name());
        String results = out != null ? out.toString().replace('\\', '/') : "results/" + name;
        ArrayPlan plan;
        String text;
        try {
            plan = new ArrayPlan(studyFile, study.spec().name(), points,
                    StudyInputs.of(studyFile, Path.of(study.designFile()), Path.of(study.profileFile()), k8s),
                    n, parallelism != null ? parallelism : n, name, results, nCpus,
                    memory != null ? memory : (k8s ? "2Gi" : "2G"), pass);
            if (k8s) {
                text = KubernetesJob.emit(plan, new KubernetesJob.Target(image != null ? image : "eclipse-temurin:17-jre",
                        jar != null ? jar : KubernetesJob.DATA_MOUNT + "/headroom.jar", volumeClaim != null ? volumeClaim : "headroom-data"));
            } else {
                text = SlurmScript.emit(plan, new SlurmScript.Target(Path.of("").toAbsolutePath().toString(),
                        headroom != null ? headroom : "headroom", time != null ? time : "01:00:00"));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        if (emitTo != null) {
            Files.writeString(emitTo, text, StandardCharsets.UTF_8);
            if (!k8s) {
                emitTo.toFile().setExecutable(true);
            }
            cl.getOut().println("wrote " + emitTo + ": study " + study.spec().name() + " (" + points + " points) in " + n + " slices as "
                    + (k8s ? "a Kubernetes Indexed Job" : "a Slurm job array") + (k8s ? " (kubectl apply -f " + emitTo + ")"
                    : " (bash " + emitTo + " submit)"));
        } else {
            cl.getOut().print(text);
        }
        cl.getOut().flush();
        return Headroom.OK;
    }
}
