package io.headroom.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.ClassUtil;
import com.fasterxml.jackson.databind.util.Converter;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Applies {@link AtMost} while binding: Jackson reads each annotated key's value with its usual
 * deserializer, then hands it to a check that refuses a value past the bound with the bound's reason.
 * The refusal is a {@link FieldError} that {@link BindingErrors} places at the value. A short form that
 * a record reads itself ({@code replicas: 4}) calls {@link #check} with the component it fills.
 */
public final class Bounds {
    private Bounds() {
    }

    /** Refuses {@code value} when it passes the bound on component {@code component} of {@code type}. */
    public static void check(Class<? extends Record> type, String component, Object value) {
        for (java.lang.reflect.RecordComponent rc : type.getRecordComponents()) {
            if (rc.getName().equals(component)) {
                AtMost bound = rc.getAnnotation(AtMost.class);
                FieldError e = bound == null ? null : violation(value, bound);
                if (e != null) {
                    throw e;
                }
                return;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no component " + component);
    }

    /** The introspector the YAML mapper binds with: Jackson's, plus a check on every {@link AtMost} key. */
    static final class Introspector extends JacksonAnnotationIntrospector {
        @Override
        public Object findDeserializationConverter(Annotated a) {
            AtMost bound = _findAnnotation(a, AtMost.class);
            return bound == null || bound.byRecord() ? super.findDeserializationConverter(a) : new Check(a.getType(), bound);
        }

        /** A key read by its own deserializer ({@code @JsonDeserialize(using = ...)}) skips converters: its reader is wrapped instead. */
        @Override
        public Object findDeserializer(Annotated a) {
            Object own = super.findDeserializer(a);
            AtMost bound = _findAnnotation(a, AtMost.class);
            if (own == null || bound == null || bound.byRecord()) {
                return own;
            }
            JsonDeserializer<?> reader = own instanceof JsonDeserializer<?> d ? d
                    : (JsonDeserializer<?>) ClassUtil.createInstance((Class<?>) own, true);
            return new CheckedReader(reader, bound);
        }
    }

    /** A key's own reader, followed by its bound. */
    private static final class CheckedReader extends JsonDeserializer<Object> {
        private final JsonDeserializer<?> reader;
        private final AtMost bound;

        CheckedReader(JsonDeserializer<?> reader, AtMost bound) {
            this.reader = reader;
            this.bound = bound;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = reader.deserialize(p, ctxt);
            FieldError e = violation(value, bound);
            if (e != null) {
                throw e;
            }
            return value;
        }
    }

    /** Whether {@code value} (a number, duration, {@link Magnitude}, or a list or map of them) lies within {@code bound}; the error if not. */
    static FieldError violation(Object value, AtMost bound) {
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object v : c) {
                FieldError e = violation(v, bound);
                if (e != null) {
                    return new FieldError("[" + i + "]", e.getMessage());
                }
                i++;
            }
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> en : m.entrySet()) {
                FieldError e = violation(en.getValue(), bound);
                if (e != null) {
                    return new FieldError(String.valueOf(en.getKey()), e.getMessage());
                }
            }
            return null;
        }
        boolean over;
        String got;
        if (value instanceof Duration d) {
            over = d.compareTo(Durations.parse(bound.value())) > 0;
            got = Durations.format(d);
        } else if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            over = new java.math.BigDecimal(n).compareTo(new java.math.BigDecimal(bound.value().replace("_", ""))) > 0;
            got = Long.toString(n);
        } else if (value instanceof Number n) {
            over = n.doubleValue() > limit(bound);
            got = FieldError.number(n.doubleValue());
        } else if (value instanceof Magnitude m) {
            over = m.magnitude() > limit(bound);
            got = FieldError.number(m.magnitude());
        } else {
            return null;
        }
        return over ? new FieldError("", "at most " + bound.value() + ": " + bound.why() + "; got " + got) : null;
    }

    /** The bound of a number or magnitude. */
    static double limit(AtMost bound) {
        return Double.parseDouble(bound.value().replace("_", ""));
    }

    /** The check Jackson runs on one annotated key's value, typed as the key is. */
    private record Check(JavaType type, AtMost bound) implements Converter<Object, Object> {
        @Override
        public Object convert(Object value) {
            FieldError e = violation(value, bound);
            if (e != null) {
                throw e;
            }
            return value;
        }

        @Override
        public JavaType getInputType(TypeFactory tf) {
            return type;
        }

        @Override
        public JavaType getOutputType(TypeFactory tf) {
            return type;
        }
    }
}
