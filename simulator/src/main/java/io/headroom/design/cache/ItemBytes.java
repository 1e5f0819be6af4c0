package io.headroom.design.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.headroom.yaml.FieldError;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cached item's size as users write it, in the same forms as an endpoint's {@code request-size}:
 * {@code 512B}, {@code 4KB}, {@code 1.5MB}, {@code 2GB} (decimal units) or a plain number of bytes. (Its own
 * record, so that cache design depends on nothing of the design package above it.)
 */
public record ItemBytes(long bytes) implements io.headroom.yaml.Magnitude {
    private static final Pattern FORM = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|MB|GB)\\s*");

    public ItemBytes {
        if (bytes < 0) {
            throw new FieldError("", "a size cannot be negative, got " + bytes);
        }
    }

    @Override
    public double magnitude() {
        return bytes;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ItemBytes parse(Object value) {
        if (value instanceof Number n) {
            return new ItemBytes(n.longValue());
        }
        String text = String.valueOf(value);
        Matcher m = FORM.matcher(text.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new FieldError("", "'" + text + "' is not a size: write e.g. 512B, 4KB, 1.5MB or a number of bytes");
        }
        double unit = switch (m.group(2)) {
            case "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            default -> 1;
        };
        return new ItemBytes(Math.round(Double.parseDouble(m.group(1)) * unit));
    }
}
