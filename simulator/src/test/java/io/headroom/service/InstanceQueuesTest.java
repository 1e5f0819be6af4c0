package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.engine.Simulation;
import io.headroom.request.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-instance FIFO queues on scripted sequences: order, capacity, the one deadline timer per instance, emptying. */
class InstanceQueuesTest {
    private final Simulation sim = new Simulation();
    private final Requests req = new Requests(16, 1_000);
    private final List<long[]> fired = new ArrayList<>(); // {instance, time}

    private InstanceQueues queues(int capacity, long timeoutNs) {
        InstanceQueues q = new InstanceQueues(req, sim.events(), i -> fired.add(new long[] {i, sim.now()}), capacity, timeoutNs);
        q.grow(2);
        return q;
    }

    @Test
    void firstInFirstOutPerInstanceWithACapacity() {
        InstanceQueues q = queues(2, 0);
        int a = req.allocate();
        int b = req.allocate();
        int c = req.allocate();
        q.add(a, 0, 0);
        q.add(c, 1, 0);
        assertFalse(q.full(0));
        q.add(b, 0, 1);
        assertTrue(q.full(0));
        assertFalse(q.full(1));
        assertEquals(2, q.length(0));
        assertEquals(3, q.total());
        assertEquals(a, q.poll(0));
        assertEquals(b, q.poll(0));
        assertEquals(0, q.length(0));
        assertEquals(1, q.total());
        assertFalse(q.unbounded());
        assertTrue(queues(-1, 0).unbounded());
        assertFalse(queues(-1, 5).unbounded());
        assertTrue(sim.events().isEmpty(), "no timeout: no timer");
    }

    @Test
    void oneTimerPerInstanceExpiresTheHeadsInDeadlineOrder() {
        InstanceQueues q = queues(-1, 10);
        int a = req.allocate();
        int b = req.allocate();
        int c = req.allocate();
        q.add(a, 0, 0);
        q.add(b, 0, 4);
        q.add(c, 0, 4);
        assertEquals(1, sim.events().size(), "the timer is armed once, for the head");
        assertEquals(10, req.deadline[a]);
        assertEquals(14, req.deadline[c]);
        sim.run(10);
        assertEquals(1, fired.size());
        assertEquals(10, fired.get(0)[1]);
        // the owner expires what is due and re-arms the timer for the next head
        assertTrue(q.headExpired(0, 10));
        assertEquals(a, q.poll(0));
        assertFalse(q.headExpired(0, 10));
        assertTrue(q.rearm(0));
        sim.run(100);
        assertEquals(14, fired.get(1)[1]);
        assertTrue(q.headExpired(0, 14));
        q.poll(0);
        assertTrue(q.headExpired(0, 14), "the same deadline: due at once too");
        q.poll(0);
        assertFalse(q.rearm(0), "empty: nothing to arm");
    }

    @Test
    void emptyingAnInstanceHandsItsRequestsOverInQueueOrderAndDisarmsItsTimer() {
        InstanceQueues q = queues(-1, 10);
        int[] r = {req.allocate(), req.allocate(), req.allocate()};
        for (int k = 0; k < 3; k++) {
            q.add(r[k], 1, k);
        }
        int[] into = new int[5];
        assertEquals(3, q.drainTo(1, into));
        assertEquals(r[0], into[0]);
        assertEquals(r[2], into[2]);
        assertEquals(0, q.total());
        assertTrue(sim.events().isEmpty());
        q.add(r[0], 1, 20);
        assertEquals(r[0], q.poll(1), "the emptied queue works on");
    }
}
