package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.DispatchStrategy;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.request.ClientRequests;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The facade on a scripted sequence: admission, rejection, a lost instance's requests, repair and drain, and the integrals. */
class ServiceStationTest {
    private final Simulation sim = new Simulation();
    private final Requests req = new Requests(16, 100);
    private final List<String> outcomes = new ArrayList<>();
    private final List<Integer> ended = new ArrayList<>();
    private final int client = ClientRequests.recording(req, outcomes);

    /** One instance, one worker, a queue of one, each request waiting 10 ns off-CPU. */
    private final ServiceStation station = new ServiceStation("s", sim, req, 1, 1, 1, 1, -1, new DurationSampler[] {null},
            new DurationSampler[] {() -> 10}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(1)));

    private int send() {
        int r = ClientRequests.counted(req, client, sim.now());
        station.accept(r);
        return r;
    }

    @Test
    void aLostInstanceFailsItsQueueThenItsWorkAndIsRepaired() {
        station.setup().onInstanceEnded((slot, now) -> ended.add(slot));
        int first = send();
        int second = send();
        int third = send();
        assertEquals(List.of(third + " REJECTED at 0"), outcomes, "worker busy, queue full");
        assertEquals(2, station.outstanding(0));
        sim.run(4);
        sim.advanceTo(4);
        station.lifecycle().lose(0, 4, true);
        assertEquals(List.of(third + " REJECTED at 0", second + " INSTANCE_LOST at 4", first + " INSTANCE_LOST at 4"), outcomes);
        assertEquals(2, station.lifecycle().lost());
        assertEquals(ServiceStation.DOWN, station.state(0));
        assertEquals(0, station.instances());
        ServiceAreas a = station.areas(4);
        assertEquals(4.0, a.busyWorkers());
        assertEquals(4.0, a.queued());
        assertEquals(8.0, a.inSystem());
        assertEquals(4.0, a.instances());
        assertEquals(4.0, a.servingWorkers());
        sim.run(100);
        assertEquals(3, outcomes.size(), "the lost request's wait was cancelled");

        sim.advanceTo(6);
        station.lifecycle().ready(0, 6);
        int fourth = send();
        sim.run(100);
        assertEquals(fourth + " ok at 16", outcomes.get(3));
        sim.advanceTo(20);
        station.lifecycle().drain(0, 20);
        assertEquals(List.of(0), ended, "drained holding nothing: ended at once");
        assertEquals(0, station.present());
        assertEquals(3, station.figures().arrivals());
        assertEquals(1, station.figures().rejected());
        assertEquals(4, station.figures().attempts());
        assertEquals(3, station.figures().departures());
        ServiceAreas b = station.areas(30).minus(a);
        assertEquals(10.0, b.busyWorkers(), "busy from 6 to 16");
        assertEquals(16.0, b.instances(), "billed down from 4 to 6, then ready until 20");
        assertEquals(14.0, b.servingWorkers(), "working from 6 to 20 only");
    }
}
