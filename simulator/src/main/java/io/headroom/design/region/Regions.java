package io.headroom.design.region;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A design's {@code regions:}: its user populations, each named after the region its users are nearest to, in the
 * order written (a population's index), with the round trips between them and their outages; and where each
 * component runs ({@code placements}: a component's own {@code regions: [...]}, set by the design reader). The
 * round trip between two regions is the design's own figure (written on either side), else the bundled table's.
 */
public record Regions(Map<String, RegionSpec> byName, Map<String, List<String>> placements) {
    public Regions {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        placements = placements == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(placements));
    }

    /** {@code regions:} as written. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Regions of(LinkedHashMap<String, RegionSpec> written) {
        Map<String, RegionSpec> m = new LinkedHashMap<>();
        written.forEach((k, v) -> m.put(k, v == null ? new RegionSpec(null, null, null) : v));
        return new Regions(m, null);
    }

    /** These regions with the components' placements. */
    public Regions withPlacements(Map<String, List<String>> placements) {
        return new Regions(byName, placements);
    }

    /** The regions (and populations) in order. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Region {@code name}'s position, -1 if there is none. */
    public int indexOf(String name) {
        return names().indexOf(name);
    }

    /** The share of users in each region, in order. */
    public double[] users() {
        return byName.values().stream().mapToDouble(RegionSpec::users).toArray();
    }

    /** The regions component {@code name} runs in (null: not placed, a global component). */
    public List<String> placementOf(String name) {
        return placements.get(name);
    }

    /** The design's own round trip between {@code a} and {@code b} (either side may give it), else the bundled one; null if neither knows. */
    public Duration roundTrip(String a, String b) {
        if (a.equals(b)) {
            return Duration.ZERO;
        }
        RegionSpec ra = byName.get(a);
        RegionSpec rb = byName.get(b);
        if (ra != null && ra.roundTrips().containsKey(b)) {
            return ra.roundTrips().get(b);
        }
        if (rb != null && rb.roundTrips().containsKey(a)) {
            return rb.roundTrips().get(a);
        }
        return RoundTripTable.BUNDLED.between(a, b).orElse(null);
    }

    /** The round trips between every pair of regions in nanoseconds, by index (the reader has checked each is known). */
    public long[][] roundTripNanos() {
        List<String> n = names();
        long[][] out = new long[n.size()][n.size()];
        for (int i = 0; i < n.size(); i++) {
            for (int j = 0; j < n.size(); j++) {
                Duration d = roundTrip(n.get(i), n.get(j));
                out[i][j] = d == null ? 0 : d.toNanos();
            }
        }
        return out;
    }

    /** What component {@code base}'s copy in {@code region} is called: {@code base@region}, or {@code base} itself when it runs in one region. */
    public String regionalName(String base, String region) {
        List<String> in = placements.get(base);
        return in == null || in.size() <= 1 ? base : base + "@" + region;
    }

    /** The region a (regional copy of a) component runs in; null for a global one (a router, a CDN) or an unknown name. */
    public String regionOf(String component) {
        List<String> in = placements.get(component);
        if (in != null) {
            return in.size() == 1 ? in.get(0) : null;
        }
        int at = component.lastIndexOf('@');
        if (at > 0) {
            List<String> base = placements.get(component.substring(0, at));
            String region = component.substring(at + 1);
            if (base != null && base.contains(region)) {
                return region;
            }
        }
        return null;
    }

    /** The component a copy is a copy of ({@code api} for {@code api@eu-west-1}); the name itself otherwise. */
    public String baseOf(String component) {
        int at = component.lastIndexOf('@');
        if (at > 0 && placements.containsKey(component.substring(0, at)) && regionOf(component) != null) {
            return component.substring(0, at);
        }
        return component;
    }
}
