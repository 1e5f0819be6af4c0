package io.headroom.validation.importer;

import io.headroom.validation.traces.Span;
import java.util.regex.Pattern;

/**
 * The design's names for what traces call services and operations. An endpoint is the span's HTTP route
 * ({@code http.route} {@code /users/{id}} → {@code users/{id}}), else its name without a leading HTTP method
 * ({@code GET /page} → {@code page}); a name with characters a YAML key would have to quote keeps only letters,
 * digits and {@code _ . - / { }}, the rest becoming {@code -}; past 200 characters (a design key's limit) a name is cut and
 * ends in a hash of the whole.
 */
final class Names {
    private static final Pattern METHOD = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|CONNECT)\\s+",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX = 200;
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_./{}-]+");

    private Names() {
    }

    /** The endpoint a server span stands for. */
    static String endpoint(Span s) {
        String raw = s.route() != null && !s.route().isBlank() ? s.route() : METHOD.matcher(s.name() == null ? "" : s.name().trim())
                .replaceFirst("");
        return clean(raw, "root");
    }

    /** The component a service's spans become. */
    static String component(String service) {
        return clean(service, "unknown_service").replace('/', '-');
    }

    private static String clean(String raw, String empty) {
        String s = raw.trim();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        s = UNSAFE.matcher(s).replaceAll("-");
        if (s.length() > MAX) { // a design's keys are at most 200 characters: the rest is kept as a hash
            s = s.substring(0, MAX - 9) + "-" + String.format(java.util.Locale.ROOT, "%08x", raw.hashCode());
        }
        return s.isEmpty() ? empty : s;
    }
}
