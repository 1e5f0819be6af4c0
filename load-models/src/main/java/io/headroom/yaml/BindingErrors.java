package io.headroom.yaml;

import static io.headroom.yaml.BoundTypes.describe;
import static io.headroom.yaml.BoundTypes.describeKind;
import static io.headroom.yaml.BoundTypes.enumNames;
import static io.headroom.yaml.BoundTypes.isWrapped;
import static io.headroom.yaml.BoundTypes.knownKeys;
import static io.headroom.yaml.BoundTypes.subtypeNames;
import static io.headroom.yaml.BoundTypes.typeIdKeys;
import static io.headroom.yaml.BoundTypes.wrapperBase;
import static io.headroom.yaml.Suggestions.suggestion;
import static io.headroom.yaml.Suggestions.unknownKey;
import static io.headroom.yaml.YamlPaths.join;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Jackson's complaints about a document, retold for the person who wrote it: each binding exception
 * becomes an {@link InputError} at the key or value to fix in that {@link YamlDocument}, with a
 * message in YAML terms (a misspelt key with its likely spelling, the kinds of injection step, "a
 * whole number" rather than a Java type), and a record's own {@link FieldError} placed at its field.
 */
final class BindingErrors {
    private final YamlDocument doc;

    BindingErrors(YamlDocument doc) {
        this.doc = doc;
    }

    /** The located error for a failure to bind the part of the document at {@code basePath}. */
    InputError of(JsonMappingException e, String basePath) {
        try {
            return translate(e, basePath);
        } catch (RuntimeException bug) {
            // A message less precise than it could be beats an internal error.
            return doc.error(basePath, firstLine(e.getOriginalMessage()));
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
            return doc.keyError(keyPath, unknownKey(u.getPropertyName(), known));
        }
        if (e instanceof InvalidTypeIdException t) {
            Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
            String kind = base == null ? "type" : describeKind(base);
            List<String> known = base == null ? List.of() : subtypeNames(base);
            String list = String.join(", ", known);
            if (base != null && isWrapped(base)) {
                JsonNode n = doc.nodeAt(p);
                if (n == null || !n.isObject() || n.size() != 1) {
                    return wrapperShape(p, base, n);
                }
                String key = join(p, n.fieldNames().next());
                return doc.keyError(key, "unknown " + kind + " '" + t.getTypeId() + "'" + suggestion(t.getTypeId(), known, "known: " + list));
            }
            String idPath = join(p, kind);
            if (t.getTypeId() == null || t.getTypeId().isEmpty() || !doc.has(idPath)) {
                return new InputError(doc.displayName(), doc.markOf(p), idPath, "missing required key '" + kind + "' (one of: " + list + ")");
            }
            return doc.error(idPath, "unknown " + kind + " '" + t.getTypeId() + "'" + suggestion(t.getTypeId(), known, "known: " + list));
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
                if (f.missing() && doc.has(fp)) {
                    // "concurrency:" with nothing after it: the key is there, its value is not
                    return doc.keyError(fp, "'" + f.field() + "' has no value");
                }
                return doc.has(fp) ? doc.error(fp, f.getMessage()) : new InputError(doc.displayName(), doc.markOf(p), fp, f.getMessage());
            }
            String msg = cause == null ? v.getOriginalMessage() : cause.getMessage();
            return doc.error(p, msg);
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                List<String> names = enumNames(target);
                return doc.error(p, "'" + f.getValue() + "' is not one of: " + String.join(", ", names)
                        + suggestion(String.valueOf(f.getValue()), names, null));
            }
            if (target == Duration.class || target == Quantities.class || target == Fraction.class) {
                // Our own deserializer's messages are already phrased for users.
                return doc.error(p, firstLine(f.getOriginalMessage()));
            }
            return doc.error(p, "'" + f.getValue() + "' is not " + describe(target));
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            if (target != null && isWrapped(target)) {
                JsonNode n = doc.nodeAt(p);
                if (n == null || !n.isObject() || n.size() != 1) {
                    return wrapperShape(p, target, n);
                }
                p = intoWrapper(p, target);
            }
            String found = foundAt(p);
            if (target != null && target.isEnum()) {
                return doc.error(p, "expected one of: " + String.join(", ", enumNames(target)) + found);
            }
            return doc.error(p, "expected " + describe(target) + found);
        }
        if (e.getCause() instanceof FieldError f) {
            // a value past its bound (Bounds), refused as it was read
            String fp = join(p, f.field());
            return doc.error(doc.has(fp) ? fp : p, f.getMessage());
        }
        String original = firstLine(e.getOriginalMessage());
        if (original.startsWith("Numeric value (")) {
            JsonNode n = doc.nodeAt(p);
            return doc.error(p, "'" + (n == null ? "" : n.asText()) + "' is out of range"
                    + (original.contains("of int") ? " (at most " + Integer.MAX_VALUE + ")" : ""));
        }
        return doc.error(p, original);
    }

    /** The first key of the mapping at {@code path} that {@code type} does not know, as an error; or null. */
    private InputError unknownKeyIn(String path, Class<?> type) {
        JsonNode n = doc.nodeAt(path);
        if (type == null || n == null || !n.isObject()) {
            return null;
        }
        List<String> known = knownKeys(type);
        if (known == null) {
            return null;
        }
        Set<String> allowed = new HashSet<>(known);
        allowed.addAll(typeIdKeys(type));
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                return doc.keyError(join(path, key), unknownKey(key, known));
            }
        }
        return null;
    }

    /** {@code path} extended by the wrapping key when the mapping there is a one-key wrapper of {@code type}. */
    private String intoWrapper(String path, Class<?> type) {
        if (wrapperBase(type) == null) {
            return path;
        }
        JsonNode n = doc.nodeAt(path);
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
            Iterator<String> it = n.fieldNames();
            String first = it.next();
            String second = it.next();
            return doc.keyError(join(path, second), "a second key in one " + kind + " (after '" + first
                    + "'): start each " + kind + " on its own '- ' line");
        }
        return doc.error(path, "expected one key naming the " + kind + " (" + String.join(", ", names) + "), e.g. - "
                + example + ": {...}" + foundAt(path));
    }

    /** ", found a list", ", found '7'": what the document holds at {@code path}, for "expected ..." messages. */
    private String foundAt(String path) {
        JsonNode n = doc.nodeAt(path);
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

    /** True for a quoted string that would have been a number or a boolean without its quotes. */
    private static boolean looksLikeScalar(String s) {
        return s.matches("\\s*[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*") || s.equals("true") || s.equals("false");
    }

    private static Class<?> classOf(Object from) {
        if (from == null) {
            return null;
        }
        return from instanceof Class<?> c ? c : from.getClass();
    }

    private static String firstLine(String msg) {
        return msg == null ? "" : msg.lines().findFirst().orElse("");
    }
}
