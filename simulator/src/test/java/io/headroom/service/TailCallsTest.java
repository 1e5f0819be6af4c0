package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tail calls: which last calls qualify, the hand-on and the answer's way back, and the ordering rule for requests failed together. */
class TailCallsTest {

    private static CallPlan plan(boolean async, boolean parallel, long timeoutNs, DurationSampler latency) {
        return new CallPlan(new int[] {0, 0}, new int[] {1, 2}, new double[] {1, 1}, new DurationSampler[] {null, latency},
                new long[] {-1, timeoutNs}, new boolean[2], new RetryPolicy[] {RetryPolicy.NONE, RetryPolicy.NONE},
                new CircuitBreakerConfig[2], new BulkheadConfig[2], parallel, 2, async);
    }

    private static final RequestListener NOBODY = new RequestListener() {
        @Override
        public void completed(int r, long now) {
        }

        @Override
        public void failed(int r, ErrorCause cause, long now) {
        }
    };

    @Test
    void onlyAnAsyncSequencesUnguardedLastCallOfALoadRequestQualifies() {
        Simulation sim = new Simulation();
        Requests req = new Requests(8, 100);
        TailCalls t = new TailCalls(sim, req, req.register(NOBODY));
        CallPlan tail = plan(true, false, -1, null);
        t.configure(new Component[0], new CallPlan[] {tail, plan(false, false, -1, null), plan(true, true, -1, null),
                plan(true, false, 5, null), plan(true, false, -1, () -> 1)});
        int r = req.allocate();
        req.parent[r] = -1;
        for (int e = 0; e < 5; e++) {
            req.localEndpoint[r] = e;
            assertEquals(e == 0, t.applies(r, e, tail, 1, 0), "endpoint " + e);
        }
        req.localEndpoint[r] = 0;
        assertFalse(t.applies(r, 0, tail, 0, 0), "not the last call");
        assertFalse(t.applies(r, 0, tail, 1, 2), "with zones the answer crosses the network");
        req.parent[r] = 3;
        assertFalse(t.applies(r, 0, tail, 1, 0), "a call made for another request stays a call");
        req.parent[r] = -1;
        t.turnOff();
        assertFalse(t.applies(r, 0, tail, 1, 0), "off: what each version served is reported from the calls phase");
    }

    @Test
    void theRequestGoesOnAndComesBackToItsPreviousOwnerWithItsCallSlotGivenBack() {
        Simulation sim = new Simulation();
        Requests req = new Requests(8, 100);
        int client = req.register(NOBODY);
        int service = req.register(NOBODY);
        List<Integer> reached = new ArrayList<>();
        TailCalls t = new TailCalls(sim, req, service);
        CallPlan tail = plan(true, false, -1, null);
        Component callee = new Component() {
            @Override
            public String name() {
                return "callee";
            }

            @Override
            public void accept(int x) {
                reached.add(x);
            }
        };
        t.configure(new Component[] {callee}, new CallPlan[] {tail});
        int r = req.allocate();
        req.owner[r] = client;
        req.parent[r] = -1;
        req.counted[r] = true;
        t.handOn(r, tail, 1, 0);
        assertTrue(t.isTailCall(r));
        assertEquals(service, req.owner[r], "the service owns it while it is handed on");
        assertEquals(2, req.localEndpoint[r], "at the callee's endpoint");
        assertEquals(2, req.live(), "a slot stands for the call");
        assertEquals(1, req.callAttempts(0));
        assertTrue(reached.isEmpty(), "it reaches the callee by an event at this instant");
        sim.run(0);
        assertEquals(List.of(r), reached);
        t.answered(r);
        assertFalse(t.isTailCall(r));
        assertEquals(client, req.owner[r]);
        assertEquals(1, req.live());
    }

    @Test
    void requestsFailedTogetherGoInTheOrderOfTheirCallsSlots() {
        Requests req = new Requests(16, 100);
        for (int k = 0; k < 10; k++) {
            req.allocate();
        }
        // request 7 was handed on through the slot standing for its call, 1; 2 and 5 came as call records
        req.tailCall[7] = 1;
        int[] a = {9, 5, 2, 7};
        TailCalls.inCallOrder(req, a, 1, 4);
        assertArrayEquals(new int[] {9, 7, 2, 5}, a, "from index 1 on: 7 (by its call slot 1), 2, 5");
    }
}
