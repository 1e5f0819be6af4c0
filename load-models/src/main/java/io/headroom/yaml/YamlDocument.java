package io.headroom.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A YAML file read for binding into configuration records, remembering where every key and value
 * stands so that any problem found later, by Jackson or by a record's own checks, can be reported
 * as {@code FILE:LINE:COL: PATH: message}. Nothing outside the binding layers reads raw YAML.
 *
 * <p>The positions come from one pass over the tokens ({@code YamlScan}, which also words YAML syntax
 * errors); Jackson's binding failures are retold in the user's terms by {@code BindingErrors}.
 */
public final class YamlDocument {
    private static final ObjectMapper MAPPER = configure(new YAMLMapper(new YAMLFactory()));

    /**
     * The name under which {@link #bind} offers this document's {@link #baseDir()} to a record that reads
     * files named relative to the YAML file (a trace): a creator parameter
     * {@code @JacksonInject(value = YamlDocument.BASE_DIR, useInput = OptBoolean.FALSE) Path baseDir}.
     */
    public static final String BASE_DIR = "headroom.yaml.baseDir";

    private final Path file;
    private final String displayName;
    private final JsonNode root;
    private final Map<String, Mark> keyMarks;
    private final Map<String, Mark> valueMarks;
    /** Parts of the tree set from another file (a study's variant): path → where that value was written. */
    private final Map<String, Origin> origins;

    private YamlDocument(Path file, String displayName, JsonNode root, Map<String, Mark> keyMarks, Map<String, Mark> valueMarks,
                         Map<String, Origin> origins) {
        this.file = file;
        this.displayName = displayName;
        this.root = root;
        this.keyMarks = keyMarks;
        this.valueMarks = valueMarks;
        this.origins = origins;
    }

    /**
     * Where a value written into this document from elsewhere came from: errors about it (or about
     * anything under it) are reported at that file and mark, with {@code note} appended to the message.
     */
    public record Origin(String file, Mark mark, String note) {
    }

    /**
     * This document with its tree replaced by {@code patchedRoot}, an edited copy (a study's variant of a
     * design). Errors keep pointing into this file, except under the paths of {@code origins}, whose
     * values were written elsewhere and are reported there.
     */
    public YamlDocument patched(JsonNode patchedRoot, Map<String, Origin> origins) {
        return new YamlDocument(file, displayName, patchedRoot, keyMarks, valueMarks, Map.copyOf(origins));
    }

    /**
     * This document with its tree replaced by {@code tree}, an edited copy that only leaves things out (a design's
     * components without their {@code regions}, read apart): positions and origins are kept, and binding errors judge
     * the tree that was bound.
     */
    public YamlDocument withTree(JsonNode tree) {
        return new YamlDocument(file, displayName, tree, keyMarks, valueMarks, origins);
    }

    /** The origin of the value at {@code path} when it, or a part of the tree above it, was set from elsewhere. */
    private Origin originOf(String path) {
        if (origins.isEmpty()) {
            return null;
        }
        String p = path;
        while (true) {
            Origin o = origins.get(p);
            if (o != null || p.isEmpty()) {
                return o;
            }
            p = YamlPaths.parent(p);
        }
    }

    /** The mapper every configuration record is bound with: strict, kebab-case keys, durations with units. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper configure(ObjectMapper m) {
        SimpleModule durations = new SimpleModule("headroom-durations");
        durations.addDeserializer(Duration.class, new DurationDeserializer());
        m.registerModule(durations);
        m.registerModule(new LazyBeans());
        m.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
        m.setAnnotationIntrospector(new Bounds.Introspector());
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
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notUtf8(file, name);
        } catch (IOException e) {
            throw new BadInputException(new InputError(name, Mark.UNKNOWN, "", "cannot read file: " + e.getMessage()));
        }
        return parse(file, name, text);
    }

    /** The first byte sequence of {@code file} that is not UTF-8, located by its line and column (of characters before it). */
    private static BadInputException notUtf8(Path file, String name) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
            java.nio.charset.CoderResult r = d.decode(in, out, true);
            if (!r.isError()) {
                r = d.flush(out);
            }
            out.flip();
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.limit(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            String at = in.position() < bytes.length ? String.format(" (byte 0x%02X)", bytes[in.position()] & 0xff) : "";
            return new BadInputException(new InputError(name, new Mark(line, column), "",
                    "not valid UTF-8" + at + ": save the file as UTF-8"));
        } catch (IOException e) {
            return new BadInputException(new InputError(name, Mark.UNKNOWN, "", "cannot read file: " + e.getMessage()));
        }
    }

    /**
     * Parses YAML text that stands for {@code file} (used by tests and by studies that patch a design).
     * Every key and text value must be {@link SafeText safe text}: valid Unicode, no control characters, bounded length.
     */
    public static YamlDocument parse(Path file, String displayName, String text) throws BadInputException {
        YamlScan scan = new YamlScan();
        JsonNode root;
        try {
            scan.run(text, displayName);
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(scan.syntaxError(e, displayName));
        } catch (IOException e) {
            throw new BadInputException(new InputError(displayName, Mark.UNKNOWN, "", "cannot read: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new BadInputException(new InputError(displayName, Mark.UNKNOWN, "", "the file is empty"));
        }
        if (!root.isObject()) {
            throw new BadInputException(new InputError(displayName, Mark.UNKNOWN, "", "expected a mapping (key: value lines) at the top level"));
        }
        YamlDocument doc = new YamlDocument(file, displayName, root, scan.keyMarks(), scan.valueMarks(), Map.of());
        List<InputError> unsafe = SafeText.check(doc);
        if (!unsafe.isEmpty()) {
            throw new BadInputException(unsafe);
        }
        return doc;
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
            p = YamlPaths.parent(p);
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

    /** An error located at the value of {@code path}. */
    public InputError error(String path, String message) {
        Origin o = originOf(path);
        if (o != null) {
            return new InputError(o.file(), o.mark(), path, message + o.note());
        }
        return new InputError(displayName, markOf(path), path, message);
    }

    /** An error located at the key of {@code path}. */
    public InputError keyError(String path, String message) {
        Origin o = originOf(path);
        if (o != null) {
            return new InputError(o.file(), o.mark(), path, message + o.note());
        }
        return new InputError(displayName, keyMarkOf(path), path, message);
    }

    /** Binds the whole document to a record type, turning every Jackson or record complaint into a located error. */
    public <T> T bind(Class<T> type) throws BadInputException {
        return bind(root, "", type);
    }

    /** Binds the node at {@code basePath} (a part of this document) to a record type. */
    public <T> T bind(JsonNode node, String basePath, Class<T> type) throws BadInputException {
        try {
            return MAPPER.reader(new InjectableValues.Std().addValue(BASE_DIR, baseDir())).treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw new BadInputException(new BindingErrors(this).of(e, basePath));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException(error(basePath, e.getMessage()));
        }
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
}
