package io.headroom.design.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled table of round-trip times between cloud regions ({@code io/headroom/regions/aws-round-trips.csv}:
 * {@code region_a,region_b,rtt_ms}, each unordered pair once; its source and date in {@code SOURCE.txt} beside it).
 * A design's {@code round-trips} override it pair by pair.
 */
public final class RoundTripTable {
    /** The table shipped with Headroom. */
    public static final RoundTripTable BUNDLED = load("/io/headroom/regions/aws-round-trips.csv");

    private final Map<String, Duration> pairs;

    private RoundTripTable(Map<String, Duration> pairs) {
        this.pairs = pairs;
    }

    private static RoundTripTable load(String resource) {
        Map<String, Duration> pairs = new HashMap<>();
        try (InputStream in = RoundTripTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled round-trip table " + resource + " is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("region_a,")) {
                    continue;
                }
                String[] f = line.split(",");
                long micros = Math.round(Double.parseDouble(f[2].trim()) * 1000);
                pairs.put(key(f[0].trim(), f[1].trim()), Duration.ofNanos(micros * 1000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RoundTripTable(pairs);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }

    /** The round trip between regions {@code a} and {@code b} (zero within one region), if the table has the pair. */
    public Optional<Duration> between(String a, String b) {
        if (a.equals(b)) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.ofNullable(pairs.get(key(a, b)));
    }

    /** Whether the table knows region {@code name} at all. */
    public boolean knows(String name) {
        for (String k : pairs.keySet()) {
            int space = k.indexOf(' ');
            if (k.substring(0, space).equals(name) || k.substring(space + 1).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
