package io.headroom.validation.importer;

import io.headroom.validation.traces.Span;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The design's names for what traces call services and operations. An endpoint is the span's HTTP route
 * ({@code http.route} {@code /users/{id}} → {@code users/{id}}), else its name without a leading HTTP method
 * ({@code GET /page} → {@code page}); a name with characters a YAML key would have to quote keeps only letters,
 * digits and {@code _ . - / { }}, the rest becoming {@code -}; past 200 characters (a design key's limit) a name is cut and
 * ends in a hash of the whole. Two spellings that clean to the same name (`svc one`, `svc-one`) are told apart: the later
 * one gets a hash of its spelling, stated as a correction.
 */
final class Names {
    private final Corrections corrections;
    /** Each name as the export spells it (a service, or a service and an endpoint) and the design's name for it. */
    private final Map<String, String> given = new HashMap<>();
    /** The design's names taken, and by what (so two spellings never share one). */
    private final Map<String, String> taken = new HashMap<>();

    Names(Corrections corrections) {
        this.corrections = corrections;
    }

    /** The component for a service, unique: a spelling whose clean name another spelling has gets a hash suffix. */
    String component(String service) {
        String raw = service == null ? "" : service;
        return given.computeIfAbsent("s\u0000" + raw, k -> unique("", component0(raw), raw));
    }

    /** The endpoint a server span of {@code component} stands for, unique within the component. */
    String endpoint(String component, Span s) {
        String raw = rawEndpoint(s);
        return given.computeIfAbsent("e\u0000" + component + "\u0000" + raw, k -> unique(component + "\u0000", endpoint0(raw), raw));
    }

    private String unique(String scope, String clean, String raw) {
        String owner = taken.putIfAbsent(scope + clean, raw);
        if (owner == null || owner.equals(raw)) {
            return clean;
        }
        String renamed = cut(clean, 191) + "-" + String.format(java.util.Locale.ROOT, "%08x", raw.hashCode());
        for (int salt = 2; taken.putIfAbsent(scope + renamed, raw) != null; salt++) { // two spellings of one hash
            renamed = cut(clean, 186) + "-" + String.format(java.util.Locale.ROOT, "%08x", raw.hashCode()) + "-" + salt;
        }
        corrections.add(Corrections.Kind.NAME_CLASH, "\"" + raw + "\" became " + renamed + " (\"" + owner + "\" is " + clean + ")");
        return renamed;
    }

    private static final Pattern METHOD = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|CONNECT)\\s+",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX = 200;
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_./{}-]+");

    private static String rawEndpoint(Span s) {
        return s.route() != null && !s.route().isBlank() ? s.route() : METHOD.matcher(s.name() == null ? "" : s.name().trim()).replaceFirst("");
    }

    private static String endpoint0(String raw) {
        return clean(raw, "root");
    }

    private static String component0(String service) {
        return clean(service, "unknown_service").replace('/', '-');
    }

    /** The clean form of a service's name, without telling spellings apart (to compare two spans' services). */
    static String component0Of(String service) {
        return component0(service == null ? "" : service);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
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
