package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.storage.StorageSpec;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stored data as YAML writes it under {@code storage:}, and its mistakes located at their keys. */
class StorageInputTest {
    private static final String DESIGN = """
            name: d
            entry: api
            components:
              api:
                type: service
                concurrency: 1
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
            storage:
              uploads:
            %s
            """;

    private static Design read(String keys) throws BadInputException {
        return DesignText.read(DESIGN.formatted(keys));
    }

    private static String error(String keys) {
        return DesignText.error(DESIGN.formatted(keys));
    }

    @Test
    void aBucketWithALifecycle() throws BadInputException {
        StorageSpec s = read("""
                    type: bucket
                    class: standard
                    size: 2Ti
                    growth-per-day: 50Gi
                    object-size: 1Mi
                    lifecycle:
                      - {after: 30d, class: standard-ia}
                      - {after: 90d, class: glacier-flexible-retrieval}
                    retrievals: [{class: standard-ia, per-day: 10Gi}]""".indent(4)).storage().get("uploads");
        assertEquals(2L << 40, s.size());
        assertEquals(50L << 30, s.growthPerDay());
        assertEquals(java.util.List.of("standard", "standard-ia", "glacier-flexible-retrieval"), s.classes());
        assertEquals(Duration.ofDays(90), s.lifecycle().get(1).after());
        assertEquals(10L << 30, s.retrievals().get(0).perDay());
    }

    @Test
    void mistakesAreLocated() {
        assertEquals("design.yaml:12:12: storage.uploads.class: no bucket storage class 'standrd' in catalogue aws-us-east-1:"
                + " did you mean 'standard'?", error("    type: bucket\n    class: standrd\n    size: 1Ti"));
        assertEquals("design.yaml:15:37: storage.uploads.lifecycle[0].class: no bucket storage class 'glacier' in catalogue"
                        + " aws-us-east-1 (classes: glacier-deep-archive, glacier-flexible-retrieval, glacier-instant-retrieval, one-zone-ia,"
                        + " standard, standard-ia)",
                error("    type: bucket\n    class: standard\n    size: 1Ti\n    object-size: 1Mi\n    lifecycle: [{after: 30d, class: glacier}]"));
        assertEquals("design.yaml:15:74: storage.uploads.lifecycle[1].after: transitions must come in increasing age: 720h is not"
                + " after 2160h", error("    type: bucket\n    class: standard\n    size: 1Ti\n    object-size: 1Mi\n    lifecycle:"
                + " [{after: 90d, class: glacier-flexible-retrieval}, {after: 30d, class: standard-ia}]"));
        assertEquals("design.yaml:11:5: storage.uploads.object-size: a lifecycle charges its transitions per object: give the"
                        + " bucket's object-size (e.g. 1Mi)",
                error("    type: bucket\n    class: standard\n    size: 1Ti\n    lifecycle: [{after: 30d, class: standard-ia}]"));
        assertEquals("design.yaml:14:26: storage.uploads.retrievals[0].class: 'glacier-deep-archive' is not a class this bucket holds"
                + " data in (standard)", error("    type: bucket\n    class: standard\n    size: 1Ti\n    retrievals: [{class:"
                + " glacier-deep-archive, per-day: 1Gi}]"));
        assertEquals("design.yaml:14:11: storage.uploads.iops: a bucket has no provisioned IOPS; iops is a volume's",
                error("    type: bucket\n    class: standard\n    size: 1Ti\n    iops: 3000"));
        assertEquals("design.yaml:14:16: storage.uploads.lifecycle: lifecycle transitions are for a bucket; a volume keeps its class",
                error("    type: volume\n    class: gp3\n    size: 1Ti\n    lifecycle: [{after: 30d, class: gp2}]"));
        assertEquals("design.yaml:14:21: storage.uploads.growth-per-day: growth-per-day must not be negative, got -1",
                error("    type: volume\n    class: gp3\n    size: 1Ti\n    growth-per-day: -1"));
        assertEquals("design.yaml:12:12: storage.uploads.class: no volume storage class 'aurora-standard' in catalogue"
                + " aws-us-east-1 (classes: gp2, gp3, io1, io2, sc1, st1)", error("    type: volume\n    class: aurora-standard\n    size: 1Ti"));
        assertEquals("design.yaml:14:11: storage.uploads.iops: class gp2 has no provisioned IOPS (its IOPS come with its size):"
                + " remove iops, or use a class that provisions them (gp3, io1)", error("    type: volume\n    class: gp2\n    size: 1Ti\n    iops: 3000"));
        assertEquals("design.yaml:11:11: storage.uploads.type: a database's storage is written in the database (storage: {class:"
                + " gp3, size: 500Gi}); here, type is bucket or volume", error("    type: database\n    class: gp3\n    size: 1Ti"));
        assertEquals("design.yaml:15:25: storage.uploads.lifecycle[0].after: an object's age at the transition must be positive,"
                + " got 0s", error("    type: bucket\n    class: standard\n    size: 1Ti\n    object-size: 1Mi\n    lifecycle: [{after: 0d,"
                + " class: standard-ia}]"));
        assertEquals("design.yaml:12:12: storage.uploads.class: no volume storage class 'gp4' in catalogue aws-us-east-1: did you"
                + " mean 'gp2'?", error("    type: volume\n    class: gp4\n    size: 1Ti"));
    }

    @Test
    void aStoreCannotTakeAComponentsName() {
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(YamlDocument.parse(Path.of("design.yaml"),
                "design.yaml", DESIGN.replace("  uploads:", "  api:").formatted("    type: volume\n    class: gp3\n    size: 1Ti"))));
        assertEquals("design.yaml:11:5: storage.api: 'api' is also a component: a store's cost is reported under its name, so give it"
                + " a name of its own", e.errors().get(0).format());
    }
}
