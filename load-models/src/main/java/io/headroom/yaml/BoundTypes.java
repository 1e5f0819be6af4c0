package io.headroom.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What a configuration type expects to find in YAML, read from its Jackson annotations and from the
 * deserializer {@link YamlDocument#mapper()} builds for it: the keys it knows, the key or wrapping
 * key that names its subtype, the names of its subtypes and enum constants; and how to call the
 * expected value in a message ("a whole number", "injection step").
 */
public final class BoundTypes {
    private BoundTypes() {
    }

    /** The keys a record type binds, as Jackson spells them (kebab-case, renames applied); null if not a bean. */
    static List<String> knownKeys(Class<?> type) {
        ObjectMapper mapper = YamlDocument.mapper();
        try {
            var ctxt = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createDummyInstance(mapper.getDeserializationConfig());
            var deser = LazyBeans.real(ctxt.findContextualValueDeserializer(mapper.constructType(type), null), ctxt);
            if (deser instanceof BeanDeserializerBase bean) {
                return bean.getKnownPropertyNames().stream().map(Object::toString).sorted().toList();
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // no better message than the original one
        }
        return null;
    }

    /** Keys that carry a type id in the mapping of {@code type} itself ("type", "dist"). */
    static List<String> typeIdKeys(Class<?> type) {
        List<String> ids = new ArrayList<>();
        for (Class<?> c : supertypes(type)) {
            JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
            if (info != null && info.include() == JsonTypeInfo.As.PROPERTY) {
                ids.add(info.property().isEmpty() ? "@type" : info.property());
            }
        }
        return ids;
    }

    /** {@code type} and every class and interface above it, breadth-first from {@code type}. */
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
    static Class<?> wrapperBase(Class<?> type) {
        if (type == null) {
            return null;
        }
        for (Class<?> c : supertypes(type)) {
            JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
            if (info != null && info.include() == JsonTypeInfo.As.WRAPPER_OBJECT) {
                return c;
            }
        }
        return null;
    }

    static boolean isWrapped(Class<?> type) {
        return wrapperBase(type) != null;
    }

    /** The value a target type expects, as a message names it ("a whole number", "a mapping (key: value)"). */
    static String describe(Class<?> target) {
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

    /** What one member of a polymorphic family is called: its {@link Describe} name if wrapped, else its type-id key. */
    static String describeKind(Class<?> base) {
        JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
        if (info != null && info.include() == JsonTypeInfo.As.WRAPPER_OBJECT) {
            Describe d = base.getAnnotation(Describe.class);
            return d == null ? "type" : d.value();
        }
        return info == null || info.property().isEmpty() ? "type" : info.property();
    }

    /** The type ids a polymorphic family accepts, in declaration order (its subtypes', or its resolver's). */
    static List<String> subtypeNames(Class<?> base) {
        JsonSubTypes sub = base.getAnnotation(JsonSubTypes.class);
        if (sub == null) {
            JsonTypeIdResolver custom = base.getAnnotation(JsonTypeIdResolver.class);
            if (custom != null && TypeIdNames.class.isAssignableFrom(custom.value())) {
                try {
                    return ((TypeIdNames) custom.value().getDeclaredConstructor().newInstance()).typeIdNames();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(custom.value() + " needs a public no-argument constructor", e);
                }
            }
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonSubTypes.Type t : sub.value()) {
            names.add(t.name());
        }
        return names;
    }

    /** An enum's constants as YAML spells them ({@link JsonProperty} renames applied). */
    /** The names an enum is written with in YAML: its {@code @JsonValue} accessor's, else {@code @JsonProperty}'s, else the constants'. */
    public static List<String> enumNames(Class<?> type) {
        for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
                m.setAccessible(true);
                return Arrays.stream(type.getEnumConstants()).map(c -> {
                    try {
                        return String.valueOf(m.invoke(c));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
            }
        }
        return Arrays.stream(type.getFields()).filter(Field::isEnumConstant).map(f -> {
            JsonProperty jp = f.getAnnotation(JsonProperty.class);
            return jp != null ? jp.value() : f.getName();
        }).toList();
    }
}
