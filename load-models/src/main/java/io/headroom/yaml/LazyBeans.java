package io.headroom.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;

/**
 * Jackson builds the deserializer of a record together with those of every record it can hold, whether a document
 * holds them or not: binding a two-line design built those of clusters, regions, budgets, autoscaling policies...
 * (about a tenth of a second in a fresh JVM). With this module the deserializer of a configuration record held by
 * another is built when a document first holds one: until then a stand-in takes its place, which looks the real one up
 * (through the mapper's cache, as Jackson would have) on first use. What is bound, and every error, is the same.
 */
public final class LazyBeans extends Module {
    private static final String PACKAGE = "io.headroom.";
    /** The type whose real deserializer is being looked up on this thread: the stand-in is not offered for it. */
    private static final ThreadLocal<Class<?>> BUILDING = new ThreadLocal<>();

    @Override
    public String getModuleName() {
        return "headroom-lazy-beans";
    }

    @Override
    public com.fasterxml.jackson.core.Version version() {
        return com.fasterxml.jackson.core.Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
                Class<?> raw = type.getRawClass();
                if (!raw.isRecord() || !raw.getName().startsWith(PACKAGE) || BUILDING.get() == raw) {
                    return null;
                }
                return new StandIn(type);
            }
        });
    }

    /** The deserializer {@code d} stands in for (looked up now if it has not been), or {@code d} itself. */
    public static JsonDeserializer<?> real(JsonDeserializer<?> d, DeserializationContext ctxt) throws IOException {
        return d instanceof StandIn s ? s.real(ctxt) : d;
    }

    /** Stands in for a record's deserializer until a document holds one of its records. */
    private static final class StandIn extends JsonDeserializer<Object> {
        private final JavaType type;
        private volatile JsonDeserializer<Object> real;

        StandIn(JavaType type) {
            this.type = type;
        }

        JsonDeserializer<Object> real(DeserializationContext ctxt) throws IOException {
            JsonDeserializer<Object> d = real;
            if (d == null) {
                Class<?> before = BUILDING.get();
                BUILDING.set(type.getRawClass());
                try {
                    d = ctxt.findContextualValueDeserializer(type, null);
                } finally {
                    BUILDING.set(before);
                }
                real = d;
            }
            return d;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return real(ctxt).deserialize(p, ctxt);
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
                throws IOException {
            return real(ctxt).deserializeWithType(p, ctxt, typeDeserializer);
        }

        @Override
        public com.fasterxml.jackson.databind.util.AccessPattern getNullAccessPattern() {
            return com.fasterxml.jackson.databind.util.AccessPattern.ALWAYS_NULL; // as a record's own deserializer
        }

        @Override
        public Class<?> handledType() {
            return type.getRawClass();
        }

        @Override
        public boolean isCachable() {
            return false; // the real one is cached under the type, as Jackson caches it
        }
    }
}
