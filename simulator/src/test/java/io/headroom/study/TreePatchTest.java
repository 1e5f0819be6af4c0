package io.headroom.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** Setting values by path: only what the design has, with messages that name what is missing. */
class TreePatchTest {
    private static final ObjectMapper YAML = new YAMLMapper();

    private static JsonNode tree() throws Exception {
        return YAML.readTree(String.join("\n", "components:", "  api:", "    replicas: 4", "    endpoints:",
                "      browse: {calls: [{to: db}, {to: cache, timeout: 1s}]}", ""));
    }

    @Test
    void setsMapKeysAndListItems() throws Exception {
        JsonNode t = tree();
        TreePatch.set(t, "components.api.replicas", IntNode.valueOf(8));
        TreePatch.set(t, "components.api.endpoints.browse.calls[1].timeout", YAML.readTree("250ms"));
        assertEquals(8, t.at("/components/api/replicas").asInt());
        assertEquals("250ms", t.at("/components/api/endpoints/browse/calls/1/timeout").asText());
        assertEquals("db", t.at("/components/api/endpoints/browse/calls/0/to").asText(), "the other items stay");
    }

    @Test
    void refusesWhatTheDesignDoesNotHave() throws Exception {
        var missing = assertThrows(TreePatch.PathException.class,
                () -> TreePatch.set(tree(), "components.api.autoscaling.target", IntNode.valueOf(1)));
        assertTrue(missing.getMessage().contains("components.api has no key 'autoscaling' (it has: replicas, endpoints)"),
                missing.getMessage());
        var scalar = assertThrows(TreePatch.PathException.class,
                () -> TreePatch.set(tree(), "components.api.replicas.min", IntNode.valueOf(1)));
        assertTrue(scalar.getMessage().contains("components.api.replicas is the value 4, not a mapping")
                && scalar.getMessage().contains("replicas: {initial: 4}"), scalar.getMessage());
        var past = assertThrows(TreePatch.PathException.class,
                () -> TreePatch.set(tree(), "components.api.endpoints.browse.calls[2].to", IntNode.valueOf(1)));
        assertTrue(past.getMessage().contains("has 2 items (positions 0 to 1): there is no [2]"), past.getMessage());
        var syntax = assertThrows(TreePatch.PathException.class, () -> TreePatch.checkSyntax("components..api"));
        assertTrue(syntax.getMessage().contains("single dots"), syntax.getMessage());
    }
}
