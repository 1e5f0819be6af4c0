package io.headroom.service;

import io.headroom.dist.DurationSampler;
import java.util.function.LongConsumer;

/**
 * The network between availability zones, as a caller sees it. Instance {@code i} of every
 * component runs in zone {@code i mod zones}; an answer from another instance comes back after
 * the intra- or cross-zone time (the call's whole round trip, added in one piece when the answer
 * arrives), and a call answered across zones bills its bytes both ways, as cloud providers bill
 * inter-zone traffic. Without zones ({@code zones == 0}) calls cross no network of this kind.
 */
final class ZoneNetwork {
    private int zones;
    private DurationSampler intra;
    private DurationSampler cross;
    private long[][] callBytes;
    private LongConsumer meter;

    /** {@code zones} zones (0: none) with their round-trip samplers (null: no time). */
    void configure(int zones, DurationSampler intra, DurationSampler cross) {
        this.zones = zones;
        this.intra = intra;
        this.cross = cross;
    }

    /** Bills the bytes of calls answered across zones to {@code meter}: {@code bytes[versioned endpoint][call]}, both ways. */
    void meter(long[][] bytes, LongConsumer meter) {
        this.callBytes = bytes;
        this.meter = meter;
    }

    /** Zones (0: none). */
    int zones() {
        return zones;
    }

    /** The zone of instance slot {@code i}: {@code i mod zones} (0 without zones). */
    int zoneOf(int i) {
        return zones >= 1 ? i % zones : 0;
    }

    /**
     * The answer to call {@code c} of versioned endpoint {@code e}, made by caller instance {@code caller} and
     * answered by callee instance {@code callee}, crosses the network: bills its bytes if it crossed
     * zones, and returns the round trip's time in ns (requires zones).
     */
    long answerDelay(int caller, int callee, int e, int c) {
        int callerZone = caller % zones;
        int calleeZone = callee % zones;
        if (callerZone != calleeZone && callBytes != null) {
            long bytes = callBytes[e][c];
            if (bytes > 0) {
                meter.accept(bytes);
            }
        }
        DurationSampler d = callerZone == calleeZone ? intra : cross;
        return d == null ? 0 : d.sampleNanos();
    }
}
