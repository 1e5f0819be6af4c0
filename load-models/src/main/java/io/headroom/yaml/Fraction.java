package io.headroom.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A share of a whole as users write one: a fraction ({@code 0.6}) or the same as a percentage ({@code 60%}).
 * Thresholds, probabilities, ratios and utilisation targets take either; {@code 60%} is exactly {@code 0.6}.
 * A bare {@code 60} stays 60 — the record that reads it decides whether that can be meant (a utilisation
 * target cannot pass 1, and says "write 0.6 or 60%").
 *
 * <p>Where a value may also be a plain number in some unit (an autoscaling target: a fraction for {@code cpu},
 * requests per second for {@code rps}), the record binds a {@code Fraction} and reads {@link #percent()} to
 * refuse a percentage where it means nothing. A field that is always a fraction binds a {@code Double} with
 * {@code @JsonDeserialize(using = Fraction.Deserializer.class)}.
 *
 * @param value   the number, a percentage divided by 100
 * @param percent true when written with {@code %}
 */
public record Fraction(double value, boolean percent) implements Magnitude {
    @Override
    public double magnitude() {
        return value;
    }

    private static final Pattern PERCENT = Pattern.compile("\\s*([-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))\\s*%\\s*");

    /** A number as YAML gives it, or a string such as {@code 60%}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Fraction of(Object written) {
        if (written instanceof Number n) {
            return new Fraction(n.doubleValue(), false);
        }
        if (written instanceof String s) {
            try {
                return new Fraction(percentage(s), true);
            } catch (IllegalArgumentException e) {
                throw new FieldError("", e.getMessage());
            }
        }
        throw new FieldError("", "expected a number or a percentage (e.g. 0.6 or 60%)");
    }

    /** {@code 60%} as 0.6, or an {@link IllegalArgumentException} worded for the user. */
    public static double percentage(String text) {
        Matcher m = PERCENT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number or a percentage: write e.g. 0.6 or 60%");
        }
        return new BigDecimal(m.group(1)).movePointLeft(2).doubleValue();
    }

    /**
     * For a refused fraction that reads as a percentage written as a number ({@code 60}): {@code "; write 0.6 or 60%"};
     * otherwise nothing.
     */
    public static String hint(double v) {
        if (v > 1 && v <= 100) {
            return "; write " + FieldError.number(new BigDecimal(Double.toString(v)).movePointLeft(2).doubleValue()) + " or "
                    + FieldError.number(v) + "%";
        }
        return "";
    }

    /** Binds a {@code Double} that is always a fraction: a YAML number as it is, or a percentage string divided by 100. */
    public static final class Deserializer extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (t != JsonToken.VALUE_STRING) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            String text = p.getText();
            try {
                return percentage(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Fraction.class);
            }
        }
    }
}
