package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The work estimate, worked out by hand on small designs and profiles. */
class WorkEstimateTest {

    private static DesignReader.Loaded design(String yaml) throws Exception {
        return DesignReader.read(YamlDocument.parse(Path.of("d.yaml"), "d.yaml", yaml));
    }

    private static LoadProfile profile(String yaml) throws Exception {
        return LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml", yaml));
    }

    private static final String CACHED = String.join("\n",
            "name: cached",
            "entry: api",
            "components:",
            "  api:",
            "    type: service",
            "    concurrency: 4",
            "    endpoints:",
            "      get:",
            "        demand: {dist: exponential, mean: 2ms}",
            "        wait: {dist: constant, value: 0ms}",
            "        calls: [{to: cache}, {to: audit, p: 0.5, latency: {dist: constant, value: 1ms}}]",
            "  cache:",
            "    type: cache",
            "    eviction: fixed-hit-ratio",
            "    hit-ratio: 0.75",
            "    miss: store",
            "  store:",
            "    type: service",
            "    concurrency: 4",
            "    endpoints:",
            "      get: {wait: {dist: exponential, mean: 20ms}}",
            "  audit:",
            "    type: service",
            "    concurrency: 4",
            "    endpoints:",
            "      get: {demand: {dist: exponential, mean: 1ms}, wait: {dist: exponential, mean: 1ms}}",
            "");

    @Test
    void eventsPerRequestWalkTheCallGraph() throws Exception {
        var d = design(CACHED);
        var p = profile("name: p\ninjection:\n  - constantUsersPerSec: {rate: 100, during: 100s}\n"
                + "  - rampUsersPerSec: {from: 100, to: 300, during: 50s}\n  - atOnceUsers: {users: 500}\n");
        WorkEstimate w = WorkEstimate.of(d.design(), p);
        // users: 100 × 100 + 200 × 50 + 500 = 20,500
        assertEquals(20_500, w.users());
        assertEquals(20_500, w.requests());
        // per request: arrival 1 + api's demand 1 (its wait is always 0) + hand-off to the cache 1
        //   + misses 0.25 × (hand-off 1 + store's wait 1) + audit 0.5 × (hand-off 1 + network 1 + demand 1 + wait 1) = 5.5
        // plus the 10 s windows' closing events: 150 s / 10 s = 15
        assertEquals(20_500 * 5.5 + 15, w.events(), 1e-9);
        assertTrue(w.notes().isEmpty(), w.notes().toString());
    }

    @Test
    void aCacheWithoutAFixedHitRatioCountsItsMissPath() throws Exception {
        var d = design(CACHED.replace("    eviction: fixed-hit-ratio\n    hit-ratio: 0.75\n", "    eviction: lru\n    capacity: 100\n"));
        var p = profile("name: p\ninjection:\n  - constantUsersPerSec: {rate: 10, during: 10s}\n");
        WorkEstimate w = WorkEstimate.of(d.design(), p);
        // 1 + 1 + 1 + 1 × 2 + 0.5 × 4 = 7 per request, 100 requests, one window
        assertEquals(701, w.events(), 1e-9);
        assertEquals(1, w.notes().size());
        assertTrue(w.notes().get(0).contains("upper bound"), w.notes().get(0));
    }

    @Test
    void aClosedModelCyclesAtItsLeastTime() throws Exception {
        var d = design(CACHED);
        var p = profile("name: p\nclosed: {users: 50, think: {dist: constant, value: 1s}, during: 100s}\n");
        WorkEstimate w = WorkEstimate.of(d.design(), p);
        // least time of a request: 2 ms demand + 0.25 × 20 ms + 0.5 × (1 ms + 2 ms) = 8.5 ms; a cycle 1.0085 s
        assertEquals(50 * 100 / 1.0085, w.requests(), 1e-6);
    }

    @Test
    void theGoingOnOfUsersAndVusAfterEachAnswerIsCounted() throws Exception {
        // each answer to a user who goes on is one event (a same-instant hand-off): a k6 VU's with a mix, a closed
        // model's, a scenario's; a Gatling one-request user has none. Set against the events a run fires.
        var d = design(String.join("\n", "name: one", "entry: api", "components:", "  api:", "    type: service",
                "    concurrency: 64", "    endpoints: {get: {demand: {dist: exponential, mean: 2ms}}}", ""));
        for (String[] c : new String[][] {
                {"name: k6\nmix: {get: 1.0}\nscenarios:\n  s: {executor: constant-arrival-rate, rate: 50, timeUnit: 1s,"
                        + " duration: 60s, preAllocatedVUs: 20}\n", "3"},
                {"name: g\nmix: {get: 1.0}\ninjection:\n  - constantUsersPerSec: {rate: 50, during: 60s, randomized: true}\n", "2"}}) {
            LoadProfile p = profile(c[0]);
            WorkEstimate w = WorkEstimate.of(d.design(), p);
            RunResult r = Runner.run(d.design(), Path.of("."), p, 1, RunOptions.DEFAULTS, new io.headroom.metrics.WindowSeries());
            // 3,000 requests: arrival, demand (and the VU's going on) each, and the windows' closing events (k6 adds its 30 s graceful stop)
            assertEquals(3000 * Integer.parseInt(c[1]) + p.duration().toNanos() / 1e10, w.events(), 1e-6, c[0]);
            assertEquals(w.events(), r.events(), 0.02 * w.events(), c[0] + ": estimate " + w.events() + ", fired " + r.events());
        }
    }

    @Test
    void aScenarioCountsItsRequestsAndPauses() throws Exception {
        var d = design(CACHED);
        var p = profile("name: p\ninjection:\n  - constantUsersPerSec: {rate: 10, during: 10s}\nscenario:\n"
                + "  - repeat: 3\n    do:\n      - {request: get}\n      - {pause: {dist: constant, value: 1s}}\n"
                + "  - {request: get, p: 0.5}\n");
        WorkEstimate w = WorkEstimate.of(d.design(), p);
        assertEquals(100, w.users());
        assertEquals(350, w.requests());
        // per user: arrival 1 + 3.5 requests × (4.5 events + its answer's going on) + 3 pauses
        assertEquals(100 * (1 + 3.5 * 5.5 + 3) + 1, w.events(), 1e-9);
    }

    @Test
    void hugeProfilesAreEstimatedNotEnumerated() throws Exception {
        var d = design(CACHED);
        WorkEstimate rate = WorkEstimate.of(d.design(), profile("name: p\ninjection:\n  - constantUsersPerSec: {rate: 1000000000, during: 1m}\n"));
        assertEquals(6e10, rate.requests());
        WorkEstimate peak = WorkEstimate.of(d.design(), profile("name: p\ninjection:\n  - stressPeakUsers: {users: 1000000000000, during: 1m}\n"));
        assertEquals(1e12, peak.requests());
        WorkEstimate month = WorkEstimate.of(d.design(), profile("name: p\ninjection:\n  - constantUsersPerSec: {rate: 100, during: 30d}\n"));
        assertEquals(100.0 * 30 * 86_400, month.requests());
        // 5.5 events a request, and a window's close every 10 s
        assertEquals(100.0 * 30 * 86_400 * 5.5 + 3 * 86_400 / 10.0 * 10, month.events(), 1e-3);
        assertTrue(month.fits(WorkEstimate.DEFAULT_MAX_EVENTS));
        WorkEstimate forever = WorkEstimate.of(d.design(), profile("name: p\ninjection:\n  - constantUsersPerSec: {rate: 100, during: 3650d}\n"));
        assertFalse(forever.fits(WorkEstimate.DEFAULT_MAX_EVENTS));
        assertEquals(1_000_000_000L, peak.times(1_000_000_000L).runs());
        assertEquals(peak.events() * 1e9, peak.times(1_000_000_000L).totalEvents());
    }

    @Test
    void countsAndTimesReadAsPeopleWriteThem() {
        assertEquals("950", WorkEstimate.count(950));
        assertEquals("4.1 k", WorkEstimate.count(4_130));
        assertEquals("38 M", WorkEstimate.count(38.2e6));
        assertEquals("2.0 G", WorkEstimate.count(2e9));
        assertEquals("1.0e+18", WorkEstimate.count(1e18));
        assertEquals("unbounded", WorkEstimate.count(Double.POSITIVE_INFINITY));
        WorkEstimate w = new WorkEstimate(4.1e6, 4.1e6, 38e6, 1, java.util.List.of());
        assertEquals("work: ≈ 4.1 M requests, ≈ 38 M events, ≈ 10 s at 4.0 M events/s", w.line(1));
        assertEquals("work: ≈ 4.1 M requests, ≈ 38 M events per run × 10 runs = ≈ 380 M events, ≈ 48 s at 4.0 M events/s on 2 threads",
                w.times(10).line(2));
    }
}
