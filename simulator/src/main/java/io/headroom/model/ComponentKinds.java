package io.headroom.model;

import io.headroom.design.ComponentSpec;
import io.headroom.design.ComponentType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The registry of component kinds at run time: one factory per {@link ComponentType}, the
 * type's YAML name and record being kept by the type itself. Adding a kind is its record and
 * constant in {@code design}, its factory class here, and one line below.
 */
public final class ComponentKinds {
    /** Every kind a design can name. */
    public static final ComponentKinds STANDARD = new ComponentKinds(Map.of(
            ComponentType.SERVICE, new ServiceFactory(),
            ComponentType.LOAD_BALANCER, new LoadBalancerFactory(),
            ComponentType.SHARDED_STORE, new ShardedStoreFactory(),
            ComponentType.CACHE, new CacheFactory(),
            ComponentType.FUNCTION, new FunctionFactory(),
            ComponentType.DATABASE, new DatabaseFactory(),
            ComponentType.GLOBAL_ROUTER, new GlobalRouterFactory(),
            ComponentType.CDN, new CdnFactory()));

    private final Map<ComponentType, ComponentFactory<?>> factories;

    ComponentKinds(Map<ComponentType, ComponentFactory<?>> factories) {
        this.factories = new EnumMap<>(ComponentType.class);
        this.factories.putAll(factories);
    }

    /** The factory of {@code type}. */
    public ComponentFactory<?> factory(ComponentType type) {
        ComponentFactory<?> f = factories.get(type);
        if (f == null) {
            throw new IllegalStateException("no factory for component type '" + type.yamlName() + "' ("
                    + type.record().getSimpleName() + ")");
        }
        return f;
    }

    /** The factory that builds {@code spec}'s kind, typed for it. */
    @SuppressWarnings("unchecked") // each factory is registered under the type whose record it takes
    public <S extends ComponentSpec> ComponentFactory<S> factoryOf(S spec) {
        return (ComponentFactory<S>) factory(ComponentType.of(spec));
    }
}
