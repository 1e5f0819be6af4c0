package io.headroom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.engine.Simulation;
import io.headroom.load.LoadProfile;
import io.headroom.random.RandomStreams;
import io.headroom.request.ClientRequests;
import io.headroom.request.Requests;
import io.headroom.service.ServiceStation;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's deployments made into versions of its station: each new version with the endpoints its
 * {@code new-version} gives (its calls reaching other components), a restart with the running endpoints; and a new
 * version's calls checked where they are written.
 */
class ServiceVersionsTest {
    private static final String DESIGN = """
            name: versions
            entry: api
            components:
              api:
                type: service
                replicas: 2
                concurrency: 4
                cores: 4
                endpoints:
                  browse:
                    demand: {dist: constant, value: 1ms}
                    calls: [{to: db}]
                deployments:
                  - at: 1m
                    strategy: rolling-update
                    new-version:
                      endpoints:
                        browse: {demand: {dist: constant, value: 3ms}, calls: [{to: search}]}
                  - at: 2m
                    strategy: recreate
              db:
                type: service
                concurrency: 8
                endpoints:
                  browse: {demand: {dist: constant, value: 1ms}}
              search:
                type: service
                concurrency: 8
                endpoints:
                  browse: {demand: {dist: constant, value: 2ms}}
            """;

    @Test
    void eachDeploymentMakesAVersionWithItsEndpointsAndCalls() throws BadInputException {
        Design design = read(DESIGN);
        Simulation sim = new Simulation();
        Requests req = new Requests(16, 1_000);
        Model model = ModelBuilder.build(design, Path.of("."), profile(), new RandomStreams(1), sim, req);
        ServiceStation api = model.stations().get("api");
        assertEquals(3, api.versions(), "version 0 and one per deployment");
        List<String> outcomes = new ArrayList<>();
        int client = ClientRequests.recording(req, outcomes);
        List<Long> sojourns = new ArrayList<>();
        api.setup().onLeave(sojourns::add);

        api.lifecycle().setVersion(1, 1);
        for (int k = 0; k < 4; k++) {
            api.accept(ClientRequests.counted(req, client, 0)); // round robin: instances 0, 1, 0, 1
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(2, model.stations().get("db").received(), "version 0 calls db");
        assertEquals(2, model.stations().get("search").received(), "version 1 calls search instead");
        assertEquals(List.of(2_000_000L, 2_000_000L, 5_000_000L, 5_000_000L), sojourns.stream().sorted().toList(),
                "1 ms + db's 1 ms at version 0; 3 ms + search's 2 ms at version 1");

        api.lifecycle().setVersion(1, 2); // the restart: the running endpoints again
        for (int k = 0; k < 2; k++) {
            api.accept(ClientRequests.counted(req, client, sim.now()));
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(4, model.stations().get("db").received());
        assertEquals(6, outcomes.size());
        assertTrue(outcomes.stream().allMatch(o -> o.contains(" ok at ")), outcomes.toString());
    }

    @Test
    void aNewVersionsCallsAreCheckedWhereTheyAreWritten() {
        BadInputException unknown = assertThrows(BadInputException.class, () -> read(DESIGN.replace("calls: [{to: search}]",
                "calls: [{to: serach}]")));
        assertEquals(List.of("design.yaml:18:73: components.api.deployments[0].new-version.endpoints.browse.calls[0].to:"
                + " 'serach' is not a component of this design (components: api, db, search)"), messages(unknown));
        BadInputException cycle = assertThrows(BadInputException.class, () -> read(DESIGN.replace(
                "browse: {demand: {dist: constant, value: 2ms}}", "browse: {demand: {dist: constant, value: 2ms}, calls: [{to: api}]}")));
        assertEquals(List.of("design.yaml:30:67: components.search.endpoints.browse.calls[0].to: this call closes a cycle:"
                + " api → search → api (a request would call itself for ever)"), messages(cycle), "a cycle only through the new version's call");
    }

    private static List<String> messages(BadInputException e) {
        return e.errors().stream().map(InputError::toString).toList();
    }

    private static Design read(String yaml) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml", yaml)).design();
    }

    private static LoadProfile profile() {
        try {
            return LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml", """
                    name: p
                    injection:
                      - constantUsersPerSec: {rate: 1, during: 10m}
                    """));
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }
}
