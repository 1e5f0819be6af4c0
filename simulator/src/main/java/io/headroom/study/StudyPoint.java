package io.headroom.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.design.DesignReader;
import java.util.LinkedHashMap;

/**
 * One point of a study: the design with some of its values changed.
 *
 * @param index  the point's place in the study (0, 1, ...), fixed by the study file alone
 * @param name   for people: the variant's name and the varied values, e.g. {@code replicas=4 concurrency=16}
 * @param values path → the value set at this point, in the study's column order
 * @param design the edited design, bound and checked
 */
public record StudyPoint(int index, String name, LinkedHashMap<String, JsonNode> values, DesignReader.Loaded design) {
}
