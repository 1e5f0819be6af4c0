package io.headroom.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML file read for binding into configuration records, remembering where every key and value
 * stands so that any problem found later, by Jackson or by a record's own checks, can be reported
 * as {@code FILE:LINE:COL: PATH: message}. Nothing outside the binding layers reads raw YAML.
 */
public final class YamlDocument {
    private static final ObjectMapper MAPPER = configure(new YAMLMapper(new YAMLFactory()));

    private final Path file;
    private final String displayName;
    private final JsonNode root;
    private final Map<String, Mark> keyMarks;
    private final Map<String, Mark> valueMarks;

    private YamlDocument(Path file, String displayName, JsonNode root, Map<String, Mark> keyMarks, Map<String, Mark> valueMarks) {
        this.file = file;
        this.displayName = displayName;
        this.root = root;
        this.keyMarks = keyMarks;
        this.valueMarks = valueMarks;
    }

    /** The mapper every configuration record is bound with: strict, kebab-case keys, durations with units. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper configure(ObjectMapper m) {
        SimpleModule durations = new SimpleModule("headroom-durations");
        durations.addDeserializer(Duration.class, new DurationDeserializer());
        m.registerModule(durations);
        m.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        m.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        m.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        m.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        m.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        m.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        return m;
    }

    static {
        // String "16" is not the number 16: YAML users who quote numbers made a mistake we should name.
        MAPPER.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    }

    /** Reads and parses a YAML file; a missing file or a syntax error is a located {@link BadInputException}. */
    public static YamlDocument read(Path file) throws BadInputException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "file not found"));
        } catch (IOException e) {
            throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "cannot read file: " + e.getMessage()));
        }
        return parse(file, name, text);
    }

    /** Parses YAML text that stands for {@code file} (used by tests and by studies that patch a design). */
    public static YamlDocument parse(Path file, String displayName, String text) throws BadInputException {
        Map<String, Mark> keys = new HashMap<>();
        Map<String, Mark> values = new HashMap<>();
        Scan scan = new Scan(keys, values);
        JsonNode root;
        try {
            scan.run(text, displayName);
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(syntaxError(e, displayName, scan));
        } catch (IOException e) {
            throw new BadInputException(new InputError(displayName, Mark.UNKNOWN, "", "cannot read: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new BadInputException(new InputError(displayName, Mark.UNKNOWN, "", "the file is empty"));
        }
        if (!root.isObject()) {
            throw new BadInputException(new InputError(displayName, Mark.UNKNOWN, "", "expected a mapping (key: value lines) at the top level"));
        }
        return new YamlDocument(file, displayName, root, keys, values);
    }

    /**
     * A YAML syntax error located where it can be fixed: at the problem SnakeYAML found, or, when the
     * file ended inside an open bracket or quote, at the place that was left open.
     */
    private static InputError syntaxError(JsonProcessingException e, String displayName, Scan scan) {
        String path = scan.currentPath();
        Throwable c = e;
        while (c != null && !(c instanceof org.yaml.snakeyaml.error.MarkedYAMLException) && c.getCause() != c) {
            c = c.getCause();
        }
        if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
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
                path = scan.pathStartingAt(new Mark(opened.getLine() + 1, opened.getColumn() + 1), path);
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
        Mark mark = loc == null ? Mark.UNKNOWN : new Mark(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
        String msg = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
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

    /**
     * Walks the token stream once, recording the position of every key and every value by its path,
     * and refusing a key given twice in one mapping (Jackson would keep the last one silently, or
     * report it without a path).
     */
    private static final class Scan {
        private static final com.fasterxml.jackson.core.JsonFactory FACTORY = YAMLFactory.builder()
                .disable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

        private final Map<String, Mark> keys;
        private final Map<String, Mark> values;
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
                return list ? path + "[" + index + "]" : join(path, field);
            }
        }

        Scan(Map<String, Mark> keys, Map<String, Mark> values) {
            this.keys = keys;
            this.values = values;
        }

        /** The path of the value that starts at {@code mark} (the deepest, if several do), else {@code otherwise}. */
        String pathStartingAt(Mark mark, String otherwise) {
            String best = null;
            for (Map.Entry<String, Mark> e : values.entrySet()) {
                if (e.getValue().equals(mark) && (best == null || e.getKey().length() > best.length())) {
                    best = e.getKey();
                }
            }
            return best == null ? otherwise : best;
        }

        /** The path being read when parsing stopped (for syntax errors). */
        String currentPath() {
            Frame top = stack.peek();
            if (top == null) {
                return "";
            }
            return top.list || top.field == null ? top.path : top.child();
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
                    values.putIfAbsent(path, here);
                    if (t == JsonToken.START_OBJECT) {
                        stack.push(new Frame(path, false));
                    } else if (t == JsonToken.START_ARRAY) {
                        stack.push(new Frame(path, true));
                    }
                }
            }
        }
    }

    private static Mark mark(JsonLocation loc) {
        return new Mark(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    private static String join(String parent, String key) {
        if (key == null || key.isEmpty()) {
            return parent;
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public Path file() {
        return file;
    }

    public String displayName() {
        return displayName;
    }

    public JsonNode root() {
        return root;
    }

    /** Directory that relative paths inside this file (traces, sample files) are resolved against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** Where the value at {@code path} starts; falls back to its key, then to the nearest ancestor. */
    public Mark markOf(String path) {
        String p = path;
        while (true) {
            Mark m = valueMarks.get(p);
            if (m == null) {
                m = keyMarks.get(p);
            }
            if (m != null) {
                return m;
            }
            if (p.isEmpty()) {
                return Mark.UNKNOWN;
            }
            p = parent(p);
        }
    }

    /** Where the key at {@code path} stands (for unknown keys); falls back to {@link #markOf}. */
    public Mark keyMarkOf(String path) {
        Mark m = keyMarks.get(path);
        return m != null ? m : markOf(path);
    }

    /** True when the file spells out this key (so defaults can be told from explicit values). */
    public boolean has(String path) {
        return keyMarks.containsKey(path) || valueMarks.containsKey(path);
    }

    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** An error located at the value of {@code path}. */
    public InputError error(String path, String message) {
        return new InputError(displayName, markOf(path), path, message);
    }

    /** An error located at the key of {@code path}. */
    public InputError keyError(String path, String message) {
        return new InputError(displayName, keyMarkOf(path), path, message);
    }

    /** Binds the whole document to a record type, turning every Jackson or record complaint into a located error. */
    public <T> T bind(Class<T> type) throws BadInputException {
        return bind(root, "", type);
    }

    /** Binds the node at {@code basePath} (a part of this document) to a record type. */
    public <T> T bind(JsonNode node, String basePath, Class<T> type) throws BadInputException {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            InputError error;
            try {
                error = translate(e, basePath);
            } catch (RuntimeException bug) {
                // A message less precise than it could be beats an internal error.
                error = error(basePath, firstLine(e.getOriginalMessage()));
            }
            throw new BadInputException(error);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException(error(basePath, e.getMessage()));
        }
    }

    private InputError translate(JsonMappingException e, String basePath) {
        // Jackson's path leaves out the key that names a wrapped subtype (an injection step's
        // "constantUsersPerSec"), so the path is rebuilt against the document as it goes.
        String p = basePath;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                p = join(intoWrapper(p, classOf(ref.getFrom())), ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                p = p + "[" + ref.getIndex() + "]";
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String keyPath = p.endsWith(u.getPropertyName()) ? p : join(intoWrapper(p, u.getReferringClass()), u.getPropertyName());
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return keyError(keyPath, unknownKey(u.getPropertyName(), known));
        }
        if (e instanceof InvalidTypeIdException t) {
            Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
            String kind = base == null ? "type" : describeKind(base);
            List<String> known = base == null ? List.of() : subtypeNames(base);
            String list = String.join(", ", known);
            if (base != null && isWrapped(base)) {
                JsonNode n = nodeAt(p);
                if (n == null || !n.isObject() || n.size() != 1) {
                    return wrapperShape(p, base, n);
                }
                String key = join(p, n.fieldNames().next());
                return keyError(key, "unknown " + kind + " '" + t.getTypeId() + "'" + suggestion(t.getTypeId(), known, "known: " + list));
            }
            String idPath = join(p, kind);
            if (t.getTypeId() == null || t.getTypeId().isEmpty() || !has(idPath)) {
                return new InputError(displayName, markOf(p), idPath, "missing required key '" + kind + "' (one of: " + list + ")");
            }
            return error(idPath, "unknown " + kind + " '" + t.getTypeId() + "'" + suggestion(t.getTypeId(), known, "known: " + list));
        }
        if (e instanceof ValueInstantiationException v) {
            Class<?> type = v.getType() == null ? null : v.getType().getRawClass();
            p = intoWrapper(p, type);
            // Jackson builds a record before it looks at the keys it did not know, so a misspelt key
            // ("concurency") first shows up as the real one missing: name the misspelling instead.
            InputError unknown = unknownKeyIn(p, type);
            if (unknown != null) {
                return unknown;
            }
            Throwable cause = v.getCause();
            while (cause != null && !(cause instanceof FieldError) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof FieldError f) {
                String fp = join(p, f.field());
                if (f.missing() && has(fp)) {
                    // "concurrency:" with nothing after it: the key is there, its value is not
                    return keyError(fp, "'" + f.field() + "' has no value");
                }
                return has(fp) ? error(fp, f.getMessage()) : new InputError(displayName, markOf(p), fp, f.getMessage());
            }
            String msg = cause == null ? v.getOriginalMessage() : cause.getMessage();
            return error(p, msg);
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                List<String> names = enumNames(target);
                return error(p, "'" + f.getValue() + "' is not one of: " + String.join(", ", names)
                        + suggestion(String.valueOf(f.getValue()), names, null));
            }
            if (target == Duration.class) {
                // Our own deserializer's messages are already phrased for users.
                return error(p, firstLine(f.getOriginalMessage()));
            }
            return error(p, "'" + f.getValue() + "' is not " + describe(target));
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            if (target != null && isWrapped(target)) {
                JsonNode n = nodeAt(p);
                if (n == null || !n.isObject() || n.size() != 1) {
                    return wrapperShape(p, target, n);
                }
                p = intoWrapper(p, target);
            }
            String found = foundAt(p);
            if (target != null && target.isEnum()) {
                return error(p, "expected one of: " + String.join(", ", enumNames(target)) + found);
            }
            return error(p, "expected " + describe(target) + found);
        }
        String original = firstLine(e.getOriginalMessage());
        if (original.startsWith("Numeric value (")) {
            JsonNode n = nodeAt(p);
            return error(p, "'" + (n == null ? "" : n.asText()) + "' is out of range"
                    + (original.contains("of int") ? " (at most " + Integer.MAX_VALUE + ")" : ""));
        }
        return error(p, original);
    }

    /** "unknown key 'concurency': did you mean 'concurrency'?", or the list of keys that are known. */
    private static String unknownKey(String key, List<String> known) {
        return "unknown key '" + key + "'" + suggestion(key, known, known.isEmpty() ? null : "known keys: " + String.join(", ", known));
    }

    /** ": did you mean 'x'?" for a near miss, else " (otherwise)", else nothing. */
    static String suggestion(String given, List<String> known, String otherwise) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        if (given != null) {
            for (String k : known) {
                int d = distance(given.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
                if (d < bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
        }
        if (best != null && bestDistance <= Math.max(1, Math.min(3, given.length() / 4))) {
            return ": did you mean '" + best + "'?";
        }
        return otherwise == null ? "" : " (" + otherwise + ")";
    }

    /** Levenshtein distance (edits to turn one word into the other). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The first key of the mapping at {@code path} that {@code type} does not know, as an error; or null. */
    private InputError unknownKeyIn(String path, Class<?> type) {
        JsonNode n = nodeAt(path);
        if (type == null || n == null || !n.isObject()) {
            return null;
        }
        List<String> known = knownKeys(type);
        if (known == null) {
            return null;
        }
        java.util.Set<String> allowed = new java.util.HashSet<>(known);
        allowed.addAll(typeIdKeys(type));
        for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                return keyError(join(path, key), unknownKey(key, known));
            }
        }
        return null;
    }

    /** The keys a record type binds, as Jackson spells them (kebab-case, renames applied); null if not a bean. */
    private static List<String> knownKeys(Class<?> type) {
        try {
            var ctxt = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) MAPPER.getDeserializationContext())
                    .createDummyInstance(MAPPER.getDeserializationConfig());
            var deser = ctxt.findContextualValueDeserializer(MAPPER.constructType(type), null);
            if (deser instanceof com.fasterxml.jackson.databind.deser.BeanDeserializerBase bean) {
                return bean.getKnownPropertyNames().stream().map(Object::toString).sorted().toList();
            }
        } catch (JsonMappingException | RuntimeException ignored) {
            // no better message than the original one
        }
        return null;
    }

    /** Keys that carry a type id in the mapping of {@code type} itself ("type", "dist"). */
    private static List<String> typeIdKeys(Class<?> type) {
        List<String> ids = new ArrayList<>();
        for (Class<?> c : supertypes(type)) {
            com.fasterxml.jackson.annotation.JsonTypeInfo info = c.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
            if (info != null && info.include() == com.fasterxml.jackson.annotation.JsonTypeInfo.As.PROPERTY) {
                ids.add(info.property().isEmpty() ? "@type" : info.property());
            }
        }
        return ids;
    }

    private static List<Class<?>> supertypes(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c == null || out.contains(c)) {
                continue;
            }
            out.add(c);
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(Arrays.asList(c.getInterfaces()));
        }
        return out;
    }

    /** The type family written as a one-key wrapper ({@code - stepName: {...}}) that {@code type} belongs to, or null. */
    private static Class<?> wrapperBase(Class<?> type) {
        if (type == null) {
            return null;
        }
        for (Class<?> c : supertypes(type)) {
            com.fasterxml.jackson.annotation.JsonTypeInfo info = c.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
            if (info != null && info.include() == com.fasterxml.jackson.annotation.JsonTypeInfo.As.WRAPPER_OBJECT) {
                return c;
            }
        }
        return null;
    }

    private static boolean isWrapped(Class<?> type) {
        return wrapperBase(type) != null;
    }

    /** {@code path} extended by the wrapping key when the mapping there is a one-key wrapper of {@code type}. */
    private String intoWrapper(String path, Class<?> type) {
        if (wrapperBase(type) == null) {
            return path;
        }
        JsonNode n = nodeAt(path);
        if (n != null && n.isObject() && n.size() == 1) {
            String key = n.fieldNames().next();
            JsonNode inner = n.get(key);
            if (inner != null && (inner.isObject() || inner.isValueNode() || inner.isArray())) {
                return join(path, key);
            }
        }
        return path;
    }

    /** A wrapped value (an injection step) that is not one key naming it. */
    private InputError wrapperShape(String path, Class<?> type, JsonNode n) {
        Class<?> base = wrapperBase(type);
        String kind = describeKind(base);
        List<String> names = subtypeNames(base);
        String example = names.isEmpty() ? "name" : names.get(0);
        if (n != null && n.isObject() && n.size() > 1) {
            java.util.Iterator<String> it = n.fieldNames();
            String first = it.next();
            String second = it.next();
            return keyError(join(path, second), "a second key in one " + kind + " (after '" + first
                    + "'): start each " + kind + " on its own '- ' line");
        }
        return error(path, "expected one key naming the " + kind + " (" + String.join(", ", names) + "), e.g. - "
                + example + ": {...}" + foundAt(path));
    }

    private static Class<?> classOf(Object from) {
        if (from == null) {
            return null;
        }
        return from instanceof Class<?> c ? c : from.getClass();
    }

    private String foundAt(String path) {
        JsonNode n = nodeAt(path);
        if (n == null || n.isMissingNode()) {
            return "";
        }
        if (n.isObject()) {
            return n.isEmpty() ? ", found an empty mapping" : ", found a mapping";
        }
        if (n.isArray()) {
            return ", found a list";
        }
        if (n.isNull()) {
            return ", found nothing";
        }
        if (n.isTextual() && looksLikeScalar(n.asText())) {
            return ", found the string \"" + n.asText() + "\" (write it without quotes)";
        }
        return ", found '" + n.asText() + "'";
    }

    private static boolean looksLikeScalar(String s) {
        return s.matches("\\s*[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*") || s.equals("true") || s.equals("false");
    }

    /** The node at a dotted/indexed path, or null. */
    public JsonNode nodeAt(String path) {
        JsonNode n = root;
        if (path.isEmpty()) {
            return n;
        }
        for (String part : path.split("\\.")) {
            String key = part;
            List<Integer> indexes = new ArrayList<>();
            int b = part.indexOf('[');
            if (b >= 0) {
                key = part.substring(0, b);
                for (String ix : part.substring(b + 1, part.length() - 1).split("\\]\\[")) {
                    indexes.add(Integer.parseInt(ix));
                }
            }
            if (!key.isEmpty()) {
                n = n == null ? null : n.get(key);
            }
            for (int ix : indexes) {
                n = n == null ? null : n.get(ix);
            }
        }
        return n;
    }

    private static String firstLine(String msg) {
        return msg == null ? "" : msg.lines().findFirst().orElse("");
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "a valid value";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (target == Double.class || target == double.class || target == Float.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Duration.class) {
            return "a duration";
        }
        if (List.class.isAssignableFrom(target)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord() || target.isInterface()) {
            return "a mapping (key: value)";
        }
        return "a " + target.getSimpleName();
    }

    private static String describeKind(Class<?> base) {
        com.fasterxml.jackson.annotation.JsonTypeInfo info = base.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
        if (info != null && info.include() == com.fasterxml.jackson.annotation.JsonTypeInfo.As.WRAPPER_OBJECT) {
            Describe d = base.getAnnotation(Describe.class);
            return d == null ? "type" : d.value();
        }
        return info == null || info.property().isEmpty() ? "type" : info.property();
    }

    private static List<String> subtypeNames(Class<?> base) {
        JsonSubTypes sub = base.getAnnotation(JsonSubTypes.class);
        if (sub == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonSubTypes.Type t : sub.value()) {
            names.add(t.name());
        }
        return names;
    }

    static List<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getFields()).filter(java.lang.reflect.Field::isEnumConstant).map(f -> {
            JsonProperty jp = f.getAnnotation(JsonProperty.class);
            return jp != null ? jp.value() : f.getName();
        }).toList();
    }
}
