package io.headroom.design;

import io.headroom.yaml.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A system design: named components, the {@code entry} component that receives the load, and
 * optionally the {@code network} (zones and their latencies).
 * Bound from YAML by {@link DesignReader}, which also checks references between components.
 */
public record Design(String name, String description, String entry, Map<String, ComponentSpec> components, NetworkSpec network) {

    /** A design without zones. */
    public Design(String name, String description, String entry, Map<String, ComponentSpec> components) {
        this(name, description, entry, components, null);
    }

    public Design {
        FieldError.require(name, "name");
        FieldError.require(entry, "entry");
        if (components == null) {
            throw new FieldError("components", "missing required key 'components' (at least one component)");
        }
        if (components.isEmpty()) {
            throw new FieldError("components", "needs at least one component");
        }
        for (Map.Entry<String, ComponentSpec> e : components.entrySet()) {
            if (e.getValue() == null) {
                throw new FieldError("components." + e.getKey(), "component '" + e.getKey() + "' is empty: give it a type");
            }
        }
        components = new LinkedHashMap<>(components);
    }
}
