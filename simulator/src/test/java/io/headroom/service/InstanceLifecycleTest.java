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

/** Instances coming and going on scripted sequences: launch by zone, ready, drain (at once or once empty), loss and repair. */
class InstanceLifecycleTest {
    private final Simulation sim = new Simulation();
    private final Requests req = new Requests(16, 100);
    private final List<String> outcomes = new ArrayList<>();
    private final List<String> ended = new ArrayList<>();
    private final int client = ClientRequests.recording(req, outcomes);

    /** {@code workers} per instance, an unbounded queue, each request waiting 10 ns off-CPU. */
    private ServiceStation station(int replicas, int workers) {
        ServiceStation s = new ServiceStation("s", sim, req, replicas, workers, 1, -1, -1, new DurationSampler[] {null},
                new DurationSampler[] {() -> 10}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(1)));
        s.setup().onInstanceEnded((slot, now) -> ended.add(slot + "@" + now));
        return s;
    }

    private int send(ServiceStation s) {
        int r = ClientRequests.counted(req, client, sim.now());
        s.accept(r);
        return r;
    }

    @Test
    void launchesTakeTheirZonesSlotAndDrainingEndsAtOnceOrOnceEmpty() {
        ServiceStation s = station(1, 1);
        s.setup().setZones(3, null, null);
        int first = send(s); // at instance 0, done at 10
        sim.run(5);
        sim.advanceTo(5);
        int zoned = s.lifecycle().launch(5, 2);
        assertEquals(2, zoned, "zone 2's lowest free slot: 2 (slot i is in zone i mod 3)");
        int any = s.lifecycle().launch(5, -1);
        assertEquals(1, any, "any zone: the lowest free slot");
        assertEquals(ServiceStation.STARTING, s.state(2));
        assertEquals(ServiceStation.STARTING, s.state(1));
        assertEquals(3, s.present(), "starting instances are billed");
        assertEquals(1, s.instances(), "but take no work");
        assertEquals(3, s.slotCount());

        sim.advanceTo(6);
        s.lifecycle().drain(1, 6);
        assertEquals(List.of("1@6"), ended, "a starting instance drained ends at once");
        assertEquals(ServiceStation.FREE, s.state(1));
        assertEquals(2, s.present());

        sim.advanceTo(7);
        s.lifecycle().ready(2, 7);
        s.lifecycle().drain(0, 7);
        assertEquals(ServiceStation.DRAINING, s.state(0));
        assertEquals(List.of("1@6"), ended, "instance 0 still holds a request");
        assertEquals(1, s.instances());
        assertEquals(2, s.instanceAt(0), "only instance 2 takes work");
        int second = send(s);
        assertEquals(1, s.outstanding(2));
        assertEquals(1, s.outstanding(0));

        sim.run(100);
        assertEquals(List.of(first + " ok at 10", second + " ok at 17"), outcomes);
        assertEquals(List.of("1@6", "0@10"), ended, "the draining instance ended as its last request finished");
        assertEquals(ServiceStation.FREE, s.state(0));
        assertEquals(ServiceStation.READY, s.state(2));
        assertEquals(1, s.present());
        assertEquals(3, s.figures().peakPresent());
        assertEquals(0, s.lifecycle().lost());
    }

    @Test
    void aLostInstanceFailsItsQueueInQueueOrderThenItsWorkInCallOrder() {
        ServiceStation s = station(1, 2);
        // shape the free slots so that arrival order, queue order and slot order all differ: 3, 1, 2, 0 come next
        for (int k = 0; k < 4; k++) {
            req.allocate();
        }
        req.release(0);
        req.release(2);
        req.release(1);
        req.release(3);
        int a = send(s);
        int b = send(s);
        int c = send(s);
        int d = send(s);
        assertEquals(List.of(3, 1, 2, 0), List.of(a, b, c, d));
        assertEquals(2, s.figures().queued(), "two at work, two queued");
        sim.run(4);
        sim.advanceTo(4);
        s.lifecycle().lose(0, 4, false);
        assertEquals(List.of("2 INSTANCE_LOST at 4", "0 INSTANCE_LOST at 4", "1 INSTANCE_LOST at 4", "3 INSTANCE_LOST at 4"),
                outcomes, "queue first (2 then 0, as queued), then the work by slot (1 then 3), not by arrival");
        assertEquals(4, s.lifecycle().lost());
        assertEquals(List.of("0@4"), ended, "lost without repair: ended");
        assertEquals(ServiceStation.FREE, s.state(0));
        assertEquals(0, s.inSystem());
        assertEquals(0, s.figures().queued());
        assertEquals(0, s.outstanding(0));
        sim.run(100);
        assertEquals(4, outcomes.size(), "the lost requests' waits were cancelled");
        assertEquals(0, req.live());

        s.lifecycle().lose(0, 5, false);
        assertEquals(List.of("0@4"), ended, "losing a free slot does nothing");
        assertEquals(4, s.lifecycle().lost());
    }

    @Test
    void aRepairedInstanceStaysDownUntilReadyAndADownOneDrainedEndsAtOnce() {
        ServiceStation s = station(2, 1);
        int r = send(s);
        int at = req.instance[r];
        s.lifecycle().lose(at, 0, true);
        assertEquals(List.of(r + " INSTANCE_LOST at 0"), outcomes);
        assertEquals(ServiceStation.DOWN, s.state(at));
        assertEquals(List.of(), ended, "repaired: not ended");
        assertEquals(2, s.present(), "a down instance is still billed");
        assertEquals(1, s.instances());
        sim.advanceTo(3);
        s.lifecycle().ready(at, 3);
        assertEquals(2, s.instances());
        s.lifecycle().lose(at, 3, true);
        assertEquals(1, outcomes.size(), "lost holding nothing: nothing fails");
        sim.advanceTo(4);
        s.lifecycle().drain(at, 4);
        assertEquals(List.of(at + "@4"), ended);
        assertEquals(1, s.present());
        assertEquals(1, s.lifecycle().lost());
    }
}
