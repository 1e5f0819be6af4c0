package io.headroom.design;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import io.headroom.yaml.TypeIdNames;
import java.util.Arrays;
import java.util.List;

/**
 * The kinds of component a design can hold: each goes by one name in YAML ({@code type:}) and is
 * bound to one record. This is the one place those names are written; the binding reads them
 * through {@link Resolver}, error messages list them from here, and the runtime keeps one factory
 * per constant. Adding a kind is a record, a constant here and its factory on the runtime side.
 */
public enum ComponentType {
    SERVICE("service", ServiceSpec.class),
    LOAD_BALANCER("load-balancer", LoadBalancerSpec.class),
    SHARDED_STORE("sharded-store", ShardedStoreSpec.class),
    CACHE("cache", CacheSpec.class),
    FUNCTION("function", FunctionSpec.class),
    DATABASE("database", DatabaseSpec.class),
    GLOBAL_ROUTER("global-router", GlobalRouterSpec.class),
    CDN("cdn", CdnSpec.class);

    private final String yamlName;
    private final Class<? extends ComponentSpec> record;

    ComponentType(String yamlName, Class<? extends ComponentSpec> record) {
        this.yamlName = yamlName;
        this.record = record;
    }

    /** What {@code type:} says for this kind. */
    public String yamlName() {
        return yamlName;
    }

    /** The record a component of this kind binds to. */
    public Class<? extends ComponentSpec> record() {
        return record;
    }

    /** The kind of a bound component. */
    public static ComponentType of(ComponentSpec spec) {
        return ofRecord(spec.getClass());
    }

    /** The kind whose record is {@code type}. */
    public static ComponentType ofRecord(Class<?> type) {
        for (ComponentType t : values()) {
            if (t.record == type) {
                return t;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not a component record");
    }

    /** The kind {@code type:} names, or null for a name that is none. */
    public static ComponentType named(String yamlName) {
        for (ComponentType t : values()) {
            if (t.yamlName.equals(yamlName)) {
                return t;
            }
        }
        return null;
    }

    /** Every YAML name, in declaration order. */
    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(ComponentType::yamlName).toList();
    }

    /** Binds {@code type:} to a record (an unknown name is left to Jackson, which reports it with {@link #typeIdNames}). */
    public static final class Resolver extends TypeIdResolverBase implements TypeIdNames {
        @Override
        public String idFromValue(Object value) {
            return ofRecord(value.getClass()).yamlName;
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> suggestedType) {
            return ofRecord(value != null ? value.getClass() : suggestedType).yamlName;
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) {
            ComponentType t = named(id);
            return t == null ? null : context.constructType(t.record);
        }

        @Override
        public String getDescForKnownTypeIds() {
            return String.join(", ", yamlNames());
        }

        @Override
        public List<String> typeIdNames() {
            return yamlNames();
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }
}
