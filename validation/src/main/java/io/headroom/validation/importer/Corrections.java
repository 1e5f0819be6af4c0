package io.headroom.validation.importer;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the import changed or left out of an export, and why, each with how often and a first example (a span and
 * where it is in its file), so that the report states every correction rather than hiding it.
 */
final class Corrections {

    /** A kind of correction, with the sentence the report says about it. */
    enum Kind {
        ORPHAN("spans whose parent is not in the export: each is taken as a request its service served (own time, calls),"
                + " not as an arrival"),
        SKEW_SHIFTED("spans outside their parent's interval in another process while no longer than it (clock skew): moved"
                + " inside it, with their descendants"),
        SHARED("shared server spans (Zipkin's B3: a server half with its client's id) split below their client span as ID-server"),
        CYCLE("spans whose parents form a cycle (no root above them): left out"),
        NAME_CLASH("names that became the same name once cleaned: told apart by a hash"),
        UNINSTRUMENTED("client spans with no server span below them (an uninstrumented callee): their time is the caller's own"),
        OTHER_ROOT("root spans at a service other than the entry: not arrivals (the design has one entry)"),
        DUPLICATE("spans whose id appeared earlier in the same trace: left out"),
        LATE("spans that arrived after their trace was closed (raise --grace; give several files oldest first): read as a"
                + " separate fragment"),
        CLOSED_EARLY("traces closed before the grace period ended because too many spans were open (raise --max-open-spans)"),
        OUT_OF_ORDER("server spans that reached the concurrency count after later ones (a trace longer than twice the grace)");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final EnumMap<Kind, Long> counts = new EnumMap<>(Kind.class);
    private final EnumMap<Kind, String> examples = new EnumMap<>(Kind.class);

    void add(Kind kind, String example) {
        counts.merge(kind, 1L, Long::sum);
        examples.putIfAbsent(kind, example);
    }

    void add(Kind kind, long n, String example) {
        if (n > 0) {
            counts.merge(kind, n, Long::sum);
            if (example != null) {
                examples.putIfAbsent(kind, example);
            }
        }
    }

    long count(Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Each correction made, in the order of {@link Kind}: its sentence with the count, and the first example. */
    Map<Kind, String> lines() {
        Map<Kind, String> out = new LinkedHashMap<>();
        counts.forEach((k, n) -> out.put(k, n + " " + k.text + (examples.get(k) != null ? " (first: " + examples.get(k) + ")" : "")));
        return out;
    }
}
