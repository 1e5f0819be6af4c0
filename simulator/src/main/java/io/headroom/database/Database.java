package io.headroom.database;

import io.headroom.design.database.Replication;
import io.headroom.dist.DurationSampler;
import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.metrics.LatencyStats;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import io.headroom.service.ServiceStation;
import io.headroom.service.ShardedStore;

/**
 * A replicated database at run time. A request's key picks its shard (as a sharded store's); a write (local endpoint
 * {@link #WRITE}) goes to the shard's primary as a request of the database's own, and once the primary has done its
 * work each replica gets the write after its own draw of the lag. With {@code async} replication the caller is
 * answered then; with {@code semi-sync} after the first ready replica's acknowledgement (its lag), with {@code sync}
 * after the last one's. A read goes to a ready replica in turn (or to the primary, as configured); it is stale when
 * that replica has not yet applied the key's latest committed write ({@link KeyVersions}), and with
 * read-your-writes it then goes to the primary instead. While a shard fails over, its writes fail at once as
 * {@code unavailable} ({@link DatabaseShard}); a read finding no instance up fails the same way.
 */
public final class Database implements Component, RequestListener {
    /** The endpoint of a read. */
    public static final int READ = 0;
    /** The endpoint of a write. */
    public static final int WRITE = 1;

    private final String name;
    private final Simulation sim;
    private final Requests req;
    private final DatabaseShard[] shards;
    private final boolean hash;
    private final long keySpace;
    private final Replication replication;
    private final DurationSampler lag;
    private final boolean readsAtPrimary;
    private final boolean readYourWrites;
    private final int ownerId;
    private final KeyVersions keys;
    private final EventHandler acknowledged = this::acknowledged;
    private long[] applied;
    private final LatencyStats replicaLag = new LatencyStats();
    private Backups backups; // null: none
    private Database[] secondaries = new Database[0];
    private long[] secondaryTripNs = new long[0];
    private Database primaryCopy; // a copy in another region: its primary region's
    private long primaryTripNs;
    private final EventHandler forwardWrite = this::forwardWrite;

    private long reads;
    private long writes;
    private long staleReads;
    private long redirected;
    private long writesRefused;
    private long readsRefused;

    /**
     * @param lag each replica's time to have a write after the primary's work (its acknowledgement with sync and
     *            semi-sync); null for none
     */
    public Database(String name, Simulation sim, Requests req, ServiceStation[] stations, boolean hash, long keySpace,
                    Replication replication, DurationSampler lag, boolean readsAtPrimary, boolean readYourWrites,
                    long failoverNs, boolean hasReplicas) {
        this.name = name;
        this.sim = sim;
        this.req = req;
        this.hash = hash;
        this.keySpace = Math.max(1, keySpace);
        this.replication = replication;
        this.lag = lag;
        this.readsAtPrimary = readsAtPrimary;
        this.readYourWrites = readYourWrites;
        this.ownerId = req.register(this);
        shards = new DatabaseShard[stations.length];
        int width = 1;
        for (int s = 0; s < stations.length; s++) {
            shards[s] = new DatabaseShard(stations[s], sim, failoverNs, hasReplicas);
            width = Math.max(width, stations[s].slotCount());
        }
        keys = new KeyVersions(this.keySpace, width);
        applied = new long[width];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void accept(int r) {
        long now = sim.now();
        if (req.failIfCancelled(r, now)) {
            return;
        }
        DatabaseShard shard = shards[ShardedStore.shardOf(req.key[r], shards.length, hash, keySpace)];
        boolean counted = req.counted[r];
        if (req.localEndpoint[r] == WRITE && primaryCopy != null) { // written in the primary region, after the round trip
            sim.events().once(forwardWrite, r, now + primaryTripNs);
            return;
        }
        if (req.localEndpoint[r] == WRITE) {
            if (counted) {
                writes++;
            }
            int p = shard.primaryIfReady();
            if (shard.writesDown() || p < 0) {
                if (counted) {
                    writesRefused++;
                }
                req.ownerOf(r).failed(r, ErrorCause.UNAVAILABLE, now);
                return;
            }
            int child = req.allocateChild(r, ownerId, -1, WRITE, now);
            if (child == Requests.FULL) {
                sim.stop();
                return;
            }
            req.arrival[child] = now;
            shard.station.acceptAtInstance(child, p);
            return;
        }
        if (counted) {
            reads++;
        }
        int i = readsAtPrimary ? shard.primaryIfReady() : shard.readTarget();
        if (i < 0) {
            if (counted) {
                readsRefused++;
            }
            req.ownerOf(r).failed(r, ErrorCause.UNAVAILABLE, now);
            return;
        }
        if ((i != shard.primary || primaryCopy != null) && keys.stale(keys.index(req.key[r]), i, now, shard.floor)) {
            int p = readYourWrites && primaryCopy == null ? shard.primaryIfReady() : -1;
            if (p >= 0) {
                i = p;
                if (counted) {
                    redirected++;
                }
            } else if (counted) {
                staleReads++;
            }
        }
        shard.station.acceptAtInstance(r, i);
    }

    /** A write's work at its primary is done: it replicates, and is answered now or once acknowledged. */
    @Override
    public void completed(int child, long now) {
        int r = req.parent[child];
        DatabaseShard shard = shards[ShardedStore.shardOf(req.key[child], shards.length, hash, keySpace)];
        ServiceStation st = shard.station;
        int n = slots(st);
        long first = Long.MAX_VALUE;
        long last = 0;
        boolean anyReplica = false;
        for (int i = 0; i < n; i++) {
            if (i == shard.primary) {
                applied[i] = now;
                continue;
            }
            long d = lag == null ? 0 : Math.max(0, lag.sampleNanos());
            applied[i] = now + d;
            if (st.state(i) == ServiceStation.READY) {
                anyReplica = true;
                first = Math.min(first, d);
                last = Math.max(last, d);
                if (req.counted[child]) {
                    replicaLag.record(d);
                }
            }
        }
        long ack = !anyReplica || replication == Replication.ASYNC ? 0 : replication == Replication.SYNC ? last : first;
        long commit = now + ack;
        keys.write(keys.index(req.key[child]), commit, applied, n);
        if (n > 1) {
            shard.log.append(commit, req.counted[child], applied, n, now);
        }
        for (int j = 0; j < secondaries.length; j++) {
            secondaries[j].replicated(req.key[child], commit, now + secondaryTripNs[j] / 2, secondaryTripNs[j] / 2, req.counted[child]);
        }
        if (ack == 0) {
            answer(child, r, now);
        } else {
            sim.events().once(acknowledged, child, commit);
        }
    }

    /** The instance slots of {@code st} now, with room for each in the key table and the applied-times buffer. */
    private int slots(ServiceStation st) {
        int n = st.slotCount();
        if (n > keys.width()) {
            keys.ensureWidth(n);
        }
        if (n > applied.length) {
            applied = new long[n];
        }
        return n;
    }

    private void acknowledged(int child) {
        answer(child, req.parent[child], sim.now());
    }

    private void answer(int child, int r, long now) {
        if (req.releaseChild(child) >= 0) {
            req.ownerOf(r).completed(r, now);
        }
    }

    /** A write failed at its primary (its queue full, its instance lost): the caller's request fails the same way. */
    @Override
    public void failed(int child, ErrorCause cause, long now) {
        int r = req.releaseChild(child);
        if (r >= 0) {
            req.ownerOf(r).failed(r, cause, now);
        }
    }

    /**
     * Replicates every write to {@code copy}, this database's copy in another region {@code tripNs} away (a cross-region
     * read replica, as RDS and Aurora Global Database keep one): each write reaches it half a round trip after the
     * primary's work, then each of its instances applies it after its own draw of the lag. Always asynchronous. The
     * copy takes reads; a write sent to it is forwarded here after the round trip.
     */
    public void replicateTo(Database copy, long tripNs) {
        int n = secondaries.length;
        secondaries = java.util.Arrays.copyOf(secondaries, n + 1);
        secondaryTripNs = java.util.Arrays.copyOf(secondaryTripNs, n + 1);
        secondaries[n] = copy;
        secondaryTripNs[n] = tripNs;
        copy.primaryCopy = this;
        copy.primaryTripNs = tripNs;
    }

    /** A write to {@code key}, committed at {@code commit} in the primary region, arrives here at {@code arrives}. */
    private void replicated(long key, long commit, long arrives, long oneWayNs, boolean counted) {
        DatabaseShard shard = shards[ShardedStore.shardOf(key, shards.length, hash, keySpace)];
        ServiceStation st = shard.station;
        int n = slots(st);
        for (int i = 0; i < n; i++) {
            long d = lag == null ? 0 : Math.max(0, lag.sampleNanos());
            applied[i] = arrives + d;
            if (counted && st.state(i) == ServiceStation.READY) {
                replicaLag.record(oneWayNs + d);
            }
        }
        keys.write(keys.index(key), commit, applied, n);
    }

    private void forwardWrite(int r) {
        primaryCopy.accept(r);
    }

    /** Whether this is a copy in another region of a database whose primaries are elsewhere. */
    public boolean secondary() {
        return primaryCopy != null;
    }

    /** The shards' stations, by shard. */
    public ServiceStation[] stations() {
        ServiceStation[] out = new ServiceStation[shards.length];
        for (int s = 0; s < shards.length; s++) {
            out[s] = shards[s].station;
        }
        return out;
    }

    /** Counted reads and writes, stale reads and reads sent to the primary to read a write. */
    public long reads() {
        return reads;
    }

    public long writes() {
        return writes;
    }

    public long staleReads() {
        return staleReads;
    }

    public long redirectedReads() {
        return redirected;
    }

    /** Counted writes and reads failed as {@code unavailable}: no primary (a failover), no instance up. */
    public long writesRefused() {
        return writesRefused;
    }

    public long readsRefused() {
        return readsRefused;
    }

    /** Losses of a primary in {@code [from, to)}. */
    public long failovers(long from, long to) {
        long n = 0;
        for (DatabaseShard s : shards) {
            n += s.failovers(from, to);
        }
        return n;
    }

    /** Shard-seconds in {@code [from, to)} during which writes failed. */
    public double unavailableSeconds(long from, long to) {
        double t = 0;
        for (DatabaseShard s : shards) {
            t += s.unavailableSeconds(from, to);
        }
        return t;
    }

    /** Counted writes lost by failovers: committed at the old primary, never applied at the promoted replica. */
    public long writesLost() {
        long n = 0;
        for (DatabaseShard s : shards) {
            n += s.writesLost;
        }
        return n;
    }

    /** The lag of counted writes at each ready replica, from the primary's work done to the replica having it. */
    public LatencyStats replicaLag() {
        return replicaLag;
    }

    /** Runs {@code backups} on this database's instances. */
    public void runBackups(Backups backups) {
        this.backups = backups;
    }

    /** Backups begun in {@code [from, to)}. */
    public long backups(long from, long to) {
        return backups == null ? 0 : backups.count(from, to);
    }

    /** Whether the database takes backups. */
    public boolean backsUp() {
        return backups != null;
    }

    /** The primary's slot in shard {@code s} now. */
    public int primary(int s) {
        return shards[s].primary;
    }
}
