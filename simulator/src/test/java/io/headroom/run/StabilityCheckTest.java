package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.DispatchStrategy;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.request.ClientRequests;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import io.headroom.service.ServiceStation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The growth test on backlogs fed by hand between the midpoint and the horizon, and the component named when a run stops early. */
class StabilityCheckTest {
    private static final long S = 1_000_000_000L;

    private final Simulation sim = new Simulation();
    private final Requests req = new Requests(64, 10_000);
    private final int client = req.register(new RequestListener() {
        @Override
        public void completed(int r, long now) {
            req.release(r);
        }

        @Override
        public void failed(int r, ErrorCause cause, long now) {
            req.release(r);
        }
    });

    /** One instance of {@code workers} workers, queue {@code capacity} (-1: unbounded), each request waiting 1 s off-CPU. */
    private ServiceStation station(String name, int workers, int capacity) {
        return new ServiceStation(name, sim, req, 1, workers, 1, capacity, -1, new DurationSampler[] {null},
                new DurationSampler[] {() -> S}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(1)));
    }

    private void send(ServiceStation s, int n) {
        for (int k = 0; k < n; k++) {
            s.accept(ClientRequests.counted(req, client, sim.now()));
        }
    }

    @Test
    void growthBeyondFourSigmaOfLateArrivalsPlusTwoRoundsOfWorkersIsUnstable() {
        ServiceStation steady = station("steady", 1, -1);
        ServiceStation growing = station("growing", 1, -1);
        ServiceStation bounded = station("bounded", 1, 50);
        Map<String, ServiceStation> all = new LinkedHashMap<>();
        for (ServiceStation s : List.of(steady, growing, bounded)) {
            all.put(s.name(), s);
            send(s, 2);
        }
        StabilityCheck check = new StabilityCheck(all);
        check.midpoint(10 * S);
        // nothing is served (the clock stands still): each late arrival adds one to the backlog.
        // threshold 4 sqrt(n) + 2 x 1 replica x 1 worker: n = 19 -> 19.44 (19 is not beyond), n = 20 -> 19.89 (20 is)
        send(steady, 19);
        send(growing, 20);
        send(bounded, 40);
        check.horizonReached(20 * S);
        assertEquals(21, steady.inSystem());
        assertEquals(22, growing.inSystem());
        assertEquals(42, bounded.inSystem());

        List<String> unstable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        check.checkGrowth("steady", steady, -1, unstable, warnings);
        check.checkGrowth("growing", growing, -1, unstable, warnings);
        check.checkGrowth("bounded", bounded, -1, unstable, warnings);
        assertEquals(List.of("growing"), unstable, "a bounded queue sheds load instead: never flagged for growth");
        assertEquals(List.of("growing is unstable: its backlog grew by 20 requests over the second half of the measured"
                + " period and was still growing at the end (arrivals exceed what its 1 × 1 workers can serve, and its"
                + " queue is unbounded)"), warnings);

        check.checkGrowth("growing", growing, -1, unstable, warnings);
        assertEquals(1, unstable.size(), "named once");
        assertEquals(1, warnings.size());
        check.checkGrowth("growing", growing, 15 * S, new ArrayList<>(), warnings);
        assertEquals(1, warnings.size(), "a run stopped early is judged by where its requests are instead");
    }

    @Test
    void servedWorkCountsAgainstTheGrowthAndWorkersWidenTheAllowance() {
        ServiceStation served = station("served", 1, -1);
        ServiceStation wide = station("wide", 4, -1);
        StabilityCheck check = new StabilityCheck(Map.of("served", served, "wide", wide));
        check.midpoint(0);
        send(served, 25);
        send(wide, 25);
        sim.run(3 * S); // served finishes one request a second (3 by now); wide four a second (12, those done at 1, 2, 3 s)
        check.horizonReached(3 * S);
        assertEquals(22, served.inSystem());
        assertEquals(13, wide.inSystem());
        List<String> unstable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // served: growth 22 is not beyond 4 sqrt(25) + 2 x 1 = 22 (the boundary itself); wide: 13 against 4 x 5 + 2 x 4 = 28
        check.checkGrowth("served", served, -1, unstable, warnings);
        check.checkGrowth("wide", wide, -1, unstable, warnings);
        assertEquals(List.of(), unstable);
        assertEquals(List.of(), warnings);
    }

    @Test
    void withoutAMidpointNothingIsJudged() {
        ServiceStation s = station("s", 1, -1);
        StabilityCheck check = new StabilityCheck(Map.of("s", s));
        send(s, 100);
        check.horizonReached(0);
        List<String> unstable = new ArrayList<>();
        check.checkGrowth("s", s, -1, unstable, new ArrayList<>());
        assertEquals(List.of(), unstable, "a run that ended before its midpoint has no second half to compare");
    }

    @Test
    void aStoppedRunNamesTheComponentWhoseStationsHoldMostRequests() {
        ServiceStation a = station("a", 1, -1);
        ServiceStation b1 = station("b-1", 1, -1);
        ServiceStation b2 = station("b-2", 1, -1);
        send(a, 5);
        send(b1, 3);
        send(b2, 3);
        Map<String, List<ServiceStation>> units = new LinkedHashMap<>();
        units.put("a", List.of(a));
        units.put("b", List.of(b1, b2));
        List<String> unstable = new ArrayList<>(List.of("c"));
        List<String> warnings = new ArrayList<>();
        StabilityCheck.stoppedEarly(units, "entry", 90 * S, 60 * S, Duration.ofMinutes(10), 11, false, unstable, warnings);
        assertEquals(List.of("c", "b"), unstable, "b's two stations hold 6, a's one 5");
        assertEquals(List.of("stopped at 90s of 10m: 11 requests were in flight, most of them queued at b, whose queue"
                + " grows without bound; results cover the run up to that point"), warnings);

        StabilityCheck.stoppedEarly(units, "entry", 30 * S, 60 * S, Duration.ofMinutes(10), 11, false, unstable, warnings);
        assertEquals(List.of("c", "b"), unstable, "named once");
        assertEquals(3, warnings.size());
        assertEquals("the run stopped before the warm-up ended: nothing was measured", warnings.get(2));

        List<String> none = new ArrayList<>();
        StabilityCheck.stoppedEarly(Map.of(), "entry", 60 * S, 60 * S, Duration.ofMinutes(10), 11, false, none, new ArrayList<>());
        assertEquals(List.of("entry"), none, "no stations: the fallback is named");
    }
}
