package io.headroom.validation.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The system the fixture files in {@code src/test/resources/traces/} describe (see the README there), as the spans each
 * reader must give, and small helpers for the reader tests.
 */
final class TraceFixtures {
    static final long BASE_US = 1_765_000_000_000_000L;

    /** One span of the system: its trace (1–5), its role, its times in µs from the trace's start, its instance. */
    record Row(int trace, String role, long startUs, long endUs, String instance, boolean error) {
    }

    static final List<Row> ROWS = List.of(
            new Row(1, "root", 0, 25000, "frontend-1", false),
            new Row(1, "cc", 2000, 22000, "frontend-1", false),
            new Row(1, "cs", 2500, 21500, "catalog-1", false),
            new Row(2, "root", 0, 38000, "frontend-1", false),
            new Row(2, "cc", 2000, 24000, "frontend-1", false),
            new Row(2, "cs", 2400, 23600, "catalog-1", false),
            new Row(2, "rc", 2100, 35000, "frontend-1", false),
            new Row(2, "rs", 2600, 34500, "reviews-1", false),
            new Row(3, "root", 0, 41000, "frontend-1", false),
            new Row(3, "cc", 1500, 19500, "frontend-1", false),
            new Row(3, "cs", 1900, 19000, "catalog-1", false),
            new Row(3, "rc", 1600, 39000, "frontend-1", true),
            new Row(3, "rs", 2000, 38500, "reviews-1", true),
            new Row(4, "root", 0, 30000, "frontend-1", false),
            new Row(4, "cc", 3000, 27000, "frontend-1", false),
            new Row(4, "cs", 3500, 26500, "catalog-2", false),
            new Row(5, "root", 0, 36000, "frontend-1", false),
            new Row(5, "cc", 2000, 21000, "frontend-1", false),
            new Row(5, "cs", 2500, 20500, "catalog-2", false),
            new Row(5, "rc", 2200, 33000, "frontend-1", false),
            new Row(5, "rs", 2700, 32500, "reviews-1", false));

    private TraceFixtures() {
    }

    static String traceId(int k) {
        return "4bf92f3577b34da6a3ce929d0e0e473" + k;
    }

    static String spanId(int k, String role) {
        return "0000000000000" + k + code(role);
    }

    private static String code(String role) {
        return switch (role) {
            case "root" -> "01";
            case "cc" -> "02";
            case "cs" -> "03";
            case "rc" -> "04";
            default -> "05";
        };
    }

    private static String parentRole(String role) {
        return switch (role) {
            case "root" -> null;
            case "cc", "rc" -> "root";
            case "cs" -> "cc";
            default -> "rc";
        };
    }

    /**
     * The spans a reader must give for the fixture, without marks, sorted by trace and span id.
     *
     * @param zipkin Zipkin's conventions: instances are endpoint addresses, trace 2's server spans are shared ones
     *               split into {@code CLIENTID-server}
     */
    static List<Span> expected(boolean zipkin) {
        List<Span> out = new ArrayList<>();
        for (Row r : ROWS) {
            String parentRole = parentRole(r.role());
            String id = spanId(r.trace(), r.role());
            String parent = parentRole == null ? null : spanId(r.trace(), parentRole);
            boolean server = r.role().equals("root") || r.role().endsWith("s");
            if (zipkin && r.trace() == 2 && (r.role().equals("cs") || r.role().equals("rs"))) {
                id = parent + "-server";
            }
            String service = switch (r.role()) {
                case "root", "cc", "rc" -> "frontend";
                case "cs" -> "catalog";
                default -> "reviews";
            };
            String path = switch (r.role()) {
                case "root" -> "/page";
                case "cc", "cs" -> "/list";
                default -> "/top";
            };
            String instance = zipkin ? address(r.instance()) : r.instance();
            long start = (BASE_US + (r.trace() - 1) * 1_000_000L + r.startUs()) * 1000;
            long end = (BASE_US + (r.trace() - 1) * 1_000_000L + r.endUs()) * 1000;
            out.add(new Span(traceId(r.trace()), id, parent, service, instance, "GET " + path, server ? path : null,
                    server ? SpanKind.SERVER : SpanKind.CLIENT, start, end, r.error(), null));
        }
        out.sort(ORDER);
        return out;
    }

    static String address(String instance) {
        return switch (instance) {
            case "frontend-1" -> "10.0.0.1:8080";
            case "catalog-1" -> "10.0.0.2:8080";
            case "catalog-2" -> "10.0.0.3:8080";
            default -> "10.0.0.4:8080";
        };
    }

    static final Comparator<Span> ORDER = Comparator.comparing(Span::traceId).thenComparing(Span::spanId);

    /** The span without its mark, to compare with {@link #expected}. */
    static Span unmarked(Span s) {
        return new Span(s.traceId(), s.spanId(), s.parentId(), s.service(), s.instance(), s.name(), s.route(), s.kind(),
                s.startNs(), s.endNs(), s.error(), null);
    }

    static List<Span> sortedUnmarked(List<Span> spans) {
        return spans.stream().map(TraceFixtures::unmarked).sorted(ORDER).toList();
    }

    static Path fixture(String name) {
        try {
            return Path.of(TraceFixtures.class.getResource("/traces/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Span> read(SpanReader reader, Path file) throws IOException, BadInputException {
        List<Span> spans = new ArrayList<>();
        reader.read(file, spans::add);
        return spans;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The one located error reading {@code text} gives, as {@code FILE:LINE:COL: PATH: message}, the file's name cut. */
    static String error(SpanReader reader, Path dir, String text) throws IOException {
        Path file = write(dir, "bad.json", text);
        BadInputException e = assertThrows(BadInputException.class, () -> reader.read(file, s -> { }));
        assertEquals(1, e.errors().size());
        String f = e.errors().get(0).format();
        return f.substring(file.toString().length());
    }
}
