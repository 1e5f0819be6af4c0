package io.headroom.design.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Components' {@code tags:} (team, env, project…), taken out of each component before it is bound, as {@code regions:}
 * is, so that every kind may carry them; a store of data ({@code storage:}) may carry them too. Keys and values follow AWS's rules for user tags
 * (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html): a key is 1 to 128 characters, a value 0 to 256,
 * both of letters, digits, spaces and {@code _ . : / = + - @}; a key may not begin with {@code aws:}; a resource carries
 * at most 50 tags.
 */
public final class Tags {
    /** AWS's most user tags on one resource. */
    public static final int MAX_TAGS = 50;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {
    }

    /**
     * {@code root} with every component's and store's {@code tags} taken out (a copy when there were any), what each said put in
     * {@code tags}; a malformed tag is a located error in {@code errors}.
     */
    public static JsonNode take(YamlDocument doc, JsonNode root, Map<String, Map<String, String>> tags, List<InputError> errors) {
        JsonNode costAllocation = root == null || !root.isObject() ? null : root.get("cost-allocation");
        if (costAllocation != null && costAllocation.isObject() && costAllocation.has("tags")) {
            errors.add(doc.error("cost-allocation.tags", "tags are written on the components themselves, e.g."
                    + " components: {api: {tags: {team: checkout}, ...}}"));
        }
        JsonNode copy = root;
        for (String section : new String[] {"components", "storage"}) {
            copy = take(doc, copy, root, section, tags, errors);
        }
        return copy;
    }

    /** {@code current} (the tree so far: {@code root} or its copy) with the tags of {@code root}'s {@code section} taken out. */
    private static JsonNode take(YamlDocument doc, JsonNode current, JsonNode root, String section, Map<String, Map<String, String>> tags,
                                 List<InputError> errors) {
        JsonNode components = root == null || !root.isObject() ? null : root.get(section);
        if (components == null || !components.isObject()) {
            return current;
        }
        JsonNode copy = current == root ? null : current;
        List<String> names = new ArrayList<>();
        components.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode c = components.get(name);
            if (c == null || !c.isObject() || !c.has("tags")) {
                continue;
            }
            if (copy == null) {
                copy = root.deepCopy();
            }
            JsonNode in = ((ObjectNode) copy.get(section).get(name)).remove("tags");
            String path = section + "." + name + ".tags";
            if (!in.isObject()) {
                errors.add(doc.error(path, "tags are a map of key to value, e.g. tags: {team: checkout, env: prod}"));
                continue;
            }
            if (in.size() > MAX_TAGS) {
                errors.add(doc.error(path, in.size() + " tags: AWS allows at most " + MAX_TAGS + " on a resource"));
                continue;
            }
            Map<String, String> own = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = path + "." + e.getKey();
                String problem = keyProblem(e.getKey());
                if (problem != null) {
                    errors.add(doc.error(where, problem));
                    continue;
                }
                JsonNode v = e.getValue();
                if (v == null || v.isNull()) { // AWS allows an empty value: {env: } or {env: ""}
                    own.put(e.getKey(), "");
                    continue;
                }
                if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                    errors.add(doc.error(where, "a tag's value is text, e.g. " + e.getKey() + ": checkout"));
                    continue;
                }
                String value = v.asText();
                problem = valueProblem(value);
                if (problem != null) {
                    errors.add(doc.error(where, problem));
                    continue;
                }
                own.put(e.getKey(), value);
            }
            tags.put(name, own);
        }
        return copy == null ? current : copy;
    }

    /** What is wrong with {@code key} as an AWS tag key, or null. */
    public static String keyProblem(String key) {
        if (key.isEmpty() || key.length() > 128) {
            return "a tag key is 1 to 128 characters, got " + key.length();
        }
        if (key.startsWith("aws:")) {
            return "tag key '" + key + "': keys beginning with aws: are reserved for AWS's own tags";
        }
        if (!ALLOWED.matcher(key).matches()) {
            return "tag key '" + key + "' has a character AWS refuses: use letters, digits, spaces and _ . : / = + - @";
        }
        return null;
    }

    /** What is wrong with {@code value} as an AWS tag value, or null. */
    public static String valueProblem(String value) {
        if (value.length() > 256) {
            return "a tag value is at most 256 characters, got " + value.length();
        }
        if (!ALLOWED.matcher(value).matches()) {
            return "tag value '" + value + "' has a character AWS refuses: use letters, digits, spaces and _ . : / = + - @";
        }
        return null;
    }
}
