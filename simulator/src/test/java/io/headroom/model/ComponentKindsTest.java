package io.headroom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CacheSpec;
import io.headroom.design.CallSpec;
import io.headroom.design.ComponentType;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.engine.Simulation;
import io.headroom.function.FunctionStation;
import io.headroom.load.LoadProfile;
import io.headroom.random.RandomStreams;
import io.headroom.request.Requests;
import io.headroom.service.CacheStation;
import io.headroom.service.LoadBalancerStation;
import io.headroom.service.ServiceStation;
import io.headroom.service.ShardedStore;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry of component kinds, and a model built through it from a design with one component of each kind. */
class ComponentKindsTest {
    private static final String DESIGN = """
            name: kinds
            entry: edge
            components:
              edge:
                type: load-balancer
                latency: {dist: constant, value: 1ms}
                target: api
              api:
                type: service
                replicas: 2
                concurrency: 4
                endpoints:
                  browse:
                    demand: {dist: constant, value: 1ms}
                    calls:
                      - {to: lookup}
                      - {to: orders, write: true}
                      - {to: thumbs}
                  search: {demand: {dist: constant, value: 1ms}}
              lookup:
                type: cache
                capacity: 100
                eviction: lru
                hit-latency: {dist: constant, value: 1ms}
                miss: db
              db:
                type: service
                concurrency: 2
                endpoints:
                  default: {demand: {dist: constant, value: 1ms}}
              orders:
                type: sharded-store
                shards: 3
                concurrency: 8
                demand: {dist: constant, value: 1ms}
              thumbs:
                type: function
                memory-mb: 512
                concurrency: 10
                cold-start: {dist: constant, value: 0ms}
                endpoints:
                  browse: {demand: {dist: constant, value: 5ms}}
            """;

    @Test
    void everyYamlTypeHasAFactoryForItsRecord() {
        for (ComponentType t : ComponentType.values()) {
            ComponentFactory<?> f = ComponentKinds.STANDARD.factory(t);
            assertNotNull(f, t.yamlName());
            assertEquals(t.record(), recordOf(f.getClass()), t.yamlName() + "'s factory takes another record");
        }
    }

    @Test
    void aKindWithoutAFactoryIsNamedByItsYamlType() {
        ComponentKinds partial = new ComponentKinds(Map.of(ComponentType.SERVICE, new ServiceFactory()));
        CacheSpec cache = (CacheSpec) read().components().get("lookup");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> partial.factoryOf(cache));
        assertEquals("no factory for component type 'cache' (CacheSpec)", e.getMessage());
        IllegalArgumentException notARecord = assertThrows(IllegalArgumentException.class, () -> ComponentType.ofRecord(String.class));
        assertEquals("java.lang.String is not a component record", notARecord.getMessage());
    }

    @Test
    void buildsEachKindAndItsStations() throws BadInputException {
        Design design = read();
        Model model = build(design);
        assertEquals(List.of("edge", "api", "lookup", "db", "orders", "thumbs"), model.componentNames());
        Object[] kinds = {LoadBalancerStation.class, ServiceStation.class, CacheStation.class, ServiceStation.class,
            ShardedStore.class, FunctionStation.class};
        for (int k = 0; k < kinds.length; k++) {
            assertInstanceOf((Class<?>) kinds[k], model.components()[k], model.componentNames().get(k));
        }
        // stations hold instances: services and the store's shards, in the design's order
        assertEquals(List.of("api", "db", "orders/shard-0", "orders/shard-1", "orders/shard-2"), List.copyOf(model.stations().keySet()));
        assertEquals(List.of("api", "db", "orders"), List.copyOf(model.units().keySet()));
        assertEquals(3, model.units().get("orders").size());
        assertTrue(model.isSharded("orders"));
        assertFalse(model.isSharded("api"));
        assertSame(model.components()[1], model.stations().get("api"));
        assertEquals(List.of("lookup"), List.copyOf(model.cacheStations().keySet()));
        assertEquals(model.stations().keySet(), model.fleets().keySet());
        assertEquals(2, model.stations().get("api").replicas());
        // nothing has an instance type: every instance-bearing component is unpriced, and nothing is billed
        assertEquals(List.of("api", "db", "orders"), model.unpriced());
        assertFalse(model.priced());
    }

    @Test
    void eachKindResolvesTheEndpointACallReaches() throws BadInputException {
        Design design = read();
        ModelBuilder probe = ModelBuilder.forDesign(design, Path.of("."), profile(), new RandomStreams(1), new Simulation(),
                new Requests(16, 100));
        assertEquals(0, probe.endpointOf(call("lookup", null, false), "browse"), "a cache has one endpoint");
        assertEquals(1, probe.endpointOf(call("orders", null, true), "browse"), "a store's write");
        assertEquals(0, probe.endpointOf(call("orders", null, false), "browse"), "a store's read");
        assertEquals(0, probe.endpointOf(call("thumbs", null, false), "browse"), "the function's endpoint of the caller's name");
        assertEquals(1, probe.endpointOf(call("edge", "search", false), "browse"), "through a balancer, its target's endpoint");
        assertEquals(0, probe.endpointOf(call("api", null, false), "browse"), "a service's endpoint of the caller's name");
        assertEquals("a call to db.browse, which the design does not have (use DesignReader for a located error)",
                assertThrows(IllegalArgumentException.class, () -> probe.endpointOf(call("db", null, false), "browse")).getMessage());
        assertEquals("a call to thumbs, which has no such endpoint (use DesignReader for a located error)",
                assertThrows(IllegalArgumentException.class, () -> probe.endpointOf(call("thumbs", "resize", false), "browse"))
                        .getMessage());
        assertEquals("a call to nowhere.browse, which the design does not have (use DesignReader for a located error)",
                assertThrows(IllegalArgumentException.class, () -> probe.endpointOf(call("nowhere", null, false), "browse"))
                        .getMessage());
    }

    private static CallSpec call(String to, String endpoint, boolean write) {
        String yaml = "{to: " + to + (endpoint == null ? "" : ", endpoint: " + endpoint) + (write ? ", write: true" : "") + "}";
        try {
            YamlDocument doc = YamlDocument.parse(Path.of("call.yaml"), "call.yaml", yaml);
            return doc.bind(CallSpec.class);
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }

    private static Model build(Design design) throws BadInputException {
        return ModelBuilder.build(design, Path.of("."), profile(), new RandomStreams(1), new Simulation(), new Requests(16, 100));
    }

    private static LoadProfile profile() {
        try {
            return LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml", """
                    name: p
                    injection:
                      - constantUsersPerSec: {rate: 1, during: 10s}
                    """));
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }

    private static Design read() {
        try {
            return DesignReader.read(YamlDocument.parse(Path.of("kinds.yaml"), "kinds.yaml", DESIGN)).design();
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }

    /** The record a factory class takes: the type argument of its {@link ComponentFactory} interface. */
    private static Type recordOf(Class<?> factory) {
        for (Type t : factory.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == ComponentFactory.class) {
                return p.getActualTypeArguments()[0];
            }
        }
        throw new AssertionError(factory + " implements no ComponentFactory<S>");
    }
}
