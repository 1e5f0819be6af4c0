package io.headroom.cli.array;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code headroom sweep STUDY --emit kubernetes-job}: a sweep as a Kubernetes Indexed Job, in one YAML stream of
 * three objects.
 *
 * <ol>
 *   <li>A <b>ConfigMap</b> holding the study, its design and profile (and files they name), mounted read-only at
 *       {@value #STUDY_MOUNT} in their own layout, so the study's relative paths hold and every pod reads the same bytes
 *       (the sweep's fingerprint). A ConfigMap holds at most 1 MiB.</li>
 *   <li>The <b>sweep</b>: a batch/v1 Job with {@code completionMode: Indexed}, {@code completions} the number of slices
 *       and {@code parallelism} how many run at once. Each pod runs {@code headroom sweep STUDY --shard auto/N --resume
 *       --out /data/OUT/shard-$(JOB_COMPLETION_INDEX)}: the control plane sets {@code JOB_COMPLETION_INDEX} in every
 *       container of an Indexed Job's pod, and Kubernetes expands {@code $(VAR)} in a container's args from its
 *       environment (kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container). A failed
 *       pod is replaced by one with the same index ({@code backoffLimitPerIndex}, beta and on by default since
 *       Kubernetes 1.29, GA in 1.33; it needs {@code restartPolicy: Never}); {@code --resume} keeps the points its
 *       journal already holds. A pod failure policy fails an index at once when Headroom exits 2, 3 or 4 (bad input,
 *       an SLO missed with --fail-on-slo, a self-check failed): the same seeds would end the same way.</li>
 *   <li>The <b>merge</b>: a Job created suspended ({@code suspend: true}), to be resumed once the sweep is complete
 *       ({@code kubectl wait --for=condition=complete job/NAME} then {@code kubectl patch ... suspend:false}); it runs
 *       {@code headroom merge} over the N slices into {@code /data/OUT/merged}.</li>
 * </ol>
 *
 * Results live on a shared volume (a PersistentVolumeClaim that every pod mounts at {@value #DATA_MOUNT}: ReadWriteMany
 * when pods run on several nodes), which also holds the Headroom jar; the image only needs a Java 17 runtime.
 */
public final class KubernetesJob {
    /** Where the shared volume is mounted in every pod. */
    public static final String DATA_MOUNT = "/data";
    /** Where the study's files are mounted. */
    public static final String STUDY_MOUNT = "/headroom/study";
    /** A ConfigMap's size limit (etcd's 1 MiB), less room for its keys and metadata. */
    static final int MAX_CONFIGMAP_BYTES = 1000 * 1000;

    private KubernetesJob() {
    }

    /**
     * Where each pod finds Headroom and the shared volume.
     *
     * @param image       a container image with Java 17 or later on its PATH (eclipse-temurin:17-jre by default)
     * @param jar         the Headroom jar's path in the pod, on the shared volume (default /data/headroom.jar)
     * @param volumeClaim the PersistentVolumeClaim mounted at /data in every pod
     */
    public record Target(String image, String jar, String volumeClaim) {
    }

    /** The YAML stream: comments saying how to use it, the ConfigMap, the sweep Job and the suspended merge Job. */
    public static String emit(ArrayPlan plan, Target target) throws IOException {
        if (plan.out().startsWith("/") || plan.out().contains("..")) {
            throw new IllegalArgumentException("--out: '" + plan.out() + "': with --emit kubernetes-job, a folder on the shared volume,"
                    + " relative to its root (mounted at " + DATA_MOUNT + "), without '..'");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        String name = plan.jobName();
        String configMap = name + "-study";
        String studyInPod = null;

        ObjectNode cm = f.objectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        metadata(cm, configMap, plan);
        ObjectNode data = f.objectNode();
        ObjectNode binary = f.objectNode();
        ArrayNode items = f.arrayNode();
        Set<String> keys = new HashSet<>();
        long bytes = 0;
        for (StudyInputs.Input in : plan.inputs()) {
            byte[] content = Files.readAllBytes(in.file());
            bytes += content.length;
            String key = in.relative().replaceAll("[^-._a-zA-Z0-9]", "_");
            String base = key;
            for (int k = 2; !keys.add(key); k++) {
                key = base + "-" + k;
            }
            String text = utf8(content);
            if (text != null) {
                data.put(key, text);
            } else {
                binary.put(key, Base64.getEncoder().encodeToString(content));
            }
            items.addObject().put("key", key).put("path", in.relative());
            if (studyInPod == null) {
                studyInPod = STUDY_MOUNT + "/" + in.relative();
            }
        }
        if (bytes > MAX_CONFIGMAP_BYTES) {
            throw new IllegalArgumentException("the study's files come to " + bytes + " bytes, more than a ConfigMap holds (1 MiB);"
                    + " put them on the shared volume and run the sweep from there (docs/array-jobs.md)");
        }
        if (!data.isEmpty()) {
            cm.set("data", data);
        }
        if (!binary.isEmpty()) {
            cm.set("binaryData", binary);
        }

        List<String> sweep = new ArrayList<>(List.of("sweep", studyInPod, "--shard", "auto/" + plan.slices(), "--resume", "--out",
                DATA_MOUNT + "/" + plan.sliceOut("$(JOB_COMPLETION_INDEX)")));
        sweep.addAll(plan.sweepArgs());
        ObjectNode sweepSpec = f.objectNode();
        sweepSpec.put("completionMode", "Indexed");
        sweepSpec.put("completions", plan.slices());
        sweepSpec.put("parallelism", plan.parallelism());
        sweepSpec.put("backoffLimitPerIndex", 2);
        // a slice that exits 2 (bad input), 3 (an SLO missed, with --fail-on-slo) or 4 (a self-check failed) would
        // exit the same way again, with the same seeds: its index fails at once instead of being retried
        ObjectNode exits = sweepSpec.putObject("podFailurePolicy").putArray("rules").addObject();
        exits.put("action", "FailIndex");
        ObjectNode codes = exits.putObject("onExitCodes");
        codes.put("containerName", "sweep");
        codes.put("operator", "In");
        codes.putArray("values").add(2).add(3).add(4);
        ObjectNode job = job(f, name, "sweep", sweepSpec, plan, target, configMap, items, sweep);

        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int i = 0; i < plan.slices(); i++) {
            merge.add(DATA_MOUNT + "/" + plan.sliceOut(Integer.toString(i)));
        }
        merge.addAll(List.of("--out", DATA_MOUNT + "/" + plan.mergedOut()));
        ObjectNode mergeSpec = f.objectNode();
        mergeSpec.put("suspend", true);
        mergeSpec.put("backoffLimit", 2);
        ObjectNode mergeJob = job(f, name + "-merge", "merge", mergeSpec, plan, target, configMap, items, merge);

        StringBuilder out = new StringBuilder();
        out.append("# Headroom: study ").append(plan.studyName()).append(" (").append(plan.points()).append(" points) in ")
                .append(plan.slices()).append(" slices as a Kubernetes Indexed Job (headroom sweep --emit kubernetes-job).\n")
                .append("# Before applying: the PersistentVolumeClaim ").append(target.volumeClaim())
                .append(" exists (ReadWriteMany when pods may land on several nodes)\n")
                .append("# and holds the Headroom jar at ").append(target.jar()).append(" (e.g. cli/target/headroom.jar).\n")
                .append("# Run:\n")
                .append("#   kubectl apply -f THIS.yaml\n")
                .append("#   kubectl wait --for=condition=complete --timeout=24h job/").append(name).append('\n')
                .append("#   kubectl patch job/").append(name).append("-merge --type=merge -p '{\"spec\":{\"suspend\":false}}'\n")
                .append("#   kubectl wait --for=condition=complete --timeout=1h job/").append(name).append("-merge\n")
                .append("# The merged results are in ").append(DATA_MOUNT).append('/').append(plan.mergedOut())
                .append(" on the volume; slice i's in ").append(DATA_MOUNT).append('/').append(plan.sliceOut("i")).append(".\n");
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
        for (ObjectNode doc : List.of(cm, job, mergeJob)) {
            out.append("---\n").append(yaml.writeValueAsString(doc));
        }
        return out.toString();
    }

    private static void metadata(ObjectNode o, String name, ArrayPlan plan) {
        ObjectNode m = o.putObject("metadata");
        m.put("name", name);
        ObjectNode labels = m.putObject("labels");
        labels.put("app.kubernetes.io/name", "headroom");
        labels.put("app.kubernetes.io/instance", plan.jobName());
    }

    private static ObjectNode job(JsonNodeFactory f, String name, String container, ObjectNode spec, ArrayPlan plan, Target target,
                                  String configMap, ArrayNode items, List<String> args) {
        ObjectNode job = f.objectNode();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        metadata(job, name, plan);
        spec.set("template", template(f, container, plan, target, configMap, items, args));
        job.set("spec", spec);
        return job;
    }

    private static ObjectNode template(JsonNodeFactory f, String container, ArrayPlan plan, Target target, String configMap,
                                       ArrayNode items, List<String> args) {
        ObjectNode t = f.objectNode();
        t.putObject("metadata").putObject("labels").put("app.kubernetes.io/name", "headroom")
                .put("app.kubernetes.io/instance", plan.jobName());
        ObjectNode spec = t.putObject("spec");
        spec.put("restartPolicy", "Never");
        ObjectNode c = spec.putArray("containers").addObject();
        c.put("name", container);
        c.put("image", target.image());
        ArrayNode command = c.putArray("command");
        // the heap up to three quarters of the container's memory limit (the JVM's default is a quarter)
        for (String s : List.of("java", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-Djava.awt.headless=true", "-jar", target.jar())) {
            command.add(s);
        }
        ArrayNode a = c.putArray("args");
        args.forEach(a::add);
        ObjectNode res = c.putObject("resources");
        res.putObject("requests").put("cpu", Integer.toString(plan.cpus())).put("memory", plan.memory());
        res.putObject("limits").put("memory", plan.memory());
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", "data").put("mountPath", DATA_MOUNT);
        mounts.addObject().put("name", "study").put("mountPath", STUDY_MOUNT).put("readOnly", true);
        ArrayNode volumes = spec.putArray("volumes");
        volumes.addObject().put("name", "data").putObject("persistentVolumeClaim").put("claimName", target.volumeClaim());
        ObjectNode study = volumes.addObject().put("name", "study").putObject("configMap");
        study.put("name", configMap);
        study.set("items", items.deepCopy());
        return t;
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
