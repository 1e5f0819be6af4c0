package io.headroom.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of data as users write it: {@code 512B}, {@code 4KB}, {@code 1.5MB}, {@code 2GB}
 * (decimal units, as AWS bills data transfer), or a plain number of bytes: an endpoint's request and response
 * size, a cached item's size.
 */
public record DataSize(long bytes) implements Magnitude {
    private static final Pattern FORM = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|MB|GB)\\s*");

    public DataSize {
        if (bytes < 0) {
            throw new FieldError("", "a size cannot be negative, got " + bytes);
        }
    }

    @Override
    public double magnitude() {
        return bytes;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DataSize parse(Object value) {
        if (value instanceof Number n) {
            return new DataSize(n.longValue());
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
        return new DataSize(Math.round(Double.parseDouble(m.group(1)) * unit));
    }
}
