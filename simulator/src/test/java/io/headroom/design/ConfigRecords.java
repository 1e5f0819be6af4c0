package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration a user's YAML can reach: from the bound roots, every class the binder builds,
 * found by walking the parameters of each one's creator (its {@code @JsonCreator}, else a record's
 * canonical constructor), sealed families' permitted kinds and type arguments.
 */
final class ConfigRecords {
    private ConfigRecords() {
    }

    /** The classes reachable from {@code roots}, in the order found. */
    static Set<Class<?>> reachableFrom(Class<?>... roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(List.of(roots));
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                todo.addAll(Arrays.asList(p.getActualTypeArguments()));
                continue;
            }
            if (t instanceof WildcardType w) {
                todo.addAll(Arrays.asList(w.getUpperBounds()));
                continue;
            }
            if (!(t instanceof Class<?> c) || !c.getName().startsWith("io.headroom") || !seen.add(c)) {
                continue;
            }
            if (c.isAnnotationPresent(com.fasterxml.jackson.databind.annotation.JsonDeserialize.class)) {
                // read by a hand-written reader: the records it binds are nested in it
                todo.addAll(Arrays.stream(c.getDeclaredClasses()).filter(Class::isRecord).toList());
            }
            if (c.isSealed()) {
                todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
            }
            for (Parameter p : keys(c)) {
                todo.push(p.getParameterizedType());
            }
        }
        return seen;
    }

    /** The parameters the binder fills from YAML keys: the {@code @JsonCreator}'s (not a delegating one), else a record's canonical constructor's. */
    static List<Parameter> keys(Class<?> c) {
        List<Executable> creators = new ArrayList<>();
        creators.addAll(Arrays.asList(c.getDeclaredConstructors()));
        creators.addAll(Arrays.stream(c.getDeclaredMethods()).filter(m -> Modifier.isStatic(m.getModifiers())).toList());
        for (Executable e : creators) {
            JsonCreator jc = e.getAnnotation(JsonCreator.class);
            if (jc != null) {
                return jc.mode() == JsonCreator.Mode.DELEGATING ? List.of() : List.of(e.getParameters());
            }
        }
        if (c.isRecord()) {
            Class<?>[] types = Arrays.stream(c.getRecordComponents()).map(r -> r.getType()).toArray(Class<?>[]::new);
            try {
                return List.of(c.getDeclaredConstructor(types).getParameters());
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.of();
    }

    static boolean numeric(Type t) {
        String n = t.getTypeName();
        return n.matches(".*\\b(int|long|double|float|short|java\\.lang\\.(Integer|Long|Double|Float|Short))\\b.*")
                || n.contains("DataSize") || n.contains("Fraction");
    }
}
