package io.headroom.service;

import io.headroom.engine.EventQueue;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;
import java.util.Arrays;

/**
 * What happens to a service's work as its instances come and go: a launch takes a slot in the
 * zone asked for, a ready instance takes work, a draining one finishes what it holds and then
 * ends, and a lost one (a crash, a zone outage, a spot interruption, a drain out of time) fails
 * every request it holds with {@code instance_lost} — its queue in queue order, then the requests
 * it was working on in the order of their calls' slots ({@link TailCalls#inCallOrder}) — and ends
 * or stays down for repair. The states themselves are {@link InstanceSlots}'; the clocks that
 * drive them belong to the fleet ({@code io.headroom.fleet.Fleet}), which reaches this through
 * {@link ServiceStation#lifecycle()}.
 */
public final class InstanceLifecycle {
    private final ServiceStation station;
    private final InstanceSlots slots;
    private final InstanceQueues queues;
    private final Processors cpu;
    private final ZoneNetwork network;
    private final ServiceFlow flow;
    private final Requests req;
    private final EventQueue events;
    private final int ownerId;
    private final StationVersions versions;
    private final String service;
    private InstanceEndedListener listener = (slot, now) -> { };
    private InstanceStateListener stateListener; // null: nobody listens
    private long lost;
    private CpuCredits credits; // null unless the instances are burstable

    InstanceLifecycle(ServiceStation station, InstanceSlots slots, InstanceQueues queues, Processors cpu, ZoneNetwork network,
                      ServiceFlow flow, Requests req, EventQueue events, int ownerId, StationVersions versions) {
        this.station = station;
        this.service = station.name();
        this.versions = versions;
        this.slots = slots;
        this.queues = queues;
        this.cpu = cpu;
        this.network = network;
        this.flow = flow;
        this.req = req;
        this.events = events;
        this.ownerId = ownerId;
    }

    void onEnded(InstanceEndedListener listener) {
        this.listener = listener;
    }

    void onState(InstanceStateListener listener) {
        this.stateListener = listener;
    }

    /** The instances' CPU credits, told of each launch and end. */
    void credits(CpuCredits credits) {
        this.credits = credits;
    }

    /** Counted requests lost with their instance. */
    public long lost() {
        return lost;
    }

    /**
     * A new instance, starting (billed, no work yet), running version 0 until {@link #setVersion}. Slot
     * {@code i} is in zone {@code i mod zones}, so the instance takes the lowest free slot of zone {@code wantedZone}
     * (any zone if negative); returns its slot.
     */
    public int launch(long now, int wantedZone) {
        station.touch(now);
        int i = slots.freeSlot(wantedZone, network.zones());
        while (i >= slots.capacity()) {
            station.allocateSlots(slots.capacity() * 2);
        }
        slots.launch(i);
        station.touchTracked(i, now);
        if (credits != null) {
            credits.launched(i, now);
        }
        versions.set(i, 0, service);
        station.connectionsOpened(i, now);
        return i;
    }

    /** Instance {@code i} runs version {@code v} (0: the version the run starts with; a rollout's revisions count up). */
    public void setVersion(int i, int v) {
        versions.set(i, v, service);
    }

    /** Instance {@code i} (starting or down) takes work from now on; back from repair, its connections open again. */
    public void ready(int i, long now) {
        station.touch(now);
        slots.ready(i, service);
        if (stateListener != null) {
            stateListener.ready(i, now);
        }
        station.connectionsOpened(i, now);
    }

    /**
     * Takes instance {@code i} out of service gracefully: it gets no new work, finishes what it holds and then ends.
     * One that holds nothing (or is starting or down) ends at once.
     */
    public void drain(int i, long now) {
        station.touch(now);
        byte st = slots.state(i);
        if (st == InstanceSlots.READY) {
            slots.drain(i);
            if (stateListener != null) {
                stateListener.leaves(i, now);
            }
            if (station.outstanding(i) == 0) {
                end(i, now);
            }
        } else if (st == InstanceSlots.STARTING || st == InstanceSlots.DOWN) {
            end(i, now);
        }
    }

    /**
     * Takes ready instance {@code i} out of service but keeps it: it gets no new work, finishes what it holds and stays,
     * idle and billed, until {@link #release} (an old blue-green fleet during its scale-down delay).
     */
    public void withdraw(int i, long now) {
        station.touch(now);
        slots.withdraw(i);
    }

    /** Withdrawn instance {@code i} goes: it ends now if it holds nothing, else once it has finished. */
    public void release(int i, long now) {
        station.touch(now);
        slots.release(i);
        if (slots.state(i) == InstanceSlots.DRAINING && station.outstanding(i) == 0) {
            end(i, now);
        }
    }

    /**
     * Instance {@code i} is lost (a crash, a zone outage, a spot instance terminated, a drain that ran out of time): every
     * request it holds fails with {@code instance_lost}. It then ends, or, with {@code repair}, stays down (billed, no
     * work) until {@link #ready}.
     */
    public void lose(int i, long now, boolean repair) {
        station.touch(now);
        station.touchTracked(i, now);
        if (slots.state(i) == InstanceSlots.FREE) {
            return;
        }
        boolean wasReady = slots.state(i) == InstanceSlots.READY;
        slots.lose(i, repair);
        if (stateListener != null && wasReady) {
            stateListener.leaves(i, now);
        }
        int[] victims = detachAll(i, now);
        for (int r : victims) {
            if (req.counted[r]) {
                lost++;
            }
            req.ownerOf(r).failed(r, ErrorCause.INSTANCE_LOST, now);
        }
        station.connectionsClosed(i, now);
        if (credits != null) {
            if (repair) {
                credits.demandChanged(i, now); // its computations are gone
            } else {
                credits.ended(i, now);
            }
        }
        if (!repair) {
            listener.ended(i, now);
        }
    }

    /** Instance {@code i} ends: its slot is free again. */
    void end(int i, long now) {
        station.connectionsClosed(i, now);
        slots.end(i);
        if (credits != null) {
            credits.ended(i, now);
        }
        listener.ended(i, now);
    }

    /** Empties instance {@code i}: its queue, its computing and waiting requests; returns them (they have left). */
    private int[] detachAll(int i, long now) {
        Requests q = req;
        int working = station.busy(i);
        int[] victims = new int[working + queues.length(i)];
        int n = queues.drainTo(i, victims);
        cpu.clear(i);
        if (working > 0) {
            int queued = n;
            int hw = q.highWater();
            for (int r = 0; r < hw; r++) {
                if (q.station[r] == ownerId && q.instance[r] == i && !contains(victims, n, r)) {
                    victims[n++] = r;
                }
            }
            TailCalls.inCallOrder(q, victims, queued, n);
            for (int k = queued; k < n; k++) {
                int r = victims[k];
                if (q.workEvent[r] >= 0) {
                    events.cancelOnce(q.workEvent[r]);
                    q.workEvent[r] = -1;
                }
                q.callEpoch[r]++; // answers to its calls now belong to a phase that is over
            }
            station.freeWorkers(i);
        }
        for (int k = 0; k < n; k++) {
            flow.leave(victims[k], now, ErrorCause.INSTANCE_LOST.ordinal());
        }
        return n == victims.length ? victims : Arrays.copyOf(victims, n);
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int k = 0; k < n; k++) {
            if (a[k] == v) {
                return true;
            }
        }
        return false;
    }
}
