package io.headroom.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets one value in a parsed YAML tree by its path ({@code components.api.replicas.min},
 * {@code components.api.endpoints.browse.calls[0].timeout}), as a study does to a design before it is
 * bound. Only what the design already has can be changed: a key it does not have, a list position past
 * its end, or a path through a plain value is refused with a message naming the part that is missing.
 * Adding keys silently would let a misspelt path run a whole sweep that changes nothing.
 */
public final class TreePatch {
    private TreePatch() {
    }

    /** Why a path cannot be set. */
    public static final class PathException extends Exception {
        PathException(String message) {
            super(message);
        }
    }

    /** One step of a path: a key, or a list position. */
    private record Step(String key, int index) {
        boolean isIndex() {
            return key == null;
        }

        @Override
        public String toString() {
            return isIndex() ? "[" + index + "]" : key;
        }
    }

    /** Replaces the value at {@code path} in {@code root} (edited in place) by {@code value}. */
    public static void set(JsonNode root, String path, JsonNode value) throws PathException {
        List<Step> steps = parse(path);
        JsonNode node = root;
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            boolean last = i == steps.size() - 1;
            String where = at.length() == 0 ? "the top level of the design" : at.toString();
            if (s.isIndex()) {
                if (!(node instanceof ArrayNode list)) {
                    throw new PathException(where + " is " + kind(node) + ", not a list: [" + s.index + "] does not apply");
                }
                if (s.index >= list.size()) {
                    throw new PathException(where + " has " + list.size() + (list.size() == 1 ? " item" : " items")
                            + " (positions 0 to " + (list.size() - 1) + "): there is no [" + s.index + "]");
                }
                if (last) {
                    list.set(s.index, value.deepCopy());
                    return;
                }
                node = list.get(s.index);
                at.append('[').append(s.index).append(']');
            } else {
                if (!(node instanceof ObjectNode map)) {
                    throw new PathException(where + " is " + kind(node) + ", not a mapping, so it has no key '" + s.key + "'"
                            + (node != null && node.isValueNode() ? ": write it as a mapping in the design (e.g. replicas: {initial: "
                            + node.asText() + "}) to vary a part of it" : ""));
                }
                if (!map.has(s.key)) {
                    List<String> keys = new ArrayList<>();
                    map.fieldNames().forEachRemaining(keys::add);
                    throw new PathException(where + " has no key '" + s.key + "' (it has: " + String.join(", ", keys)
                            + "); a study only changes values the design already has: add '" + s.key
                            + "' to the design first (its value there is what points that do not vary it use)");
                }
                if (last) {
                    map.set(s.key, value.deepCopy());
                    return;
                }
                node = map.get(s.key);
                if (at.length() > 0) {
                    at.append('.');
                }
                at.append(s.key);
            }
        }
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "empty";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        return "the value " + n.asText();
    }

    /** Checks a path's spelling: keys joined by dots, list positions in brackets. */
    public static void checkSyntax(String path) throws PathException {
        parse(path);
    }

    private static List<Step> parse(String path) throws PathException {
        List<Step> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            if (part.isEmpty()) {
                throw new PathException("'" + path + "' is not a path: keys are joined by single dots, e.g. components.api.concurrency");
            }
            int b = part.indexOf('[');
            String key = b < 0 ? part : part.substring(0, b);
            if (!key.isEmpty()) {
                steps.add(new Step(key, -1));
            } else if (steps.isEmpty()) {
                throw new PathException("'" + path + "' starts with a list position; start with a key of the design");
            }
            while (b >= 0) {
                int close = part.indexOf(']', b);
                if (close < 0) {
                    throw new PathException("'" + path + "': a '[' without its ']'");
                }
                try {
                    int ix = Integer.parseInt(part.substring(b + 1, close));
                    if (ix < 0) {
                        throw new NumberFormatException();
                    }
                    steps.add(new Step(null, ix));
                } catch (NumberFormatException e) {
                    throw new PathException("'" + path + "': a list position is a whole number from 0, as in calls[0]");
                }
                int next = close + 1;
                if (next < part.length() && part.charAt(next) != '[') {
                    throw new PathException("'" + path + "': after ']' comes '.' or another '['");
                }
                b = next < part.length() ? next : -1;
            }
        }
        return steps;
    }
}
