package io.headroom.validation.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.service.ShardedStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded store in the testbed routes each request as the simulator does: the key the load generator sent,
 * carried down the call chain, picks the shard with the simulator's own mapping; writes reach the primary,
 * reads the replicas in turn.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShardedStoreTestbedTest {
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private DesignReader.Loaded design(String partitioning, String keySpace) throws Exception {
        Path f = dir.resolve("design.yaml");
        Files.writeString(f, """
                name: sharded
                entry: api
                components:
                  api:
                    type: service
                    concurrency: 16
                    endpoints:
                      get:
                        calls: [{to: store}]
                      put:
                        calls: [{to: store, write: true}]
                  store:
                    type: sharded-store
                    shards: 5
                    partitioning: %s
                    replicas-per-shard: 3
                    concurrency: 2
                    demand: {dist: constant, value: 0ms}
                %s""".formatted(partitioning, keySpace == null ? "" : "    key-space: " + keySpace + "\n"));
        return DesignReader.read(f);
    }

    /** Sends {@code /ENDPOINT?key=K} for each key to the entry, with request id = index, 32 at a time. */
    private void send(Testbed bed, String endpoint, long[] keys) throws Exception {
        List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            inFlight.add(client.sendAsync(HttpRequest.newBuilder(URI.create(bed.entry() + "/" + endpoint + "?key=" + keys[i]))
                    .header(Http.REQUEST_ID, Long.toString(i)).build(), HttpResponse.BodyHandlers.discarding()));
            if (inFlight.size() == 32) {
                for (var f : inFlight) {
                    assertEquals(200, f.get().statusCode());
                }
                inFlight.clear();
            }
        }
        for (var f : inFlight) {
            assertEquals(200, f.get().statusCode());
        }
    }

    /** The store's rows once there are {@code n}, by request id. */
    private static Map<Long, ServedLog.Served> storeRows(Testbed bed, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<ServedLog.Served> rows = bed.log().rowsOf("store");
        while (rows.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
            rows = bed.log().rowsOf("store");
        }
        Map<Long, ServedLog.Served> byId = new HashMap<>();
        for (ServedLog.Served r : rows) {
            byId.put(r.requestId(), r);
        }
        assertEquals(n, byId.size(), "one store row per request");
        return byId;
    }

    private static int shard(ServedLog.Served row) {
        String rest = row.instance().substring("store#shard-".length());
        return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
    }

    private static int replica(ServedLog.Served row) {
        return Integer.parseInt(row.instance().substring(row.instance().indexOf('.') + 1));
    }

    @Test
    void hashedKeysReachTheSimulatorsShardThroughTheCallerAndReadsTakeTheReplicasInTurn() throws Exception {
        long[] keys = new long[600];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 3 == 0 ? i : (long) i * 7_919 + (i % 2 == 0 ? -1_000_000_007L * i : Long.MAX_VALUE / (i + 1));
        }
        try (Testbed bed = Testbed.start(design("hash", null), 1)) {
            send(bed, "get", keys);
            Map<Long, ServedLog.Served> rows = storeRows(bed, keys.length);
            int[] perShard = new int[5];
            int[][] perReplica = new int[5][3];
            for (int i = 0; i < keys.length; i++) {
                ServedLog.Served row = rows.get((long) i);
                assertEquals(ShardedStore.shardOf(keys[i], 5, true, 1), shard(row), "key " + keys[i]);
                assertEquals("read", row.endpoint());
                perShard[shard(row)]++;
                perReplica[shard(row)][replica(row)]++;
            }
            for (int k = 0; k < 5; k++) {
                // round-robin over 3 replicas: each within one of a third of its shard's reads
                for (int r = 0; r < 3; r++) {
                    assertTrue(Math.abs(perReplica[k][r] - perShard[k] / 3.0) <= 1, "shard " + k + " replica " + r + ": "
                            + java.util.Arrays.toString(perReplica[k]));
                }
            }
        }
    }

    @Test
    void rangeKeysSplitTheProfilesKeySpaceAndWritesGoToThePrimary() throws Exception {
        Path p = dir.resolve("profile.yaml");
        Files.writeString(p, """
                name: keys
                keys: {distribution: zipf, items: 1000, exponent: 1.0}
                injection:
                  - constantUsersPerSec: {rate: 1, during: 1s}
                """);
        var profile = DesignReader.readProfile(p).profile();
        long[] keys = new long[400];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i * 5L - 400; // negative and beyond the key space too
        }
        try (Testbed bed = Testbed.start(design("range", null), profile, 1)) {
            send(bed, "put", keys);
            Map<Long, ServedLog.Served> rows = storeRows(bed, keys.length);
            for (int i = 0; i < keys.length; i++) {
                ServedLog.Served row = rows.get((long) i);
                assertEquals(ShardedStore.shardOf(keys[i], 5, false, 1000), shard(row), "key " + keys[i]);
                assertEquals("write", row.endpoint());
                assertEquals(0, replica(row), "a write goes to the shard's primary");
            }
        }
        // the store's own key-space wins over the profile's, as in the simulator
        try (Testbed bed = Testbed.start(design("range", "50"), profile, 1)) {
            send(bed, "get", keys);
            Map<Long, ServedLog.Served> rows = storeRows(bed, keys.length);
            for (int i = 0; i < keys.length; i++) {
                assertEquals(ShardedStore.shardOf(keys[i], 5, false, 50), shard(rows.get((long) i)), "key " + keys[i]);
            }
        }
    }
}
