package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DispatchStrategy;
import io.headroom.design.resilience.BulkheadConfig;
import io.headroom.design.resilience.CircuitBreakerConfig;
import io.headroom.design.resilience.RetryPolicy;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.request.ClientRequests;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.routing.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Instances of two versions of a service side by side, as during a rollout: each serves with its version's demand,
 * error rate and calls; what each version served is reported; and an exact traffic split sends a version its weight.
 *
 * <p>Statistical bounds are 4 standard errors of the quantity at the run's sample size (a false alarm about once in
 * 16 000 runs; the seeds are fixed, so a run is reproducible).
 */
class VersionsTest {
    private static final long MS = 1_000_000L;
    private static final double Z = 4;

    /** What a station's versions served, per version. */
    private static final class Served implements ServedSink {
        final long[] count = new long[2];
        final long[] failed = new long[2];
        final double[] sojournNs = new double[2];
        final List<String> log = new ArrayList<>();
        boolean logging;

        @Override
        public void served(int version, int localEndpoint, boolean failed, long sojournNs) {
            count[version]++;
            this.failed[version] += failed ? 1 : 0;
            this.sojournNs[version] += sojournNs;
            if (logging) {
                log.add("v" + version + " e" + localEndpoint + (failed ? " failed" : " ok") + " " + sojournNs / MS + "ms");
            }
        }
    }

    /** A client that counts outcomes and releases its requests. */
    private static final class Client implements RequestListener {
        final Requests req;
        long completed;
        long failed;
        final List<ErrorCause> causes = new ArrayList<>();

        Client(Requests req) {
            this.req = req;
        }

        @Override
        public void completed(int r, long now) {
            completed++;
            req.release(r);
        }

        @Override
        public void failed(int r, ErrorCause cause, long now) {
            failed++;
            causes.add(cause);
            req.release(r);
        }
    }

    /** Exponential service times of mean {@code meanMs}, from {@code rng}. */
    private static DurationSampler exponential(double meanMs, RandomGenerator rng) {
        return () -> Math.round(-meanMs * MS * Math.log(1 - rng.nextDouble()));
    }

    /** Poisson arrivals at {@code perSecond} for {@code seconds}, each a counted request to endpoint 0 sent to {@code station}. */
    private static void poisson(Simulation sim, Requests req, int owner, ServiceStation station, double perSecond, long seconds,
                                RandomGenerator rng) {
        long end = seconds * 1_000 * MS;
        EventHandler[] next = new EventHandler[1];
        next[0] = a -> {
            station.accept(ClientRequests.counted(req, owner, sim.now()));
            long t = sim.now() + Math.round(-1e9 / perSecond * Math.log(1 - rng.nextDouble()));
            if (t < end) {
                sim.events().once(next[0], 0, t);
            }
        };
        sim.events().once(next[0], 0, 0);
    }

    @Test
    void eachVersionServesWithItsOwnDemandAndErrorRate() {
        Simulation sim = new Simulation();
        Requests req = new Requests(1024, 100_000);
        Client client = new Client(req);
        int owner = req.register(client);
        // four instances with a core per worker (no queueing, no sharing): a request's time is its demand
        ServiceStation station = new ServiceStation("api", sim, req, 4, 64, 64, -1, -1,
                new DurationSampler[] {exponential(10, new MersenneTwister(1))}, new DurationSampler[] {null},
                Dispatcher.of(DispatchStrategy.RANDOM, new MersenneTwister(2)));
        station.setup().wire(new Component[0], new CallPlan[] {CallPlan.NONE}, new MersenneTwister(3));
        int v = station.setup().addVersion(new DurationSampler[] {exponential(30, new MersenneTwister(4))}, new DurationSampler[] {null},
                new double[] {0.05}, new CallPlan[] {CallPlan.NONE}, new MersenneTwister(5));
        assertEquals(1, v);
        assertEquals(2, station.versions());
        station.lifecycle().setVersion(2, 1);
        station.lifecycle().setVersion(3, 1);
        Served served = new Served();
        station.onServed(served);

        poisson(sim, req, owner, station, 200, 1_000, new MersenneTwister(6));
        sim.run(Long.MAX_VALUE);

        long n = client.completed + client.failed;
        assertEquals(n, served.count[0] + served.count[1], "every request served by one version, once");
        // half the instances each, picked at random: version 1's count is binomial(n, 1/2)
        double sd = Math.sqrt(n * 0.25);
        assertTrue(Math.abs(served.count[1] - n / 2.0) <= Z * sd, served.count[1] + " of " + n + " at version 1, sd " + sd);
        // version 0 never fails; version 1 fails 5 % of its requests: binomial(n1, 0.05)
        assertEquals(0, served.failed[0]);
        double n1 = served.count[1];
        double sdFail = Math.sqrt(n1 * 0.05 * 0.95);
        assertTrue(Math.abs(served.failed[1] - 0.05 * n1) <= Z * sdFail,
                served.failed[1] + " failed of " + served.count[1] + ", expected " + 0.05 * n1 + " ± " + Z * sdFail);
        assertEquals(client.failed, served.failed[1]);
        assertTrue(client.causes.stream().allMatch(c -> c == ErrorCause.FAILED));
        // mean time in the service: the version's mean demand, within the standard error of an exponential's mean
        double mean0 = served.sojournNs[0] / served.count[0] / MS;
        double mean1 = served.sojournNs[1] / served.count[1] / MS;
        assertTrue(Math.abs(mean0 - 10) <= Z * 10 / Math.sqrt(served.count[0]), "version 0: " + mean0 + " ms");
        assertTrue(Math.abs(mean1 - 30) <= Z * 30 / Math.sqrt(served.count[1]), "version 1: " + mean1 + " ms");
        System.out.printf("two versions: n %d, version 1 served %d (%.4f), failed %d (%.4f of its own), mean %.3f ms and %.3f ms%n",
                n, served.count[1], served.count[1] / (double) n, served.failed[1], served.failed[1] / n1, mean0, mean1);
    }

    @Test
    void anExactSplitSendsTheVersionItsWeightAndDispatchesWithinEachGroup() {
        Simulation sim = new Simulation();
        Requests req = new Requests(1024, 100_000);
        Client client = new Client(req);
        int owner = req.register(client);
        ServiceStation station = new ServiceStation("api", sim, req, 4, 64, 64, -1, -1, new DurationSampler[] {() -> MS},
                new DurationSampler[] {null}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(2)));
        station.setup().addVersion(new DurationSampler[] {() -> MS}, new DurationSampler[] {null}, new double[] {0}, new CallPlan[] {CallPlan.NONE},
                new MersenneTwister(5));
        station.lifecycle().setVersion(3, 1); // one instance in four: by replicas it would take 25 %
        Served served = new Served();
        station.onServed(served);
        station.routeVersions(1, 0.1, new MersenneTwister(7));

        int n = 40_000;
        for (int k = 0; k < n; k++) {
            station.accept(ClientRequests.counted(req, owner, sim.now()));
        }
        sim.run(Long.MAX_VALUE);
        double sd = Math.sqrt(n * 0.1 * 0.9);
        assertTrue(Math.abs(served.count[1] - 0.1 * n) <= Z * sd, served.count[1] + " of " + n + " to version 1, sd " + sd);
        long[] entered = station.figures().enteredPerInstance();
        assertEquals(served.count[1], entered[3]);
        // round robin within the other group: instances 0, 1 and 2 in turn
        long most = Math.max(entered[0], Math.max(entered[1], entered[2]));
        long least = Math.min(entered[0], Math.min(entered[1], entered[2]));
        assertTrue(most - least <= 1, java.util.Arrays.toString(entered));
        System.out.printf("exact split 10%%: %d of %d to version 1 (%.4f), instances %s%n", served.count[1], n,
                served.count[1] / (double) n, java.util.Arrays.toString(entered));

        // the weighted group without a ready instance: the others serve everything
        station.lifecycle().drain(3, sim.now());
        for (int k = 0; k < 300; k++) {
            station.accept(ClientRequests.counted(req, owner, sim.now()));
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(served.count[1], station.figures().enteredPerInstance()[3]);
        assertEquals(n + 300, served.count[0] + served.count[1]);

        // split off: the service's own round robin over every ready instance again
        int fresh = station.lifecycle().launch(sim.now(), -1);
        station.lifecycle().setVersion(fresh, 1);
        station.lifecycle().ready(fresh, sim.now());
        station.routeVersions(-1, 0, null);
        long[] before = station.figures().enteredPerInstance();
        for (int k = 0; k < 400; k++) {
            station.accept(ClientRequests.counted(req, owner, sim.now()));
        }
        sim.run(Long.MAX_VALUE);
        long[] after = station.figures().enteredPerInstance();
        for (int i = 0; i < 4; i++) {
            assertEquals(100, after[i] - before[i], "instance " + i);
        }
    }

    @Test
    void aSplitToTheVersionAllOrNothing() {
        Simulation sim = new Simulation();
        Requests req = new Requests(64, 1_000);
        int owner = req.register(new Client(req));
        ServiceStation station = new ServiceStation("api", sim, req, 2, 4, 4, -1, -1, new DurationSampler[] {null},
                new DurationSampler[] {null}, Dispatcher.of(DispatchStrategy.LEAST_OUTSTANDING, new MersenneTwister(2)));
        station.setup().addVersion(new DurationSampler[] {null}, new DurationSampler[] {null}, new double[] {0}, new CallPlan[] {CallPlan.NONE},
                new MersenneTwister(5));
        station.lifecycle().setVersion(1, 1);
        Served served = new Served();
        station.onServed(served);
        station.routeVersions(1, 1.0, new MersenneTwister(7));
        for (int k = 0; k < 50; k++) {
            station.accept(ClientRequests.counted(req, owner, sim.now()));
        }
        station.routeVersions(1, 0.0, new MersenneTwister(7));
        for (int k = 0; k < 30; k++) {
            station.accept(ClientRequests.counted(req, owner, sim.now()));
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(50, served.count[1]);
        assertEquals(30, served.count[0]);
        assertThrows(IllegalArgumentException.class, () -> station.routeVersions(1, 1.5, new MersenneTwister(1)));
        assertThrows(IllegalArgumentException.class, () -> station.lifecycle().setVersion(0, 2), "a version never added");
    }

    /** A callee that answers every attempt after 5 ms, failing the first {@code failures}. */
    private static final class Callee implements Component {
        final Simulation sim;
        final Requests req;
        final List<Long> accepted = new ArrayList<>();
        int failures;

        Callee(Simulation sim, Requests req, int failures) {
            this.sim = sim;
            this.req = req;
            this.failures = failures;
        }

        @Override
        public String name() {
            return "callee";
        }

        @Override
        public void accept(int r) {
            accepted.add(sim.now() / MS);
            req.instance[r] = 0;
            boolean fail = failures-- > 0;
            sim.events().once(x -> {
                if (fail) {
                    req.ownerOf(r).failed(r, ErrorCause.FAILED, sim.now());
                } else {
                    req.ownerOf(r).completed(r, sim.now());
                }
            }, 0, sim.now() + 5 * MS);
        }
    }

    private static CallPlan oneCall(int target, boolean async, RetryPolicy retry) {
        return new CallPlan(new int[] {target}, new int[1], new double[] {1}, new DurationSampler[1], new long[] {-1},
                new boolean[1], new RetryPolicy[] {retry}, new CircuitBreakerConfig[1], new BulkheadConfig[1], false, 1, async);
    }

    @Test
    void aVersionHasItsOwnEndpointsAndCallsEvenAfterItsInstanceIsGone() {
        Simulation sim = new Simulation();
        Requests req = new Requests(64, 1_000);
        Client client = new Client(req);
        int owner = req.register(client);
        // two endpoints; version 0: 2 ms and 3 ms, no calls; version 1: 7 ms and 11 ms, endpoint 1 calls (async) with a retry
        ServiceStation station = new ServiceStation("api", sim, req, 1, 1, 1, 1, -1, new DurationSampler[] {() -> 2 * MS, () -> 3 * MS},
                new DurationSampler[] {null, null}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(2)));
        Callee old = new Callee(sim, req, 0);
        Callee fresh = new Callee(sim, req, 1);
        station.setup().wire(new Component[] {old, fresh}, new CallPlan[] {CallPlan.NONE, CallPlan.NONE}, new MersenneTwister(3));
        RetryPolicy retry = new RetryPolicy(1, new RetryPolicy.Backoff(Duration.ofMillis(20), 1.0, null), null);
        station.setup().addVersion(new DurationSampler[] {null, () -> 11 * MS}, new DurationSampler[] {() -> 7 * MS, null},
                new double[] {0, 0}, new CallPlan[] {CallPlan.NONE, oneCall(1, true, retry)}, new MersenneTwister(5));
        station.lifecycle().setVersion(0, 1);
        Served served = new Served();
        served.logging = true;
        station.onServed(served);

        int a = ClientRequests.counted(req, owner, 0);
        req.localEndpoint[a] = 1;
        station.accept(a); // endpoint 1 at version 1: 11 ms of CPU, then its call (async: the worker is free at 11 ms)
        station.accept(ClientRequests.counted(req, owner, 0)); // waits in the queue of one
        station.accept(ClientRequests.counted(req, owner, 0)); // the queue is full: refused at version 1's instance
        station.lifecycle().drain(0, 0);
        sim.run(12 * MS);
        // the queued request (endpoint 0, version 1: 7 ms of wait) runs 11 to 18 ms; the instance then ends
        sim.run(19 * MS);
        assertEquals(ServiceStation.FREE, station.state(0));
        // a version 0 instance takes the slot while version 1's call is out
        int slot = station.lifecycle().launch(19 * MS, -1);
        assertEquals(0, slot);
        assertEquals(0, station.version(slot), "a launch runs version 0 until told otherwise");
        station.lifecycle().ready(slot, 19 * MS);
        int b = ClientRequests.counted(req, owner, 19 * MS);
        req.localEndpoint[b] = 1;
        station.accept(b); // endpoint 1 at version 0: 3 ms, no calls
        sim.run(Long.MAX_VALUE);

        assertEquals(List.of(11L, 36L), fresh.accepted, "version 1's call, failed at 16 ms, retried after 20 ms by its own plan");
        assertEquals(List.of(), old.accepted);
        assertEquals(List.of("v1 e0 failed 0ms", "v1 e0 ok 18ms", "v0 e1 ok 3ms", "v1 e1 ok 41ms"), served.log,
                "refused at the door, the queued one, the new instance's, then the async one when its calls end");
        assertEquals(3, client.completed);
        assertEquals(List.of(ErrorCause.REJECTED), client.causes);
        assertEquals(0, req.live());

        // no instance ready at all: refused before reaching one, no version's
        station.lifecycle().drain(0, sim.now());
        station.accept(ClientRequests.counted(req, owner, sim.now()));
        assertEquals(4, served.log.size());
    }

    private static CallPlan guardedCall(long timeoutMs) {
        return new CallPlan(new int[] {0}, new int[1], new double[] {1}, new DurationSampler[1], new long[] {timeoutMs * MS},
                new boolean[1], new RetryPolicy[] {RetryPolicy.NONE},
                new CircuitBreakerConfig[] {new CircuitBreakerConfig(0.5, 2, 2, Duration.ofSeconds(10), 1)}, new BulkheadConfig[1],
                false, 1, false);
    }

    @Test
    void eachVersionsCallsHaveBreakersOfTheirOwnAndFailTheVersionsRequests() {
        Simulation sim = new Simulation();
        Requests req = new Requests(64, 1_000);
        Client client = new Client(req);
        int owner = req.register(client);
        ServiceStation station = new ServiceStation("api", sim, req, 1, 4, 4, -1, -1, new DurationSampler[] {null},
                new DurationSampler[] {null}, Dispatcher.of(DispatchStrategy.ROUND_ROBIN, new MersenneTwister(2)));
        Callee callee = new Callee(sim, req, 2);
        station.setup().wire(new Component[] {callee}, new CallPlan[] {guardedCall(-1)}, new MersenneTwister(3));
        station.setup().addVersion(new DurationSampler[] {null}, new DurationSampler[] {null}, new double[] {0},
                new CallPlan[] {guardedCall(3)}, new MersenneTwister(5));
        Served served = new Served();
        served.logging = true;
        station.onServed(served);

        station.accept(ClientRequests.counted(req, owner, 0));
        station.accept(ClientRequests.counted(req, owner, 0));
        sim.run(Long.MAX_VALUE); // both calls fail at 5 ms: version 0's breaker at instance 0 opens
        station.accept(ClientRequests.counted(req, owner, sim.now()));
        sim.run(Long.MAX_VALUE);
        assertEquals(2, callee.accepted.size(), "the open breaker fast-fails the third call");
        assertEquals(1, station.figures().callsNotPermitted());

        // version 1 in the same slot: its own breaker, closed; its call times out at 3 ms
        station.lifecycle().drain(0, sim.now());
        int slot = station.lifecycle().launch(sim.now(), -1);
        station.lifecycle().setVersion(slot, 1);
        station.lifecycle().ready(slot, sim.now());
        station.accept(ClientRequests.counted(req, owner, sim.now()));
        sim.run(Long.MAX_VALUE);
        assertEquals(3, callee.accepted.size(), "version 1's breaker let the call through");
        assertEquals(List.of("v0 e0 failed 5ms", "v0 e0 failed 5ms", "v0 e0 failed 0ms", "v1 e0 failed 3ms"), served.log);
        assertEquals(List.of(ErrorCause.DEPENDENCY, ErrorCause.DEPENDENCY, ErrorCause.CIRCUIT_OPEN, ErrorCause.TIMEOUT), client.causes);
    }
}
