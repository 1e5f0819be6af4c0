package io.headroom.validation.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.DispatchStrategy;
import io.headroom.routing.Dispatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A balancer in front of an autoscaled tier picks among the instances the tier's router takes work with now:
 * an instance that joins (ready) gets the balancer's requests from then on, one that leaves (draining) none,
 * and the first request through the balancer starts the tier's clock.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BalancerOverScaledTierTest {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final ServedLog log = new ServedLog();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        timer.shutdownNow();
    }

    private InstanceServer instance(int i) throws Exception {
        InstanceServer s = new InstanceServer("api#" + i, 1, -1, -1, timer, log);
        s.start((worker, endpoint, key, requestId, trace) -> Http.OK);
        open.add(s);
        return s;
    }

    private static URI uri(InstanceServer s) {
        return URI.create("http://127.0.0.1:" + s.port());
    }

    /** Sends {@code n} requests one after another through {@code lb}; returns the instance each reached. */
    private List<String> through(Router lb, int n) throws Exception {
        int before = log.rowsOf("api").size();
        for (int k = 0; k < n; k++) {
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lb.port() + "/get")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.rowsOf("api").size() < before + n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return log.rowsOf("api").subList(before, before + n).stream().map(ServedLog.Served::instance).toList();
    }

    @Test
    void theBalancersInstancesFollowTheTiersJoinsAndLeaves() throws Exception {
        InstanceServer a = instance(0);
        InstanceServer b = instance(1);
        InstanceServer c = instance(2);
        Router tier = new Router("api", Dispatcher.of(DispatchStrategy.ROUND_ROBIN, null), null, new URI[] {uri(a)}, client, timer, log);
        Router lb = Router.over(tier, "edge", Dispatcher.of(DispatchStrategy.ROUND_ROBIN, null), null, client, timer, log);
        open.add(tier);
        open.add(lb);
        AtomicInteger clockStarts = new AtomicInteger();
        tier.onFirstRequest(clockStarts::incrementAndGet);
        tier.start();
        lb.start();

        assertEquals(List.of("api#0", "api#0", "api#0"), through(lb, 3));
        assertEquals(1, clockStarts.get(), "the tier's clock starts at the first request through the balancer, once");
        int slotB = tier.add(uri(b)); // b ready
        assertEquals(List.of("api#0", "api#0", "api#1", "api#1"), sorted(through(lb, 4)));
        int slotC = tier.add(uri(c)); // c ready
        assertEquals(List.of("api#0", "api#0", "api#1", "api#1", "api#2", "api#2"), sorted(through(lb, 6)));
        tier.remove(0); // a drains: no new work from either router
        assertEquals(List.of("api#1", "api#1", "api#1", "api#2", "api#2", "api#2"), sorted(through(lb, 6)));
        tier.remove(slotB);
        assertEquals(List.of("api#2", "api#2"), through(lb, 2));
        // the balancer's requests count at the tier's instances (what a drain waits for): all answered
        assertEquals(0, tier.inFlight(0) + tier.inFlight(slotB) + tier.inFlight(slotC));
        assertEquals(1, clockStarts.get());
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
