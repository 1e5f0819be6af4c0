package io.headroom.schema;

import io.headroom.yaml.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a configuration record's source says beyond its types, read from the {@code .java} file at build time so
 * that the schema has one source of truth: the record's javadoc (its first paragraph describes the mapping, its
 * {@code @param} lines the keys) and the plain statements of its compact constructor — a key required
 * ({@code FieldError.require}), positive ({@code FieldError.positive}) or not negative ({@code nonNegative}), a
 * default ({@code x = x == null ? 5 : x}), two keys that exclude each other or of which one is needed
 * ({@code if (a != null && b != null) throw}), a least value ({@code if (x < 1) throw}). Only statements at the
 * constructor's top level count: a check inside a condition depends on other keys, which the binder alone judges.
 */
final class RecordSource {
    /** The facts about one record, by record component name. */
    record Facts(String description, Map<String, String> params, Map<String, String> jsonNames, List<String> components,
                 List<String> required, List<String> positive, List<String> nonNegative, Map<String, String> defaults,
                 List<List<String>> exclusive, List<List<String>> oneNeeded, Map<String, Double> minimum,
                 Map<String, Double> exclusiveMinimum, List<String> nonEmpty, Map<String, Scalar> scalars) {
        static final Facts NONE = new Facts(null, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), Map.of(),
                List.of(), List.of(), Map.of(), Map.of(), List.of(), Map.of());
    }

    /**
     * A delegating creator that reads a scalar ({@code replicas: 4}), by its parameter's type ({@code int}, {@code double},
     * {@code String}): whether it refuses every value (it is there to word the error), and the least value it takes.
     */
    record Scalar(boolean refusesAll, Double minimum, Double exclusiveMinimum) {
    }

    private final List<Path> roots;
    private final Map<Class<?>, Facts> cache = new LinkedHashMap<>();

    /** Reads sources from these directories (each the root of a package tree, e.g. {@code simulator/src/main/java}). */
    RecordSource(List<Path> roots) {
        this.roots = roots;
    }

    Facts of(Class<?> type) {
        return cache.computeIfAbsent(type, this::read);
    }

    private Facts read(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        String rel = top.getName().replace('.', '/') + ".java";
        for (Path root : roots) {
            Path f = root.resolve(rel);
            if (Files.isRegularFile(f)) {
                try {
                    return withValues(parse(Files.readString(f), type.getSimpleName(), type.isRecord()), type);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Facts.NONE;
    }

    private static final Pattern VALUE = Pattern.compile("\\{@value #?(\\w+)\\}");

    /** The facts with each {@code {@value #CONSTANT}} of their text replaced by the constant, read from {@code type}. */
    private static Facts withValues(Facts f, Class<?> type) {
        Map<String, String> params = new LinkedHashMap<>();
        f.params().forEach((k, v) -> params.put(k, values(v, type)));
        return new Facts(values(f.description(), type), params, f.jsonNames(), f.components(), f.required(), f.positive(),
                f.nonNegative(), f.defaults(), f.exclusive(), f.oneNeeded(), f.minimum(), f.exclusiveMinimum(), f.nonEmpty(), f.scalars());
    }

    private static String values(String text, Class<?> type) {
        if (text == null) {
            return null;
        }
        Matcher m = VALUE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = m.group(1);
            try {
                Field field = type.getDeclaredField(m.group(1));
                field.setAccessible(true);
                Object o = field.get(null);
                v = o instanceof Duration d ? Durations.format(d) : String.valueOf(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left as its name
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*)", Pattern.DOTALL);

    static Facts parse(String src, String simpleName, boolean isRecord) {
        String code = blankComments(src);
        Matcher decl = Pattern.compile("(?m)^[ \\t]*(?:(?:public|private|protected|static|final|sealed|non-sealed|abstract)\\s+)*"
                + "(record|class|interface|enum)\\s+" + Pattern.quote(simpleName) + "\\b").matcher(code);
        if (!decl.find()) {
            return Facts.NONE;
        }
        int declStart = decl.start();
        String doc = javadocBefore(src, declStart);
        String description = null;
        Map<String, String> params = new LinkedHashMap<>();
        if (doc != null) {
            String[] parts = doc.split("(?m)^\\s*(?=@)");
            description = clean(firstParagraph(parts[0]));
            for (int i = 1; i < parts.length; i++) {
                Matcher m = PARAM.matcher(parts[i].trim());
                if (m.matches()) {
                    params.put(m.group(1), clean(m.group(2)));
                }
            }
        }
        if (!isRecord || !decl.group(1).equals("record")) {
            return new Facts(description, params, Map.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(),
                    Map.of(), Map.of(), List.of(), Map.of());
        }
        int open = code.indexOf('(', decl.end());
        int close = matching(code, open, '(', ')');
        Map<String, String> jsonNames = new LinkedHashMap<>();
        List<String> components = new ArrayList<>();
        String header = code.substring(open + 1, close);
        int at = 0;
        for (String p : splitTopLevel(header)) {
            String written = src.substring(open + 1 + at, open + 1 + at + p.length());
            at += p.length() + 1;
            Matcher name = Pattern.compile("(\\w+)\\s*$").matcher(p.trim());
            if (!name.find()) {
                continue;
            }
            components.add(name.group(1));
            Matcher jp = Pattern.compile("@JsonProperty\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"").matcher(written);
            if (jp.find()) {
                jsonNames.put(name.group(1), jp.group(1));
            }
        }
        int bodyOpen = code.indexOf('{', close);
        int bodyClose = matching(code, bodyOpen, '{', '}');
        Matcher ctor = Pattern.compile("(?m)^([ \\t]*)(?:public\\s+|protected\\s+|private\\s+)?" + Pattern.quote(simpleName) + "\\s*\\{")
                .matcher(code);
        ctor.region(bodyOpen, bodyClose);
        List<String> required = new ArrayList<>();
        List<String> positive = new ArrayList<>();
        List<String> nonNegative = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        List<List<String>> exclusive = new ArrayList<>();
        List<List<String>> oneNeeded = new ArrayList<>();
        Map<String, Double> minimum = new LinkedHashMap<>();
        Map<String, Double> exclusiveMinimum = new LinkedHashMap<>();
        List<String> nonEmpty = new ArrayList<>();
        Set<String> assigned = new HashSet<>();
        if (ctor.find()) {
            int cOpen = code.indexOf('{', ctor.end() - 1);
            int cClose = matching(code, cOpen, '{', '}');
            for (String st : topLevelStatements(code, src, cOpen + 1, cClose)) {
                String s = st.replaceAll("\\s+", " ").trim();
                Matcher m = Pattern.compile("^if \\((\\w+) != null\\) \\{ (FieldError\\.(?:positive|nonNegative)\\(\\1, \"[^\"]*\"\\);) \\}$")
                        .matcher(s);
                boolean guarded = m.matches();
                Matcher assignment = Pattern.compile("^(\\w+) = ").matcher(s);
                if (assignment.find()) {
                    assigned.add(assignment.group(1));
                }
                if (guarded) {
                    s = m.group(2); // a check of a key when it is given: the same check, but the key may be left out
                }
                if ((m = Pattern.compile("^FieldError\\.require\\((\\w+), \"").matcher(s)).find() && components.contains(m.group(1))
                        || (m = Pattern.compile("^if \\((\\w+) == null\\) \\{ throw new FieldError\\(").matcher(s)).find()
                        && components.contains(m.group(1))) {
                    required.add(m.group(1));
                } else if ((m = Pattern.compile("^if \\((?:(\\w+) != null && )?(\\w+)\\.isEmpty\\(\\)\\) \\{ throw new FieldError\\(").matcher(s))
                        .find() && components.contains(m.group(2)) && (m.group(1) == null || m.group(1).equals(m.group(2)))) {
                    nonEmpty.add(m.group(2));
                } else if ((m = Pattern.compile("^(?:\\w+ = )?FieldError\\.positive\\((\\w+), \"").matcher(s)).find()
                        && components.contains(m.group(1))) {
                    positive.add(m.group(1));
                    if (!guarded && !assigned.contains(m.group(1))) {
                        required.add(m.group(1)); // FieldError.positive requires the key too, unless a default was set before
                    }
                } else if ((m = Pattern.compile("^(?:\\w+ = )?FieldError\\.nonNegative\\((\\w+), \"").matcher(s)).find()
                        && components.contains(m.group(1))) {
                    nonNegative.add(m.group(1));
                    if (!guarded && !assigned.contains(m.group(1))) {
                        required.add(m.group(1));
                    }
                } else if ((m = Pattern.compile("^(\\w+) = \\1 == null \\? (.+) : (?:(?:FieldError\\.)?(positive|nonNegative)\\(\\1, \"[^\"]*\"\\)|\\1);$")
                        .matcher(s)).find() && components.contains(m.group(1))) {
                    defaults.put(m.group(1), m.group(2).trim());
                    if ("positive".equals(m.group(3))) {
                        positive.add(m.group(1));
                    } else if ("nonNegative".equals(m.group(3))) {
                        nonNegative.add(m.group(1));
                    }
                } else if ((m = Pattern.compile("^if \\((\\w+) != null && (\\w+) != null\\) \\{ throw ").matcher(s)).find()
                        && components.contains(m.group(1)) && components.contains(m.group(2))) {
                    exclusive.add(List.of(m.group(1), m.group(2)));
                } else if ((m = Pattern.compile("^if \\((\\w+) == null && (\\w+) == null\\) \\{ throw ").matcher(s)).find()
                        && components.contains(m.group(1)) && components.contains(m.group(2))) {
                    oneNeeded.add(List.of(m.group(1), m.group(2)));
                } else if ((m = Pattern.compile("^if \\((?:(\\w+) != null && )?(\\w+) (<|<=) (-?[0-9.]+)\\) \\{ throw ").matcher(s)).find()
                        && components.contains(m.group(2)) && (m.group(1) == null || m.group(1).equals(m.group(2)))) {
                    double bound = Double.parseDouble(m.group(4));
                    if (m.group(3).equals("<")) {
                        minimum.put(m.group(2), bound);
                    } else {
                        exclusiveMinimum.put(m.group(2), bound);
                    }
                }
            }
        }
        return new Facts(description, params, jsonNames, components, required, positive, nonNegative, defaults, exclusive, oneNeeded,
                minimum, exclusiveMinimum, nonEmpty, scalars(code, src, bodyOpen, bodyClose));
    }

    private static final Pattern DELEGATING = Pattern.compile("@JsonCreator\\(mode = JsonCreator\\.Mode\\.DELEGATING\\)\\s+"
            + "(?:public\\s+|private\\s+|protected\\s+)?static\\s+\\w+\\s+\\w+\\(\\s*(\\w+)\\s+(\\w+)\\s*\\)\\s*\\{");

    /** The record's own delegating creators of one scalar parameter (its body, not nested types'). */
    private static Map<String, Scalar> scalars(String code, String src, int bodyOpen, int bodyClose) {
        Map<String, Scalar> out = new LinkedHashMap<>();
        Matcher m = DELEGATING.matcher(src);
        m.region(bodyOpen, bodyClose);
        while (m.find()) {
            if (depth(code, bodyOpen, m.start()) != 1) {
                continue;
            }
            int open = m.end() - 1;
            int close = matching(code, open, '{', '}');
            List<String> body = topLevelStatements(code, src, open + 1, close);
            String first = body.isEmpty() ? "" : body.get(0).replaceAll("\\s+", " ").trim();
            String param = m.group(2);
            Double min = null;
            Double exMin = null;
            Matcher bound = Pattern.compile("^if \\(" + param + " (<|<=) (-?[0-9.]+)\\) \\{ throw ").matcher(first);
            if (bound.find()) {
                if (bound.group(1).equals("<")) {
                    min = Double.parseDouble(bound.group(2));
                } else {
                    exMin = Double.parseDouble(bound.group(2));
                }
            }
            out.put(m.group(1), new Scalar(first.startsWith("throw "), min, exMin));
        }
        return out;
    }

    /** How many braces are open at {@code at}, counted from {@code from}. */
    private static int depth(String code, int from, int at) {
        int d = 0;
        for (int i = from; i < at; i++) {
            if (code.charAt(i) == '{') {
                d++;
            } else if (code.charAt(i) == '}') {
                d--;
            }
        }
        return d;
    }

    /** The javadoc comment that ends just before {@code at} (annotations and blank space between allowed), or null. */
    private static String javadocBefore(String src, int at) {
        int end = src.lastIndexOf("*/", at);
        if (end < 0) {
            return null;
        }
        String between = src.substring(end + 2, at);
        if (!between.replaceAll("@\\w+(\\((?:[^()]|\\([^()]*\\))*\\))?", "").isBlank()) {
            return null;
        }
        int start = src.lastIndexOf("/**", end);
        if (start < 0) {
            return null;
        }
        String body = src.substring(start + 3, end);
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\n")) {
            out.append(line.replaceFirst("^\\s*\\*? ?", "")).append('\n');
        }
        return out.toString();
    }

    private static String firstParagraph(String text) {
        int p = text.indexOf("<p>");
        return p < 0 ? text : text.substring(0, p);
    }

    /** Javadoc into plain text for an editor's tooltip: inline tags to their text, whitespace collapsed. */
    static String clean(String text) {
        String t = text.replaceAll("\\{@(?:code|literal) ((?:[^{}]|\\{[^{}]*\\})*)\\}", "$1");
        t = t.replaceAll("\\{@link(?:plain)? (?:[\\w.]*#)?([\\w.]+)(?:\\([^)]*\\))?(?: ([^}]*))?\\}", "$1");
        t = t.replaceAll("<[^>]+>", "");
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        t = t.replaceAll("\\s+", " ").trim();
        return t.isEmpty() ? null : t;
    }

    /** {@code src} with comments, string and char literals blanked out (same length), so braces can be counted. */
    private static String blankComments(String src) {
        StringBuilder b = new StringBuilder(src);
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int e = src.indexOf("*/", i + 2);
                e = e < 0 ? n : e + 2;
                blank(b, i, e);
                i = e;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                int e = src.indexOf('\n', i);
                e = e < 0 ? n : e;
                blank(b, i, e);
                i = e;
            } else if (c == '"' && src.startsWith("\"\"\"", i)) {
                int e = src.indexOf("\"\"\"", i + 3);
                e = e < 0 ? n : e + 3;
                blank(b, i + 1, e - 1);
                i = e;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                blank(b, i + 1, Math.min(j, n));
                i = j + 1;
            } else {
                i++;
            }
        }
        return b.toString();
    }

    private static void blank(StringBuilder b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b.charAt(k) != '\n') {
                b.setCharAt(k, ' ');
            }
        }
    }

    private static int matching(String code, int open, char o, char c) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == o) {
                depth++;
            } else if (code.charAt(i) == c && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    private static List<String> splitTopLevel(String params) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(params.substring(start, i));
                start = i + 1;
            }
        }
        out.add(params.substring(start));
        return out;
    }

    /**
     * The statements directly inside a block, in the original text (string literals kept): each runs to its {@code ;} at the
     * block's depth, or, for one that opens a block of its own ({@code if (...) {...}}), to that block's end.
     */
    private static List<String> topLevelStatements(String code, String src, int from, int to) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int parens = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            char c = code.charAt(i);
            if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0 && parens == 0) {
                    int j = i + 1;
                    while (j < to && Character.isWhitespace(code.charAt(j))) {
                        j++;
                    }
                    if (!code.startsWith("else", j)) {
                        out.add(src.substring(start, i + 1));
                        start = i + 1;
                    }
                }
            } else if (c == ';' && depth == 0 && parens == 0) {
                out.add(src.substring(start, i + 1));
                start = i + 1;
            }
        }
        return out;
    }
}
