package io.headroom.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.ServiceSpec;
import io.headroom.yaml.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Study files: the points they make, and errors located in the file that caused them. */
class StudyReaderTest {
    static final String DESIGN = String.join("\n",
            "name: one",
            "entry: api",
            "components:",
            "  api:",
            "    type: service",
            "    replicas: 2",
            "    concurrency: 4",
            "    endpoints: {default: {demand: {dist: exponential, mean: 10ms}}}",
            "");
    static final String PROFILE = String.join("\n", "name: short", "injection:", "  - constantUsersPerSec: {rate: 50, during: 30s}", "");

    static Path files(Path dir, String study) throws Exception {
        Files.writeString(dir.resolve("design.yaml"), DESIGN);
        Files.writeString(dir.resolve("profile.yaml"), PROFILE);
        Path s = dir.resolve("study.yaml");
        Files.writeString(s, study);
        return s;
    }

    @Test
    void cartesianProductWithTheLastPathFastest(@TempDir Path dir) throws Exception {
        Study s = StudyReader.read(files(dir, String.join("\n", "name: grid", "design: design.yaml", "profile: profile.yaml",
                "vary:", "  components.api.replicas: [1, 2]", "  components.api.concurrency: [2, 4, 8]", "")));
        assertEquals(6, s.points().size());
        assertEquals(List.of("replicas=1 concurrency=2", "replicas=1 concurrency=4", "replicas=1 concurrency=8",
                "replicas=2 concurrency=2", "replicas=2 concurrency=4", "replicas=2 concurrency=8"),
                s.points().stream().map(StudyPoint::name).toList());
        ServiceSpec api = (ServiceSpec) s.points().get(5).design().design().components().get("api");
        assertEquals(2, api.replicas().initial());
        assertEquals(8, api.concurrency());
        assertEquals(List.of("components.api.replicas", "components.api.concurrency"), s.columns());
    }

    @Test
    void variantsTimesVary(@TempDir Path dir) throws Exception {
        Study s = StudyReader.read(files(dir, String.join("\n", "name: v", "design: design.yaml", "profile: profile.yaml",
                "variants:", "  - {name: small, set: {components.api.concurrency: 2}}",
                "  - {name: big, set: {components.api.concurrency: 16}}", "vary:", "  components.api.replicas: [1, 3]", "")));
        assertEquals(List.of("small replicas=1", "small replicas=3", "big replicas=1", "big replicas=3"),
                s.points().stream().map(StudyPoint::name).toList());
    }

    @Test
    void aVariantCannotSetWhatVaryVaries(@TempDir Path dir) throws Exception {
        // vary's value was written over the variant's at every point: "a replicas=1", "a replicas=2", and 3 never ran
        var e = assertThrows(BadInputException.class, () -> StudyReader.read(files(dir, String.join("\n", "name: v",
                "design: design.yaml", "profile: profile.yaml", "variants:", "  - {name: a, set: {components.api.replicas: 3}}",
                "  - {name: b, set: {components.api.replicas.min: 1}}",
                "vary:", "  components.api.replicas: [1, 2]", ""))));
        assertEquals(2, e.errors().size(), e.getMessage());
        String m = e.errors().get(0).format();
        assertTrue(m.startsWith(dir.resolve("study.yaml") + ":5:21: variants[0].set.components.api.replicas: also varied "
                + "(vary: components.api.replicas)"), m);
        assertTrue(e.errors().get(1).format().startsWith(dir.resolve("study.yaml") + ":6:21: variants[1].set.components.api.replicas.min: "
                + "also varied"), e.errors().get(1).format());
        // a variant that sets the mapping around a varied key keeps its other keys at every point: that is fine
        Study s = StudyReader.read(files(dir, String.join("\n", "name: v", "design: design.yaml", "profile: profile.yaml",
                "variants:", "  - {name: slim, set: {components.api: {type: service, replicas: 2, concurrency: 1,"
                        + " endpoints: {default: {demand: {dist: exponential, mean: 10ms}}}}}}",
                "vary:", "  components.api.concurrency: [2, 4]", "")));
        assertEquals(List.of("slim concurrency=2", "slim concurrency=4"), s.points().stream().map(StudyPoint::name).toList());
        assertEquals(4, ((ServiceSpec) s.points().get(1).design().design().components().get("api")).concurrency());
    }

    @Test
    void aPathTheDesignLacksIsAnErrorAtTheStudyKey(@TempDir Path dir) throws Exception {
        var e = assertThrows(BadInputException.class, () -> StudyReader.read(files(dir, String.join("\n", "name: bad",
                "design: design.yaml", "profile: profile.yaml", "vary:", "  components.api.autoscaling.target: [0.5, 0.6]", ""))));
        assertEquals(1, e.errors().size(), e.getMessage());
        String m = e.errors().get(0).format();
        assertTrue(m.startsWith(dir.resolve("study.yaml") + ":5:3: vary.components.api.autoscaling.target: cannot set "
                + "components.api.autoscaling.target in "), m);
        assertTrue(m.contains("components.api has no key 'autoscaling'"), m);
    }

    @Test
    void aBadValueIsReportedAtTheStudyLineThatSetIt(@TempDir Path dir) throws Exception {
        var e = assertThrows(BadInputException.class, () -> StudyReader.read(files(dir, String.join("\n", "name: bad",
                "design: design.yaml", "profile: profile.yaml", "vary:", "  components.api.concurrency:", "    - 4", "    - 0", ""))));
        String m = e.errors().get(0).format();
        assertTrue(m.startsWith(dir.resolve("study.yaml") + ":7:7: components.api.concurrency: "), m);
        assertTrue(m.contains("at point 1: concurrency=0)"), m);
    }

    @Test
    void aDesignMistakeStillPointsIntoTheDesign(@TempDir Path dir) throws Exception {
        Path s = files(dir, String.join("\n", "name: s", "design: design.yaml", "profile: profile.yaml", "vary:",
                "  components.api.replicas: [1]", ""));
        Files.writeString(dir.resolve("design.yaml"), DESIGN.replace("concurrency: 4", "concurency: 4"));
        var e = assertThrows(BadInputException.class, () -> StudyReader.read(s));
        assertTrue(e.errors().get(0).format().startsWith(dir.resolve("design.yaml") + ":7:5: components.api.concurency: "),
                e.getMessage());
    }
}
