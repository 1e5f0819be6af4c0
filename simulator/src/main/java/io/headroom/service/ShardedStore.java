package io.headroom.service;

import io.headroom.request.Component;
import io.headroom.request.Requests;

/**
 * A sharded store at run time: routes each request by its key to a shard — a service whose
 * instances are the shard's replicas — sending writes to the primary (instance 0) and reads to
 * the replicas in turn. Requests with local endpoint 1 are writes.
 */
public final class ShardedStore implements Component {
    private final String name;
    private final Requests req;
    private final ServiceStation[] shards;
    private final boolean hash;
    private final long keySpace;
    private final long[] routed;

    public ShardedStore(String name, Requests req, ServiceStation[] shards, boolean hash, long keySpace) {
        this.name = name;
        this.req = req;
        this.shards = shards;
        this.hash = hash;
        this.keySpace = Math.max(1, keySpace);
        this.routed = new long[shards.length];
    }

    @Override
    public String name() {
        return name;
    }

    /** The shard of {@code key}: a mixed hash modulo the shard count, or the key's slice of {@code [0, keySpace)}. */
    public static int shardOf(long key, int shards, boolean hash, long keySpace) {
        if (hash) {
            long z = key * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (int) Long.remainderUnsigned(z, shards);
        }
        long k = Math.floorMod(key, keySpace);
        return (int) Math.min(shards - 1, (long) ((double) k / keySpace * shards));
    }

    @Override
    public void accept(int r) {
        int s = shardOf(req.key[r], shards.length, hash, keySpace);
        if (req.counted[r]) {
            routed[s]++;
        }
        if (req.localEndpoint[r] == 1) {
            shards[s].acceptAtPrimary(r); // writes go to the primary
        } else {
            shards[s].accept(r);
        }
    }

    public ServiceStation[] shards() {
        return shards.clone();
    }

    /** Counted requests routed to each shard. */
    public long[] routed() {
        return routed.clone();
    }
}
