package io.headroom.region;

import io.headroom.engine.EventHandler;
import io.headroom.engine.Simulation;
import io.headroom.request.Component;
import io.headroom.request.ErrorCause;
import io.headroom.request.RequestListener;
import io.headroom.request.Requests;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A global router at run time, as Amazon Route 53 answers for a name with one record per region: a request from
 * population p is sent to the record its policy answers ({@link RecordChoice}) among the healthy ones, as resolvers
 * still cache it ({@link DnsAnswers}); it travels to that region and back (the round trip added when the answer comes
 * back), and a request sent to a region that is down fails at once as {@code unavailable}. Health checks run every
 * {@code interval} from the start; a record fails its check while its region is down or its target has no ready
 * instance ({@link HealthChecks}). The router owns the request it sends on, so it sees each region's outcomes.
 */
public final class GlobalRouter implements Component, RequestListener {
    /** Whether a record's region is down at an instant. */
    public interface RegionState {
        boolean down(int region, long now);
    }

    private final String name;
    private final Simulation sim;
    private final Requests req;
    private final int ownerId;
    private final Component[] targets;
    private final int[] targetIds;
    private final int[] recordRegion;
    private final long[][] tripNs;
    private final RecordChoice choice;
    private final DnsAnswers dns;
    private final RandomGenerator rng;
    private final RegionState regions;
    private final RouterFigures figures;
    private final EventHandler reply;
    private int[] recordOf = new int[64];
    private java.util.function.LongConsumer[] egress;
    private long[] responseBytes;

    private HealthChecks checks;
    private BooleanSupplier[] probes;
    private long intervalNs;

    /**
     * @param targetIds    each record's component (the target's copy in the record's region), by position
     * @param recordRegion each record's region (index in the design's regions)
     * @param tripNs       round trip from each population to each record's region
     */
    public GlobalRouter(String name, Simulation sim, Requests req, int[] targetIds, int[] recordRegion,
                        long[][] tripNs, RecordChoice choice, long ttlNs, RandomGenerator rng, RegionState regions, int populations) {
        this.name = name;
        this.sim = sim;
        this.req = req;
        this.ownerId = req.register(this);
        this.targets = new Component[targetIds.length];
        this.targetIds = targetIds;
        this.recordRegion = recordRegion;
        this.tripNs = tripNs;
        this.choice = choice;
        long all = targets.length >= 64 ? -1L : (1L << targets.length) - 1;
        this.dns = new DnsAnswers(all, ttlNs);
        this.rng = rng;
        this.regions = regions;
        this.figures = new RouterFigures(populations, targets.length);
        this.reply = this::reply;
    }

    /** Connects each record to its component, once every component is built. */
    public void wire(Component[] components) {
        for (int k = 0; k < targets.length; k++) {
            targets[k] = components[targetIds[k]];
        }
    }

    /** Bills each answer's {@code responseBytes[endpoint]} as transfer out to the internet from its record's region. */
    public void egress(java.util.function.LongConsumer[] perRecord, long[] responseBytes) {
        this.egress = perRecord;
        this.responseBytes = responseBytes;
    }

    /** Health checks every {@code intervalNs} from the start, a record failing while {@code probes[k]} says it cannot serve. */
    public void healthChecks(long intervalNs, int threshold, BooleanSupplier[] probes) {
        this.checks = new HealthChecks(targets.length, threshold);
        this.probes = probes;
        this.intervalNs = intervalNs;
        sim.events().once(this::check, 0, intervalNs);
    }

    private void check(int unused) {
        long now = sim.now();
        boolean changed = false;
        for (int k = 0; k < targets.length; k++) {
            boolean passed = !regions.down(recordRegion[k], now) && probes[k].getAsBoolean();
            if (checks.observe(k, passed)) {
                figures.detected(k, now, passed);
                changed = true;
            }
        }
        if (changed) {
            dns.change(checks.mask(), now);
        }
        sim.events().once(this::check, 0, now + intervalNs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void accept(int r) {
        long now = sim.now();
        int p = req.population[r];
        long healthy = dns.fading(now) ? dns.answer(now, rng.nextDouble()) : dns.current();
        int k = choice.choose(p, healthy, choice.draws() ? rng.nextDouble() : 0);
        figures.routed(p, k, req.counted[r]);
        if (regions.down(recordRegion[k], now)) {
            if (req.counted[r]) {
                figures.failed(k, ErrorCause.UNAVAILABLE);
            }
            req.ownerOf(r).failed(r, ErrorCause.UNAVAILABLE, now);
            return;
        }
        int child = req.allocateChild(r, ownerId, targetIds[k], req.localEndpoint[r], now);
        if (child == Requests.FULL) {
            sim.stop();
            return;
        }
        if (child >= recordOf.length) {
            recordOf = Arrays.copyOf(recordOf, Math.max(child + 1, recordOf.length * 2));
        }
        recordOf[child] = k;
        req.arrival[child] = now;
        targets[k].accept(child);
    }

    @Override
    public void completed(int child, long now) {
        int k = recordOf[child];
        int r = req.releaseChild(child);
        if (r < 0) {
            return;
        }
        long trip = tripNs[req.population[r]][k];
        if (req.counted[r]) {
            figures.completed(k, now + trip - req.arrival[r]);
        }
        if (egress != null) {
            long b = responseBytes[req.localEndpoint[r]];
            if (b > 0) {
                egress[k].accept(b);
            }
        }
        if (trip > 0) {
            sim.events().once(reply, r, now + trip);
        } else {
            req.ownerOf(r).completed(r, now);
        }
    }

    private void reply(int r) {
        req.ownerOf(r).completed(r, sim.now());
    }

    @Override
    public void failed(int child, ErrorCause cause, long now) {
        int k = recordOf[child];
        int r = req.releaseChild(child);
        if (r < 0) {
            return;
        }
        if (req.counted[r]) {
            figures.failed(k, cause);
        }
        req.ownerOf(r).failed(r, cause, now);
    }

    public RouterFigures figures() {
        return figures;
    }

    /** Each record's region, by index in the design's regions. */
    public int[] recordRegions() {
        return recordRegion.clone();
    }
}
