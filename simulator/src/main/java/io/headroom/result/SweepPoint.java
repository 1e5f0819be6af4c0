package io.headroom.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One point of a sweep, as a line of its journal and a row of {@code results.json}: its number and
 * name, the values the study set at it (by dotted path; YAML scalars or trees, kept as the study
 * gave them), how many replications ran, and its {@link Figures}.
 */
public record SweepPoint(int point, String name, Map<String, JsonNode> values, int replications, Figures figures) {
}
