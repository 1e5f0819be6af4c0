package io.headroom.cli.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --shard auto}: the slice from each scheduler's variables, and a refusal naming the variable for every doubtful case. */
class ArrayShardTest {
    private static ArrayShard.Slice slice(String shard, Map<String, String> env) throws ArrayShard.Refused {
        return ArrayShard.resolve(shard, env);
    }

    private static String refused(String shard, Map<String, String> env) {
        return assertThrows(ArrayShard.Refused.class, () -> ArrayShard.resolve(shard, env)).getMessage();
    }

    @Test
    void kubernetesGivesTheIndexAndTheCommandTheCount() throws Exception {
        assertEquals(new ArrayShard.Slice(2, 4, "JOB_COMPLETION_INDEX=2"), slice("auto/4", Map.of("JOB_COMPLETION_INDEX", "2")));
        assertEquals(0, slice(" auto/1 ", Map.of("JOB_COMPLETION_INDEX", "0")).index());
        String alone = refused("auto", Map.of("JOB_COMPLETION_INDEX", "2"));
        assertTrue(alone.contains("Kubernetes Indexed Job gives no count") && alone.contains("--shard auto/N"), alone);
        String beyond = refused("auto/4", Map.of("JOB_COMPLETION_INDEX", "4"));
        assertTrue(beyond.contains("index out of range: JOB_COMPLETION_INDEX=4 is not below the 4 slices (0 to 3)"), beyond);
    }

    @Test
    void aSlurmArrayFromOneIsShiftedByItsMinimum() throws Exception {
        Map<String, String> task3 = Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "4",
                "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_STEP", "1");
        assertEquals(new ArrayShard.Slice(2, 4, "SLURM_ARRAY_TASK_ID=3 − SLURM_ARRAY_TASK_MIN=1"), slice("auto", task3));
        assertEquals(2, slice("auto/4", task3).index());
        // from 0, and with only the variables every Slurm version sets (no STEP, no COUNT): the count from MAX − MIN + 1
        assertEquals(new ArrayShard.Slice(0, 8, "SLURM_ARRAY_TASK_ID=0"),
                slice("auto", Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "7")));
        String mismatch = refused("auto/5", task3);
        assertTrue(mismatch.contains("the array has 4 tasks (SLURM_ARRAY_TASK_COUNT=4) but the command asks for 5 slices"), mismatch);
    }

    @Test
    void steppedGappedOrIncompleteSlurmArraysAreRefused() {
        String stepped = refused("auto", Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "12",
                "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_STEP", "4"));
        assertTrue(stepped.contains("SLURM_ARRAY_TASK_STEP=4: a stepped array"), stepped);
        // --array=1,3,5: MIN 1, MAX 5 but three tasks
        String gapped = refused("auto", Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "5",
                "SLURM_ARRAY_TASK_COUNT", "3", "SLURM_ARRAY_TASK_STEP", "1"));
        assertTrue(gapped.contains("SLURM_ARRAY_TASK_COUNT=3 tasks but indexes 1 to 5: the array has gaps"), gapped);
        String noMin = refused("auto/4", Map.of("SLURM_ARRAY_TASK_ID", "3"));
        assertTrue(noMin.contains("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not"), noMin);
        String noCount = refused("auto", Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "1"));
        assertTrue(noCount.contains("Slurm job array gives no count"), noCount);
        String above = refused("auto/9", Map.of("SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "8"));
        assertTrue(above.contains("index out of range: SLURM_ARRAY_TASK_ID=9 is above SLURM_ARRAY_TASK_MAX=8"), above);
        String below = refused("auto/9", Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "1"));
        assertTrue(below.contains("SLURM_ARRAY_TASK_ID=0 is below SLURM_ARRAY_TASK_MIN=1"), below);
    }

    @Test
    void awsBatchGivesTheIndexAndTheSize() throws Exception {
        Map<String, String> child = Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "9", "AWS_BATCH_JOB_ARRAY_SIZE", "10");
        assertEquals(new ArrayShard.Slice(9, 10, "AWS_BATCH_JOB_ARRAY_INDEX=9"), slice("auto", child));
        assertEquals(9, slice("auto/10", child).index());
        String beyond = refused("auto", Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "10", "AWS_BATCH_JOB_ARRAY_SIZE", "10"));
        assertTrue(beyond.contains("index out of range: AWS_BATCH_JOB_ARRAY_INDEX=10"), beyond);
    }

    @Test
    void noSchedulerTwoDisagreeingOrANonNumberAreRefusedByName() throws Exception {
        String none = refused("auto/4", Map.of("PATH", "/bin"));
        assertTrue(none.contains("none of JOB_COMPLETION_INDEX (Kubernetes Indexed Job), SLURM_ARRAY_TASK_ID (Slurm job array) or "
                + "AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job) is set"), none);
        String disagree = refused("auto/4", Map.of("JOB_COMPLETION_INDEX", "1", "AWS_BATCH_JOB_ARRAY_INDEX", "2"));
        assertTrue(disagree.contains("two schedulers disagree: JOB_COMPLETION_INDEX=1 (Kubernetes Indexed Job) but "
                + "AWS_BATCH_JOB_ARRAY_INDEX=2 (AWS Batch array job)"), disagree);
        // two that agree (a Slurm job inside a Kubernetes pod, say) name the same slice
        assertEquals(1, slice("auto/4", Map.of("JOB_COMPLETION_INDEX", "1", "SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "1"))
                .index());
        String text = refused("auto/4", Map.of("JOB_COMPLETION_INDEX", "two"));
        assertTrue(text.contains("JOB_COMPLETION_INDEX='two' is not a whole number"), text);
        String negative = refused("auto", Map.of("AWS_BATCH_JOB_ARRAY_INDEX", "-1", "AWS_BATCH_JOB_ARRAY_SIZE", "4"));
        assertTrue(negative.contains("AWS_BATCH_JOB_ARRAY_INDEX='-1' is not a whole number"), negative);
        String count = refused("auto/four", Map.of("JOB_COMPLETION_INDEX", "1"));
        assertTrue(count.contains("'four' is not a whole number of slices"), count);
        assertTrue(refused("auto/0", Map.of("JOB_COMPLETION_INDEX", "0")).contains("the number of slices must be from 1"));
        assertTrue(ArrayShard.isAuto("auto") && ArrayShard.isAuto("auto/3"));
        assertFalse(ArrayShard.isAuto("1/3") || ArrayShard.isAuto("automatic"));
    }
}
