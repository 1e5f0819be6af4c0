package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.headroom.design.DispatchStrategy;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ClientRequests;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * The calls an endpoint makes, on a one-instance service without work of its own whose callees
 * answer by script: in order, in parallel and by quorum, async, failures, retries after a backoff
 * and attempt timeouts — each checked by the instant the request's outcome reaches its client.
 */
class CallOrchestratorTest {
    private static final long MS = 1_000_000L;

    /** A callee that answers each attempt after its scripted delay, as a success or with its scripted failure. */
    private static final class Callee implements Component {
        final Simulation sim;
        final Requests req;
        final long[] delays;
        final ErrorCause[] causes;
        final List<Long> accepted = new ArrayList<>();

        Callee(Simulation sim, Requests req, long[] delays, ErrorCause[] causes) {
            this.sim = sim;
            this.req = req;
            this.delays = delays;
            this.causes = causes;
        }

        @Override
        public String name() {
            return "callee";
        }

        @Override
        public void accept(int r) {
            int k = Math.min(accepted.size(), delays.length - 1);
            accepted.add(sim.now());
            req.instance[r] = 0;
            ErrorCause cause = causes == null ? null : causes[k];
            sim.events().once(x -> {
                if (cause == null) {
                    req.ownerOf(r).completed(r, sim.now());
                } else {
                    req.ownerOf(r).failed(r, cause, sim.now());
                }
            }, 0, sim.now() + delays[k]);
        }
    }

    /** A service with one endpoint and the given calls, its callees, and a client that records outcomes. */
    private static final class Bench implements RequestListener {
        final Simulation sim = new Simulation();
        final Requests req = new Requests(64, 1_000);
        final ServiceStation station = new ServiceStation("app", sim, req, 1, 4, 4, -1, -1, new DurationSampler[] {null},
                new DurationSampler[] {null}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(1)));
        final int owner = req.register(this);
        final List<Callee> callees = new ArrayList<>();
        long outcomeAt = -1;
        ErrorCause cause;
        int outcomes;

        Callee callee(long[] delaysMs, ErrorCause... causes) {
            long[] ns = new long[delaysMs.length];
            for (int k = 0; k < ns.length; k++) {
                ns[k] = delaysMs[k] * MS;
            }
            Callee c = new Callee(sim, req, ns, causes.length == 0 ? null : causes);
            callees.add(c);
            return c;
        }

        void wire(CallPlan plan) {
            station.setup().wire(callees.toArray(Component[]::new), new CallPlan[] {plan}, new MersenneTwister(2));
        }

        /** Sends one request at time 0 and runs to the end; returns the instant its outcome reached the client, in ms. */
        double run() {
            station.accept(ClientRequests.counted(req, owner, sim.now()));
            sim.run(Long.MAX_VALUE);
            assertEquals(1, outcomes, "one outcome");
            assertEquals(0, req.live(), "every call slot given back");
            return (double) outcomeAt / MS;
        }

        @Override
        public void completed(int r, long now) {
            outcomes++;
            outcomeAt = now;
            req.release(r);
        }

        @Override
        public void failed(int r, ErrorCause c, long now) {
            outcomes++;
            outcomeAt = now;
            cause = c;
            req.release(r);
        }
    }

    private static CallPlan plan(boolean parallel, int needed, boolean async, long[] timeoutsMs, RetryPolicy retry, int calls) {
        int[] targets = new int[calls];
        long[] timeouts = new long[calls];
        RetryPolicy[] retries = new RetryPolicy[calls];
        double[] p = new double[calls];
        for (int c = 0; c < calls; c++) {
            targets[c] = c;
            timeouts[c] = timeoutsMs == null ? -1 : timeoutsMs[c] * MS;
            retries[c] = retry;
            p[c] = 1;
        }
        return new CallPlan(targets, new int[calls], p, new DurationSampler[calls], timeouts, new boolean[calls], retries,
                new CircuitBreakerConfig[calls], new BulkheadConfig[calls], parallel, needed, async);
    }

    @Test
    void inOrderCallsFollowOneAnother() {
        Bench b = new Bench();
        Callee a = b.callee(new long[] {3});
        Callee c = b.callee(new long[] {5});
        b.wire(plan(false, 2, false, null, RetryPolicy.NONE, 2));
        assertEquals(8.0, b.run());
        assertNull(b.cause);
        assertEquals(3 * MS, c.accepted.get(0), "the second call leaves when the first is answered");
        assertEquals(1, a.accepted.size());
        // the worker was held for the whole 8 ms
        assertEquals(8.0 * MS, b.station.areas(8 * MS).busyWorkers());
    }

    @Test
    void anAsyncEndpointFreesItsWorkerAndItsLastCallHandsTheRequestOn() {
        Bench b = new Bench();
        b.callee(new long[] {3});
        Callee last = b.callee(new long[] {5});
        b.wire(plan(false, 2, true, null, RetryPolicy.NONE, 2));
        assertEquals(8.0, b.run());
        assertEquals(0.0, b.station.areas(8 * MS).busyWorkers(), "no worker held while calling");
        assertEquals(1, last.accepted.size());
    }

    @Test
    void parallelCallsWaitForAllOrForTheirQuorum() {
        Bench all = new Bench();
        all.callee(new long[] {3});
        all.callee(new long[] {5});
        all.callee(new long[] {4});
        all.wire(plan(true, 3, false, null, RetryPolicy.NONE, 3));
        assertEquals(5.0, all.run());

        Bench quorum = new Bench();
        quorum.callee(new long[] {3});
        quorum.callee(new long[] {5});
        quorum.callee(new long[] {4});
        quorum.wire(plan(true, 2, false, null, RetryPolicy.NONE, 3));
        assertEquals(4.0, quorum.run(), "two of three: the second answer");

        Bench lost = new Bench();
        lost.callee(new long[] {3}, ErrorCause.FAILED);
        lost.callee(new long[] {5});
        lost.callee(new long[] {4}, ErrorCause.REJECTED);
        lost.wire(plan(true, 2, false, null, RetryPolicy.NONE, 3));
        assertEquals(4.0, lost.run(), "two failures out of three: the quorum is out of reach at the second");
        assertEquals(ErrorCause.DEPENDENCY, lost.cause);
    }

    @Test
    void aFailedCallEndsTheSequenceAsADependencyFailure() {
        Bench b = new Bench();
        b.callee(new long[] {2}, ErrorCause.FAILED);
        Callee next = b.callee(new long[] {5});
        b.wire(plan(false, 2, false, null, RetryPolicy.NONE, 2));
        assertEquals(2.0, b.run());
        assertEquals(ErrorCause.DEPENDENCY, b.cause);
        assertEquals(0, next.accepted.size());
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoff() {
        Bench b = new Bench();
        Callee a = b.callee(new long[] {2, 2}, ErrorCause.FAILED, null);
        b.wire(plan(false, 1, false, null, new RetryPolicy(2, new RetryPolicy.Backoff(Duration.ofMillis(5), 1.0, null), null), 1));
        assertEquals(9.0, b.run(), "fails at 2, retried at 2 + 5, answered at 9");
        assertNull(b.cause);
        assertEquals(List.of(0L, 7 * MS), a.accepted);
        assertEquals(2, b.req.callAttempts(0));
    }

    @Test
    void anAttemptTimeoutGivesUpOnTheCalleeAndIsRetried() {
        Bench once = new Bench();
        Callee slow = once.callee(new long[] {10});
        once.wire(plan(false, 1, false, new long[] {3}, RetryPolicy.NONE, 1));
        assertEquals(3.0, once.run());
        assertEquals(ErrorCause.TIMEOUT, once.cause, "the caller's own timeout, not the callee's failure");
        assertEquals(1, slow.accepted.size());

        Bench retried = new Bench();
        Callee slower = retried.callee(new long[] {10});
        retried.wire(plan(false, 1, false, new long[] {3}, RetryPolicy.immediate(1), 1));
        assertEquals(6.0, retried.run(), "two attempts of 3 ms each; the late answers are dropped");
        assertEquals(ErrorCause.TIMEOUT, retried.cause);
        assertEquals(List.of(0L, 3 * MS), slower.accepted);
    }
}
