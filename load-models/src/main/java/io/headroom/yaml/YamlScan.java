package io.headroom.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One pass over a YAML file's tokens, before it is parsed into a tree: records where every key and
 * every value starts, by its path, refuses a key given twice in one mapping (Jackson would keep the
 * last one silently, or report it without a path) and an alias (Jackson would read {@code *name} as the
 * text "name"), and, when the YAML itself is broken, says where
 * and in which terms a user can fix it.
 */
final class YamlScan {
    private static final JsonFactory FACTORY = YAMLFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, Mark> keys = new HashMap<>();
    private final Map<String, Mark> values = new HashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();

    /** An open mapping or list: its path, and the key or index being read in it. */
    private static final class Frame {
        final String path;
        final boolean list;
        String field;
        int index = -1;
        final Map<String, Mark> seen = new HashMap<>();

        Frame(String path, boolean list) {
            this.path = path;
            this.list = list;
        }

        String child() {
            return list ? path + "[" + index + "]" : YamlPaths.join(path, field);
        }
    }

    /** Where each key stands, by its path. */
    Map<String, Mark> keyMarks() {
        return keys;
    }

    /** Where each value starts, by its path. */
    Map<String, Mark> valueMarks() {
        return values;
    }

    void run(String text, String displayName) throws IOException, BadInputException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Mark here = mark(p.currentTokenLocation());
                if (t == JsonToken.FIELD_NAME) {
                    Frame top = stack.peek();
                    top.field = p.currentName();
                    Mark first = top.seen.putIfAbsent(top.field, here);
                    if (first != null) {
                        throw new BadInputException(new InputError(displayName, here, top.child(),
                                "duplicate key '" + top.field + "' (first given at line " + first.line() + ")"));
                    }
                    keys.putIfAbsent(top.child(), here);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                String path = "";
                Frame top = stack.peek();
                if (top != null) {
                    if (top.list) {
                        top.index++;
                    }
                    path = top.child();
                }
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    // the YAML parser hands an alias on as a string of its name, so it would be read as that text
                    throw new BadInputException(new InputError(displayName, here, path, "a YAML alias (*" + p.getText()
                            + "): anchors and aliases are not expanded here; write the value out in full"));
                }
                values.putIfAbsent(path, here);
                if (t == JsonToken.START_OBJECT) {
                    stack.push(new Frame(path, false));
                } else if (t == JsonToken.START_ARRAY) {
                    stack.push(new Frame(path, true));
                }
            }
        }
    }

    /** The path of the value that starts at {@code mark} (the deepest, if several do), else {@code otherwise}. */
    private String pathStartingAt(Mark mark, String otherwise) {
        String best = null;
        for (Map.Entry<String, Mark> e : values.entrySet()) {
            if (e.getValue().equals(mark) && (best == null || e.getKey().length() > best.length())) {
                best = e.getKey();
            }
        }
        return best == null ? otherwise : best;
    }

    /** The path being read when parsing stopped (for syntax errors). */
    private String currentPath() {
        Frame top = stack.peek();
        if (top == null) {
            return "";
        }
        return top.list || top.field == null ? top.path : top.child();
    }

    /**
     * A YAML syntax error, met by this scan or by the parse after it, located where it can be fixed:
     * at the problem SnakeYAML found, or, when the file ended inside an open bracket or quote, at the
     * place that was left open.
     */
    InputError syntaxError(JsonProcessingException e, String displayName) {
        String path = currentPath();
        Throwable c = e;
        while (c != null && !(c instanceof MarkedYAMLException) && c.getCause() != c) {
            c = c.getCause();
        }
        if (c instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            String problem = y.getProblem() == null ? "invalid YAML" : y.getProblem().strip();
            String context = y.getContext() == null ? null : y.getContext().strip();
            org.yaml.snakeyaml.error.Mark at = y.getProblemMark();
            org.yaml.snakeyaml.error.Mark opened = y.getContextMark();
            boolean atEnd = problem.contains("<stream end>") || problem.contains("end of stream");
            String msg;
            if (problem.contains("\\t(TAB)")) {
                msg = "a tab character here: YAML is indented with spaces, not tabs";
            } else if (atEnd && opened != null && context != null) {
                at = opened;
                path = pathStartingAt(new Mark(opened.getLine() + 1, opened.getColumn() + 1), path);
                msg = "this " + opened(context) + " is never closed";
            } else if (problem.contains("<block end>") || problem.contains("mapping values are not allowed")) {
                msg = problem + ": check the indentation of this line"
                        + (problem.contains("mapping values") ? " (or quote a value that holds ': ')" : "");
            } else if (opened != null && context != null && (context.contains("flow mapping") || context.contains("flow sequence"))) {
                msg = problem + " (inside the " + opened(context) + " opened at line " + (opened.getLine() + 1) + ", column "
                        + (opened.getColumn() + 1) + ": is it closed?)";
            } else {
                msg = problem + (context == null || opened == null ? "" : " (" + context + " at line " + (opened.getLine() + 1) + ")");
            }
            return new InputError(displayName, new Mark(at.getLine() + 1, at.getColumn() + 1), path, "YAML syntax error: " + msg);
        }
        JsonLocation loc = e.getLocation();
        Mark mark = loc == null ? Mark.UNKNOWN : mark(loc);
        String msg = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
        // Jackson's words name its own classes and features: say what is wrong in the file's terms
        if (msg.startsWith("Malformed numeric value '")) {
            msg = msg.substring("Malformed numeric value ".length()).replaceAll("^('[^']*').*$", "$1") + " is not a finite number";
        } else if (msg.startsWith("Trailing token")) {
            msg = "a second YAML document starts here: a design, profile or study file holds one (no '---' between parts)";
        } else if (msg.startsWith("Expected a field name")) {
            msg = "a key that is a list, a mapping or an alias ('? ...', '*name'): a key is a plain name";
            Frame top = stack.peek();
            path = top == null ? "" : top.path; // the mapping that holds the key, not the key read before it
        }
        if (path.isEmpty() && loc != null) {
            // the tree's parse, after the scan, stopped at or just past a value: the last one to start on that line before it
            Map.Entry<String, Mark> at = null;
            for (Map.Entry<String, Mark> v : values.entrySet()) {
                Mark m = v.getValue();
                if (m.line() == mark.line() && m.column() <= mark.column() && (at == null || m.column() > at.getValue().column()
                        || m.column() == at.getValue().column() && v.getKey().length() > at.getKey().length())) {
                    at = v;
                }
            }
            if (at != null) {
                path = at.getKey();
                mark = at.getValue();
            }
        }
        return new InputError(displayName, mark, path, "YAML syntax error: " + msg);
    }

    /** "while parsing a flow sequence" → "'['". */
    private static String opened(String context) {
        if (context.contains("flow sequence")) {
            return "'['";
        }
        if (context.contains("flow mapping")) {
            return "'{'";
        }
        if (context.contains("quoted scalar")) {
            return "quote";
        }
        return "part (" + context.replace("while ", "") + ")";
    }

    /** Jackson's location (0 when unknown) as a 1-based mark. */
    private static Mark mark(JsonLocation loc) {
        return new Mark(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }
}
