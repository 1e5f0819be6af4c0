package io.headroom.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A component's {@code type:} names its record; a wrong or missing name is reported where it is written. */
class ComponentTypeTest {
    private static final String DESIGN = """
            name: t
            entry: api
            components:
              api:
                type: %s
                concurrency: 1
                endpoints:
                  get: {demand: {dist: constant, value: 1ms}}
            """;

    private static String bindError(String text) throws BadInputException {
        YamlDocument doc = YamlDocument.parse(Path.of("design.yaml"), "design.yaml", text);
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(doc));
        assertEquals(1, e.errors().size());
        return e.errors().get(0).format();
    }

    @Test
    void unknownTypeIsReportedAtItsValueWithTheKnownNames() throws BadInputException {
        assertEquals("design.yaml:5:11: components.api.type: unknown type 'servise': did you mean 'service'?",
                bindError(DESIGN.formatted("servise")));
        assertEquals("design.yaml:5:11: components.api.type: unknown type 'queue' (known: service, load-balancer,"
                + " sharded-store, cache, function, database, global-router, cdn)", bindError(DESIGN.formatted("queue")));
    }

    @Test
    void missingTypeListsTheKnownNames() throws BadInputException {
        assertEquals("design.yaml:5:5: components.api.type: missing required key 'type' (one of: service, load-balancer,"
                + " sharded-store, cache, function, database, global-router, cdn)", bindError(DESIGN.replace("    type: %s\n", "")));
    }

    @Test
    void everyRecordOfTheFamilyHasOneName() {
        Class<?>[] records = ComponentSpec.class.getPermittedSubclasses();
        assertEquals(records.length, ComponentType.values().length);
        for (Class<?> r : records) {
            ComponentType t = ComponentType.ofRecord(r);
            assertEquals(r, t.record());
            assertEquals(t, ComponentType.named(t.yamlName()));
        }
        assertEquals(List.of("service", "load-balancer", "sharded-store", "cache", "function", "database", "global-router", "cdn"), ComponentType.yamlNames());
        assertNull(ComponentType.named("Service"));
    }

    @Test
    void eachNameBindsItsRecord() throws BadInputException {
        YamlDocument doc = YamlDocument.parse(Path.of("design.yaml"), "design.yaml", DESIGN.formatted("service"));
        assertInstanceOf(ServiceSpec.class, DesignReader.read(doc).design().components().get("api"));
    }
}
