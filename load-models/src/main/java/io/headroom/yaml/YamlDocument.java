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
import java.util.stream.Collectors;

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
        JsonNode root;
        try {
            scanMarks(text, keys, values);
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            Mark mark = loc == null ? Mark.UNKNOWN : new Mark(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
            String msg = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
            throw new BadInputException(new InputError(displayName, mark, "", "YAML syntax error: " + msg));
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

    /** Walks the token stream once, recording the position of every key and every value by its path. */
    private static void scanMarks(String text, Map<String, Mark> keys, Map<String, Mark> values) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            Deque<String[]> stack = new ArrayDeque<>(); // {path, kind("o"/"a"), current field or index}
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Mark here = mark(p.currentTokenLocation());
                if (t == JsonToken.FIELD_NAME) {
                    String[] top = stack.peek();
                    top[2] = p.currentName();
                    keys.putIfAbsent(join(top[0], top[2]), here);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                String path = "";
                String[] top = stack.peek();
                if (top != null) {
                    if (top[1].equals("a")) {
                        int index = Integer.parseInt(top[2]) + 1;
                        top[2] = Integer.toString(index);
                        path = top[0] + "[" + index + "]";
                    } else {
                        path = join(top[0], top[2]);
                    }
                }
                values.putIfAbsent(path, here);
                if (t == JsonToken.START_OBJECT) {
                    stack.push(new String[] {path, "o", null});
                } else if (t == JsonToken.START_ARRAY) {
                    stack.push(new String[] {path, "a", "-1"});
                }
            }
        }
    }

    private static Mark mark(JsonLocation loc) {
        return new Mark(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    private static String join(String parent, String key) {
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
            throw new BadInputException(translate(e, basePath));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException(error(basePath, e.getMessage()));
        }
    }

    private InputError translate(JsonMappingException e, String basePath) {
        StringBuilder path = new StringBuilder(basePath);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String p = path.toString();
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            String keyPath = p.endsWith(u.getPropertyName()) ? p : join(p, u.getPropertyName());
            return keyError(keyPath, "unknown key '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known keys: " + known + ")"));
        }
        if (e instanceof InvalidTypeIdException t) {
            Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
            String kind = base == null ? "type" : describeKind(base);
            String known = base == null ? "" : String.join(", ", subtypeNames(base));
            if (t.getTypeId() == null || t.getTypeId().isEmpty()) {
                return error(p, "missing '" + kind + "' (one of: " + known + ")");
            }
            return error(p, "unknown " + kind + " '" + t.getTypeId() + "' (known: " + known + ")");
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            while (cause != null && !(cause instanceof FieldError) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof FieldError f) {
                String fp = join(p, f.field());
                return has(fp) ? error(fp, f.getMessage()) : new InputError(displayName, markOf(p), fp, f.getMessage());
            }
            String msg = cause == null ? v.getOriginalMessage() : cause.getMessage();
            return error(p, msg);
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return error(p, "'" + f.getValue() + "' is not one of: " + String.join(", ", enumNames(target)));
            }
            return error(p, "'" + f.getValue() + "' is not " + describe(target) + firstLine(f.getOriginalMessage(), target));
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            String found = foundAt(p);
            if (target != null && target.isEnum()) {
                return error(p, "expected one of: " + String.join(", ", enumNames(target)) + found);
            }
            return error(p, "expected " + describe(target) + found);
        }
        return error(p, firstLine(e.getOriginalMessage(), null));
    }

    private String foundAt(String path) {
        JsonNode n = nodeAt(path);
        if (n == null || n.isMissingNode()) {
            return "";
        }
        if (n.isObject()) {
            return ", found a mapping";
        }
        if (n.isArray()) {
            return ", found a list";
        }
        if (n.isNull()) {
            return ", found nothing";
        }
        return ", found '" + n.asText() + "'";
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

    private static String firstLine(String msg, Class<?> target) {
        if (msg == null) {
            return "";
        }
        String line = msg.lines().findFirst().orElse("");
        // Messages from our own deserializers are already phrased for users.
        return target == Duration.class ? ": " + line : (target == null ? line : "");
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
