package io.headroom.design.cost;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A design's cost allocation: the rule for shared costs ({@code cost-allocation: {shared: by-requests}}, the default)
 * and each component's {@code tags:} (taken out of the components before they are bound, as {@code regions:} is, so that
 * every kind may carry them; see {@link Tags}).
 *
 * @param shared how a cost that no tag names is split ({@link SharedRule#BY_REQUESTS} when not given)
 * @param tags   each tagged component's tags, by component name (a regional copy {@code name@region} keeps its base's)
 */
public record CostAllocationSpec(SharedRule shared, Map<String, Map<String, String>> tags) {
    public CostAllocationSpec {
        shared = shared == null ? SharedRule.BY_REQUESTS : shared;
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
        }
        tags = java.util.Collections.unmodifiableMap(copy);
    }

    /** The same rule with {@code t} as the components' tags. */
    public CostAllocationSpec withTags(Map<String, Map<String, String>> t) {
        return new CostAllocationSpec(shared, t);
    }

    /** Component {@code name}'s tags (a regional copy's are its base's), empty when it has none. */
    public Map<String, String> tagsOf(String name) {
        Map<String, String> t = tags.get(name);
        if (t == null && name.indexOf('@') > 0) {
            t = tags.get(name.substring(0, name.indexOf('@')));
        }
        return t == null ? Map.of() : t;
    }

    /** Every tag key some component carries, sorted. */
    public java.util.SortedSet<String> keys() {
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        tags.values().forEach(t -> keys.addAll(t.keySet()));
        return keys;
    }
}
