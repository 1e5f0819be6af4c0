package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Array jobs: a sweep's slices run as separate processes, each taking its slice from the scheduler's variables
 * ({@code --shard auto}), and merged, give the same bytes as the sweep run whole; {@code --emit kubernetes-job}
 * writes objects the Kubernetes API accepts (checked against fabric8's model of its types: no unknown field, no
 * wrong type), and {@code --emit slurm} a script that bash accepts and that, run as Slurm runs it, does the same.
 */
class ArrayJobsTest {
    /** The scheduler variables a test process must not inherit from whatever runs the build. */
    private static final List<String> SCHEDULER_VARS = List.of("JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN",
            "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_STEP", "AWS_BATCH_JOB_ARRAY_INDEX", "AWS_BATCH_JOB_ARRAY_SIZE");

    private static List<String> java() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", cp, Headroom.class.getName());
    }

    /** A started process: its command's output goes to {@code log}. */
    private static Process start(List<String> command, Map<String, String> env, Path dir, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        SCHEDULER_VARS.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int finish(Process p, Path log) throws Exception {
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished: " + log);
        return p.exitValue();
    }

    /** Runs {@code headroom ARGS} in a JVM of its own with {@code env}; its exit status and output. */
    private static RunCommandTest.Outcome process(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(java());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "process", ".log");
        int status = finish(start(cmd, env, dir, log), log);
        String text = Files.readString(log);
        return new RunCommandTest.Outcome(status, text, text);
    }

    @Test
    void fourKubernetesPodsFromTheEmittedIndexedJobMergeToTheUnshardedSweep(@TempDir Path tmp) throws Exception {
        Path s = SweepTest.study(Files.createDirectories(tmp.resolve("src")));
        Path manifest = tmp.resolve("sweep.yaml");
        var emitted = RunCommandTest.headroom("sweep", s.toString(), "--emit", "kubernetes-job", "--shards", "4", "--parallelism", "2",
                "--out", "runs/sizing", "--emit-to", manifest.toString());
        assertEquals(0, emitted.status(), emitted.err());
        assertTrue(emitted.out().contains("in 4 slices as a Kubernetes Indexed Job"), emitted.out());
        List<JsonNode> docs = documents(Files.readString(manifest));
        assertEquals(3, docs.size());
        ConfigMap cm = strict(docs.get(0), ConfigMap.class);
        Job sweep = strict(docs.get(1), Job.class);
        Job merge = strict(docs.get(2), Job.class);

        // the ConfigMap carries the study's three files, byte for byte, laid out as beside the study
        assertEquals(Map.of("study.yaml", Files.readString(s), "design.yaml", Files.readString(tmp.resolve("src/design.yaml")),
                "profile.yaml", Files.readString(tmp.resolve("src/profile.yaml"))), cm.getData());
        // the sweep: an Indexed Job of 4 completions, 2 at a time, retried per index, never restarted in place
        assertEquals("Indexed", sweep.getSpec().getCompletionMode());
        assertEquals(4, sweep.getSpec().getCompletions());
        assertEquals(2, sweep.getSpec().getParallelism());
        assertEquals(2, sweep.getSpec().getBackoffLimitPerIndex());
        var failIndex = sweep.getSpec().getPodFailurePolicy().getRules().get(0);
        assertEquals("FailIndex", failIndex.getAction(), "bad input, an SLO missed or a self-check failed: not retried");
        assertEquals(List.of(2, 3, 4), failIndex.getOnExitCodes().getValues());
        assertEquals("sweep", failIndex.getOnExitCodes().getContainerName());
        PodSpec pod = sweep.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy(), "backoffLimitPerIndex and a pod failure policy need restartPolicy Never");
        Container c = pod.getContainers().get(0);
        assertEquals(List.of("java", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-Djava.awt.headless=true", "-jar", "/data/headroom.jar"), c.getCommand());
        assertEquals(List.of("sweep", "/headroom/study/study.yaml", "--shard", "auto/4", "--resume", "--out",
                "/data/runs/sizing/shard-$(JOB_COMPLETION_INDEX)", "--threads", "1"), c.getArgs());
        assertEquals("eclipse-temurin:17-jre", c.getImage());
        assertEquals("headroom-data", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        checkApiRules(sweep, cm);
        // the merge: suspended until the sweep completes, then joins the four slices
        assertTrue(merge.getSpec().getSuspend());
        assertNull(merge.getSpec().getCompletionMode());
        List<String> mergeArgs = merge.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals(List.of("merge", "/data/runs/sizing/shard-0", "/data/runs/sizing/shard-1", "/data/runs/sizing/shard-2",
                "/data/runs/sizing/shard-3", "--out", "/data/runs/sizing/merged"), mergeArgs);
        checkApiRules(merge, cm);

        // the pods, each a JVM of its own as the kubelet would start it: the ConfigMap's items at the study mount, the
        // volume at /data, JOB_COMPLETION_INDEX set and $(JOB_COMPLETION_INDEX) expanded in the args
        Path pods = tmp.resolve("pods");
        Path studyMount = Files.createDirectories(pods.resolve("headroom/study"));
        for (KeyToPath item : pod.getVolumes().get(1).getConfigMap().getItems()) {
            Files.writeString(studyMount.resolve(item.getPath()), cm.getData().get(item.getKey()));
        }
        Path data = Files.createDirectories(pods.resolve("data"));
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String index = Integer.toString(i);
            List<String> cmd = new ArrayList<>(java());
            for (String a : c.getArgs()) {
                cmd.add(inPod(a.replace("$(JOB_COMPLETION_INDEX)", index), studyMount, data));
            }
            running.add(start(cmd, Map.of("JOB_COMPLETION_INDEX", index), tmp, tmp.resolve("pod-" + i + ".log")));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(0, finish(running.get(i), tmp.resolve("pod-" + i + ".log")), Files.readString(tmp.resolve("pod-" + i + ".log")));
        }
        assertEquals("2/4", new ObjectMapper().readTree(data.resolve("runs/sizing/shard-2/results.json").toFile()).get("shard").asText());
        List<String> mergeCmd = new ArrayList<>(java());
        mergeArgs.forEach(a -> mergeCmd.add(inPod(a, studyMount, data)));
        assertEquals(0, finish(start(mergeCmd, Map.of(), tmp, tmp.resolve("merge.log")), tmp.resolve("merge.log")),
                Files.readString(tmp.resolve("merge.log")));

        // the same study swept whole, from the same files
        var whole = RunCommandTest.headroom("sweep", studyMount.resolve("study.yaml").toString(), "--out", tmp.resolve("whole").toString());
        assertEquals(0, whole.status(), whole.err());
        SweepTest.assertSameOutputs(tmp.resolve("whole"), data.resolve("runs/sizing/merged"));

        // --shard auto alone in a pod: Kubernetes gives no count
        var alone = process(tmp, Map.of("JOB_COMPLETION_INDEX", "1"), "sweep", s.toString(), "--shard", "auto", "--out",
                tmp.resolve("alone").toString());
        assertEquals(2, alone.status(), alone.out());
        assertTrue(alone.out().contains("--shard auto: a Kubernetes Indexed Job gives no count of its tasks in the environment "
                + "(JOB_COMPLETION_INDEX=1); give it with --shard auto/N"), alone.out());
        assertFalse(Files.exists(tmp.resolve("alone")), "nothing written");
    }

    @Test
    void fourSlurmTasksOfAnArrayFromOneRunTheEmittedScriptAndMergeToTheUnshardedSweep(@TempDir Path tmp) throws Exception {
        Path s = SweepTest.study(tmp);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path headroom = bin.resolve("headroom");
        Files.writeString(headroom, "#!/bin/sh\nexec " + String.join(" ", java().stream().map(a -> "'" + a + "'").toList()) + " \"$@\"\n");
        headroom.toFile().setExecutable(true);
        Path script = tmp.resolve("sweep.sh");
        Path out = tmp.resolve("runs");
        var emitted = RunCommandTest.headroom("sweep", s.toString(), "--emit", "slurm", "--shards", "4", "--out", out.toString(),
                "--headroom", headroom.toString(), "--time", "00:20:00", "--cpus", "2", "--emit-to", script.toString());
        assertEquals(0, emitted.status(), emitted.err());
        String text = Files.readString(script);
        assertTrue(text.contains("\n#SBATCH --array=0-3\n") && text.contains("\n#SBATCH --time=00:20:00\n")
                && text.contains("\n#SBATCH --cpus-per-task=2\n") && text.contains("\n#SBATCH --job-name=headroom-sizing\n"), text);
        assertTrue(text.contains(" sweep \"$study\" --shard \"auto/$slices\" --resume --out \"$out/shard-$slice\" --threads 2\n"), text);
        Process syntax = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertEquals(0, syntax.waitFor(), new String(syntax.getInputStream().readAllBytes()));

        // the array renumbered 1-4 (as many sites write it): tasks 1..4 are slices 0..3, each a process of its own
        List<Process> tasks = new ArrayList<>();
        for (int id = 1; id <= 4; id++) {
            Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(id), "SLURM_ARRAY_TASK_MIN", "1",
                    "SLURM_ARRAY_TASK_MAX", "4", "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_STEP", "1", "SLURM_CPUS_PER_TASK", "2");
            tasks.add(start(List.of("bash", script.toString(), "slice"), env, tmp, tmp.resolve("task-" + id + ".log")));
        }
        for (int id = 1; id <= 4; id++) {
            assertEquals(0, finish(tasks.get(id - 1), tmp.resolve("task-" + id + ".log")), Files.readString(tmp.resolve("task-" + id + ".log")));
        }
        assertEquals("0/4", new ObjectMapper().readTree(out.resolve("shard-0/results.json").toFile()).get("shard").asText());
        // the merge job, as the submission's dependent job runs it
        assertEquals(0, finish(start(List.of("bash", script.toString(), "merge"), Map.of(), tmp, tmp.resolve("merge.log")),
                tmp.resolve("merge.log")), Files.readString(tmp.resolve("merge.log")));
        var whole = RunCommandTest.headroom("sweep", s.toString(), "--out", tmp.resolve("whole").toString());
        assertEquals(0, whole.status(), whole.err());
        SweepTest.assertSameOutputs(tmp.resolve("whole"), out.resolve("merged"));

        // a stepped array is refused, naming the variable, and writes nothing
        var stepped = process(tmp, Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "6",
                "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_STEP", "2"), "sweep", s.toString(), "--shard", "auto", "--out",
                tmp.resolve("stepped").toString());
        assertEquals(2, stepped.status(), stepped.out());
        assertTrue(stepped.out().contains("SLURM_ARRAY_TASK_STEP=2: a stepped array"), stepped.out());
        assertFalse(Files.exists(tmp.resolve("stepped")));
    }

    @Test
    void theSlurmScriptSubmitsTheArrayThenTheMergeAfterIt(@TempDir Path tmp) throws Exception {
        Path s = SweepTest.study(tmp);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("sbatch.log");
        // sbatch: records its arguments, one line per call; answers --parsable with a job id (the array's, then the merge's)
        Path sbatch = bin.resolve("sbatch");
        Files.writeString(sbatch, "#!/bin/bash\nprintf '%s\\n' \"$*\" >> '" + calls + "'\n"
                + "n=$(wc -l < '" + calls + "'); echo $((4100 + n))\n");
        sbatch.toFile().setExecutable(true);
        Path script = tmp.resolve("sweep.sh");
        Path out = tmp.resolve("runs");
        assertEquals(0, RunCommandTest.headroom("sweep", s.toString(), "--emit", "slurm", "--shards", "3", "--parallelism", "2", "--out",
                out.toString(), "--emit-to", script.toString()).status());
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "submit").directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        assertEquals("submitted the sweep as array job 4101 (3 slices) and the merge as job 4102, after it\n", said);
        List<String> lines = Files.readAllLines(calls);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("--parsable " + script.toRealPath() + " slice", lines.get(0));
        assertTrue(lines.get(1).startsWith("--parsable --dependency=afterok:4101 --job-name=headroom-sizing-merge "), lines.get(1));
        assertTrue(lines.get(1).endsWith(" --wrap=bash '" + script.toRealPath() + "' merge"), lines.get(1));
        assertTrue(Files.readString(script).contains("\n#SBATCH --array=0-2%2\n"), "three tasks, two at a time");
        assertTrue(Files.isDirectory(out), "the folder for Slurm's output files is made before submitting");
    }

    @Test
    void emittingChecksItsOptions(@TempDir Path tmp) throws Exception {
        Path s = SweepTest.study(tmp);
        var tooMany = RunCommandTest.headroom("sweep", s.toString(), "--emit", "slurm", "--shards", "7");
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("--shards: 7 slices for 6 points would leave 1 slices empty; at most 6"), tooMany.err());
        var wrong = RunCommandTest.headroom("sweep", s.toString(), "--emit", "slurm", "--image", "x");
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("--image: only with --emit kubernetes-job"), wrong.err());
        var format = RunCommandTest.headroom("sweep", s.toString(), "--emit", "pbs");
        assertEquals(2, format.status());
        assertTrue(format.err().contains("'pbs' is not kubernetes-job or slurm"), format.err());
        var absolute = RunCommandTest.headroom("sweep", s.toString(), "--emit", "kubernetes-job", "--out", "/results");
        assertEquals(2, absolute.status());
        assertTrue(absolute.err().contains("a folder on the shared volume, relative to its root"), absolute.err());
        var both = RunCommandTest.headroom("sweep", s.toString(), "--emit", "slurm", "--shard", "0/2");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("--shard: not with --emit"), both.err());
        var noEmit = RunCommandTest.headroom("sweep", s.toString(), "--shards", "3", "--out", tmp.resolve("o").toString());
        assertEquals(2, noEmit.status());
        assertTrue(noEmit.err().contains("array job options only go with --emit kubernetes-job|slurm"), noEmit.err());
        assertFalse(Files.exists(tmp.resolve("o")));
        var noOut = RunCommandTest.headroom("sweep", s.toString());
        assertEquals(2, noOut.status());
        assertTrue(noOut.err().contains("Missing required option: '--out=DIR'"), noOut.err());
        // by default one slice per point, all at once; to standard output
        var defaults = RunCommandTest.headroom("sweep", s.toString(), "--emit", "kubernetes-job");
        assertEquals(0, defaults.status(), defaults.err());
        Job job = strict(documents(defaults.out()).get(1), Job.class);
        assertEquals(6, job.getSpec().getCompletions());
        assertEquals(6, job.getSpec().getParallelism());
        assertEquals("headroom-sizing", job.getMetadata().getName());
    }

    @Test
    void theStrictReadingRefusesAnUnknownFieldOrAWrongType() throws Exception {
        String good = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  completions: 4\n  template:\n    spec:\n"
                + "      restartPolicy: Never\n      containers: [{name: c, image: i, args: [a]}]\n";
        strict(documents(good).get(0), Job.class);
        AssertionError unknown = assertThrows(AssertionError.class,
                () -> strict(documents(good.replace("completions:", "completion:")).get(0), Job.class));
        assertTrue(unknown.getMessage().contains("completion"), unknown.getMessage());
        assertThrows(Exception.class, () -> strict(documents(good.replace("completions: 4", "completions: four")).get(0), Job.class));
        assertThrows(Exception.class, () -> strict(documents(good.replace("args: [a]", "args: [1]")).get(0), Job.class));
    }

    /** A pod's path on this machine: the study mount and the data volume in the test's folders. */
    private static String inPod(String arg, Path studyMount, Path data) {
        if (arg.startsWith("/headroom/study/")) {
            return studyMount.resolve(arg.substring("/headroom/study/".length())).toString();
        }
        if (arg.startsWith("/data/")) {
            return data.resolve(arg.substring("/data/".length())).toString();
        }
        return arg;
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            var it = new YAMLMapper().readValues(p, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    /**
     * {@code node} read as the Kubernetes type {@code type} the way the API server's strict field validation reads it:
     * no scalar of the wrong type (a number for a string, a string for a number) and no field the type lacks
     * (fabric8 keeps unknown fields in each object's additional properties, which must all be empty).
     */
    static <T> T strict(JsonNode node, Class<T> type) throws Exception {
        ObjectMapper m = new ObjectMapper();
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        T value = m.treeToValue(node, type);
        List<String> unknown = new ArrayList<>();
        unknownFields(value, type.getSimpleName(), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError("fields the Kubernetes API does not have: " + unknown);
        }
        return value;
    }

    private static void unknownFields(Object o, String at, List<String> unknown, IdentityHashMap<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                unknownFields(l.get(i), at + "[" + i + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknownFields(e.getValue(), at + "." + e.getKey(), unknown, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
                    || g.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v = g.invoke(o);
            if (g.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(at + "." + k));
                }
            } else {
                String field = Character.toLowerCase(g.getName().charAt(3)) + g.getName().substring(4);
                unknownFields(v, at + "." + field, unknown, seen);
            }
        }
    }

    /** The rules the API server checks beyond the types (kubernetes.io/docs/concepts/workloads/controllers/job). */
    private static void checkApiRules(Job job, ConfigMap cm) {
        String dnsLabel = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
        assertTrue(job.getMetadata().getName().matches(dnsLabel) && job.getMetadata().getName().length() <= 63);
        assertEquals("batch/v1", job.getApiVersion());
        var spec = job.getSpec();
        if ("Indexed".equals(spec.getCompletionMode())) {
            assertTrue(spec.getCompletions() != null && spec.getCompletions() >= 1, "an Indexed Job has completions");
            assertTrue(spec.getParallelism() <= spec.getCompletions());
        }
        PodSpec pod = spec.getTemplate().getSpec();
        assertTrue(List.of("Never", "OnFailure").contains(pod.getRestartPolicy()), "a Job's pods never restart Always");
        assertEquals(job.getMetadata().getLabels(), spec.getTemplate().getMetadata().getLabels());
        Map<String, Boolean> volumes = new LinkedHashMap<>();
        pod.getVolumes().forEach(v -> volumes.put(v.getName(), true));
        for (Container c : pod.getContainers()) {
            assertTrue(c.getName().matches(dnsLabel));
            c.getVolumeMounts().forEach(m -> assertTrue(volumes.containsKey(m.getName()), "mount of a declared volume: " + m.getName()));
            assertFalse(c.getImage().isBlank());
        }
        var items = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap();
        assertEquals(cm.getMetadata().getName(), items.getName());
        for (KeyToPath k : items.getItems()) {
            assertTrue(cm.getData().containsKey(k.getKey()), "an item of a key the ConfigMap has: " + k.getKey());
            assertTrue(k.getKey().matches("[-._a-zA-Z0-9]+"));
            assertFalse(k.getPath().startsWith("/") || k.getPath().contains(".."), k.getPath());
        }
    }
}
