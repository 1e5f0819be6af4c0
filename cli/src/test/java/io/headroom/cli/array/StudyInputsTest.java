package io.headroom.cli.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files that travel with a study: those its design and profile name, and those they name in turn. */
class StudyInputsTest {
    @Test
    void aCatalogueTakesItsCsvAlong(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("studies"));
        Files.createDirectories(tmp.resolve("prices"));
        Files.writeString(tmp.resolve("prices/ec2.csv"), "type,usd\n");
        Files.writeString(tmp.resolve("prices/negotiated.yaml"), "instances-csv: ec2.csv\n");
        Files.writeString(tmp.resolve("design.yaml"), "pricing: prices/negotiated.yaml\n");
        Files.writeString(tmp.resolve("profile.yaml"), "name: p\n");
        Files.writeString(tmp.resolve("studies/s.yaml"), "design: ../design.yaml\n");
        List<String> relative = StudyInputs.of(tmp.resolve("studies/s.yaml"), tmp.resolve("design.yaml"), tmp.resolve("profile.yaml"), true)
                .stream().map(StudyInputs.Input::relative).toList();
        assertEquals(List.of("studies/s.yaml", "design.yaml", "profile.yaml", "prices/negotiated.yaml", "prices/ec2.csv"), relative);
    }

    @Test
    void anAbsolutePathIsRefusedWhereTheFilesAreCopied(@TempDir Path tmp) throws Exception {
        Path trace = Files.writeString(tmp.resolve("trace.csv"), "t\n");
        Files.writeString(tmp.resolve("design.yaml"), "name: d\n");
        Files.writeString(tmp.resolve("profile.yaml"), "trace: {file: " + trace.toAbsolutePath() + "}\n");
        Files.writeString(tmp.resolve("s.yaml"), "design: design.yaml\n");
        var e = assertThrows(IllegalArgumentException.class,
                () -> StudyInputs.of(tmp.resolve("s.yaml"), tmp.resolve("design.yaml"), tmp.resolve("profile.yaml"), true));
        assertTrue(e.getMessage().contains("by its absolute path"), e.getMessage());
        // where the files stay in place (Slurm on a shared filesystem) the same study is fine
        assertEquals(4, StudyInputs.of(tmp.resolve("s.yaml"), tmp.resolve("design.yaml"), tmp.resolve("profile.yaml"), false).size());
    }

    @Test
    void theStudysOwnDesignByAnAbsolutePathIsRefusedToo(@TempDir Path tmp) throws Exception {
        // the study's copy in the job kept "design: /abs/design.yaml", mounted elsewhere in the pod
        Files.writeString(tmp.resolve("design.yaml"), "name: d\n");
        Files.writeString(tmp.resolve("profile.yaml"), "name: p\n");
        Files.writeString(tmp.resolve("s.yaml"), "design: " + tmp.resolve("design.yaml").toAbsolutePath() + "\nprofile: profile.yaml\n");
        var e = assertThrows(IllegalArgumentException.class,
                () -> StudyInputs.of(tmp.resolve("s.yaml"), tmp.resolve("design.yaml"), tmp.resolve("profile.yaml"), true));
        assertTrue(e.getMessage().startsWith(tmp.resolve("s.yaml").toAbsolutePath() + " names " + tmp.resolve("design.yaml").toAbsolutePath()
                + " by its absolute path"), e.getMessage());
        assertEquals(3, StudyInputs.of(tmp.resolve("s.yaml"), tmp.resolve("design.yaml"), tmp.resolve("profile.yaml"), false).size());
    }
}
