package io.headroom.validation.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.headroom.design.DispatchStrategy;
import io.headroom.routing.Dispatcher;
import io.headroom.service.ShardedStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A sharded store in the testbed: a real {@link InstanceServer} per shard and replica (named
 * {@code STORE#shard-K.R}; replica 0 is the shard's primary) behind a front proxy on 127.0.0.1 that routes
 * each request by the key it carries ({@code ?key=K}, passed down the call chain from the load generator's
 * request, as the simulator's child requests inherit their parent's key). The shard is the simulator's own
 * {@link ShardedStore#shardOf} (hash, or the key's slice of the key space); a write ({@code /write}) goes to
 * the shard's primary, a read ({@code /read}) to its replicas in turn with the simulator's own round-robin
 * {@link Dispatcher}, as the simulator's shard station does. The proxy holds no worker and adds only its
 * loopback hop (which calibration counts in the caller's own time, as it does a balancer's).
 */
final class ShardedStoreServer implements AutoCloseable {
    /** The instance name of replica {@code r} of shard {@code k} of {@code store}: its rows are the store's. */
    static String instanceName(String store, int k, int r) {
        return store + "#shard-" + k + "." + r;
    }

    /** One shard's replicas as its round-robin dispatcher sees them (all ready: the testbed does not crash them). */
    private static final class Shard implements Dispatcher.Load {
        final URI[] replicas;
        final int[] outstanding;
        final Dispatcher reads = Dispatcher.of(DispatchStrategy.ROUND_ROBIN, null);

        Shard(URI[] replicas) {
            this.replicas = replicas;
            this.outstanding = new int[replicas.length];
        }

        @Override
        public int instances() {
            return replicas.length;
        }

        @Override
        public int instanceAt(int k) {
            return k;
        }

        @Override
        public int outstanding(int slot) {
            return outstanding[slot];
        }
    }

    private final Shard[] shards;
    private final boolean hash;
    private final long keySpace;
    private final long[] routed;
    private final HttpClient client;
    private final HttpServer server;

    /**
     * @param replicas by shard, then replica (bound: their ports are known)
     * @param keySpace the range partitioning's key space (as the simulator's: the store's, else the profile's key count, else 1)
     */
    ShardedStoreServer(List<List<InstanceServer>> replicas, boolean hash, long keySpace, HttpClient client) throws IOException {
        this.shards = new Shard[replicas.size()];
        for (int k = 0; k < shards.length; k++) {
            shards[k] = new Shard(replicas.get(k).stream().map(s -> URI.create("http://127.0.0.1:" + s.port())).toArray(URI[]::new));
        }
        this.hash = hash;
        this.keySpace = Math.max(1, keySpace);
        this.routed = new long[shards.length];
        this.client = client;
        server = Http.loopbackServer(this::accept);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The shard the simulator sends {@code key} to. */
    int shardOf(long key) {
        return ShardedStore.shardOf(key, shards.length, hash, keySpace);
    }

    /** Requests routed to each shard so far (the whole run). */
    synchronized long[] routed() {
        return routed.clone();
    }

    private void accept(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        long key = Http.key(uri);
        boolean write = "/write".equals(uri.getPath());
        int k = shardOf(key);
        Shard shard = shards[k];
        int replica;
        synchronized (this) {
            routed[k]++;
            replica = write ? 0 : shard.reads.pick(shard, key);
            shard.outstanding[replica]++;
        }
        URI to = shard.replicas[replica].resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        long requestId = Http.requestId(exchange);
        HttpRequest.Builder b = HttpRequest.newBuilder(to).GET();
        if (requestId >= 0) {
            b.header(Http.REQUEST_ID, Long.toString(requestId));
        }
        Http.passTraceContext(exchange, b);
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            synchronized (this) {
                shard.outstanding[replica]--;
            }
            Http.answer(exchange, failure != null ? Http.DEPENDENCY : response.statusCode());
        });
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
