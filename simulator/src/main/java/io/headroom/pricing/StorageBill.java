package io.headroom.pricing;

import io.headroom.design.pricing.StoragePrice;
import io.headroom.design.storage.StorageSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bill of one store of data over time, in closed form: a pure function of its {@link StorageSpec}
 * and its classes' {@link StoragePrice}s, so that a run books it without any event.
 *
 * <p>The data: a volume holds {@code size + growth × t}, all in its class. A bucket's bytes were written
 * at the growth rate {@code g}, the oldest {@code size / g} before the run (without growth, all
 * {@code age} old); a byte is in class {@code k} while its age is in {@code [A_k, A_k+1)}, where
 * {@code A_0 = 0} and {@code A_k} is the {@code k}-th lifecycle rule's {@code after}. The amount in each
 * class is then piecewise linear in time (piecewise constant without growth), integrated exactly
 * between its breakpoints.
 *
 * <p>The charges, in AWS's terms: stored GB-months (a GB is 2<sup>30</sup> bytes, a month 730 hours) at
 * each class's price; a volume's IOPS and throughput above what its class includes at its size;
 * transitions into a class per 1,000 objects (bytes crossing the age / {@code object-size}); retrievals
 * per GB read from their class.
 */
public final class StorageBill {
    private static final double HOURS_PER_MONTH = 730;
    private static final double S_PER_HOUR = 3600;
    private static final double S_PER_DAY = 86_400;
    private static final double GB = StorageSpec.BYTES_PER_GB;

    private final String name;
    private final StorageSpec spec;
    private final StoragePrice[] prices;
    private final double[] ageFrom; // A_k in seconds, A_0 = 0
    private final double g;         // growth, bytes per second
    private final double s0;
    private final double age0;      // seconds (no growth)
    private final double[] retrievalPerS;
    private final int[] retrievalClass;
    private final double[] breakpoints;
    private final int copies;

    /** The bill of {@code spec}, its classes priced by {@code prices} in the order of {@link StorageSpec#classes()}. */
    public StorageBill(String name, StorageSpec spec, List<StoragePrice> prices) {
        this(name, spec, prices, 1);
    }

    /**
     * The bill of {@code copies} stores like {@code spec} (a database's volume on each of its instances): each is priced
     * as its own volume (the IOPS its size includes), and every figure is the sum of the copies.
     */
    public StorageBill(String name, StorageSpec spec, List<StoragePrice> prices, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("at least one copy, got " + copies);
        }
        this.copies = copies;
        List<String> classes = spec.classes();
        if (prices.size() != classes.size()) {
            throw new IllegalArgumentException("one price per class " + classes + ", got " + prices.size());
        }
        this.name = name;
        this.spec = spec;
        this.prices = prices.toArray(new StoragePrice[0]);
        this.ageFrom = new double[classes.size()];
        for (int k = 1; k < ageFrom.length; k++) {
            ageFrom[k] = spec.lifecycle().get(k - 1).after().toNanos() / 1e9;
        }
        this.g = spec.growthPerDay() / S_PER_DAY;
        this.s0 = spec.size();
        this.age0 = spec.age().toNanos() / 1e9;
        this.retrievalPerS = new double[spec.retrievals().size()];
        this.retrievalClass = new int[retrievalPerS.length];
        for (int i = 0; i < retrievalPerS.length; i++) {
            retrievalPerS[i] = spec.retrievals().get(i).perDay() / S_PER_DAY;
            retrievalClass[i] = classes.indexOf(spec.retrievals().get(i).storageClass());
        }
        List<Double> b = new ArrayList<>();
        double w0 = g > 0 ? -s0 / g : 0;
        for (double a : ageFrom) {
            b.add(g > 0 ? w0 + a : a - age0);
        }
        StoragePrice p0 = this.prices[0];
        if (g > 0 && Double.isFinite(p0.largeFromGb())) {
            b.add((p0.largeFromGb() * GB - s0) / g); // the volume reaches the size where more is included
        }
        this.breakpoints = b.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
    }

    public String name() {
        return name;
    }

    public StorageSpec spec() {
        return spec;
    }

    /** Bytes stored at {@code t} seconds, all classes. */
    public double bytesAt(double t) {
        return copies * (s0 + g * t);
    }

    /** Bytes in class {@code k} at {@code t} seconds. */
    double bytesIn(int k, double t) {
        if (spec.type() != StorageSpec.Kind.BUCKET) {
            return k == 0 ? s0 + g * t : 0;
        }
        double aFrom = ageFrom[k];
        double aTo = k + 1 < ageFrom.length ? ageFrom[k + 1] : Double.POSITIVE_INFINITY;
        if (g > 0) {
            double w0 = -s0 / g;
            double newest = t - aFrom;                 // written at or before this, old enough for class k
            double oldest = Math.max(t - aTo, w0);     // written after this, not yet old enough for class k+1
            return Math.max(0, newest - oldest) * g;
        }
        double a = age0 + t;
        return a >= aFrom && a < aTo ? s0 : 0;
    }

    /** The storage cost of class {@code k} over {@code [from, to]} seconds (stored GB-months only). */
    public double storedUsd(int k, double from, double to) {
        return copies * integral(k, from, to) / GB / S_PER_HOUR / HOURS_PER_MONTH * prices[k].usdPerGbMonth();
    }

    /** The IOPS and throughput provisioned above what a volume's class includes, over {@code [from, to]} seconds. */
    public double provisionedUsd(double from, double to) {
        if (spec.iops() == null && spec.throughput() == null) {
            return 0;
        }
        StoragePrice p = prices[0];
        double usd = 0;
        double[] cuts = cuts(from, to);
        for (int i = 0; i + 1 < cuts.length; i++) {
            double mid = (cuts[i] + cuts[i + 1]) / 2;
            double gb = (s0 + g * mid) / GB; // one copy's size: what its class includes depends on it
            double extraIops = spec.iops() == null ? 0 : Math.max(0, spec.iops() - p.includedIopsAt(gb));
            double extraMbps = spec.throughput() == null ? 0 : Math.max(0, spec.throughput() - p.includedThroughputAt(gb));
            double perMonth = extraIops * p.usdPerIopsMonth() + extraMbps * p.usdPerMbpsMonth();
            usd += perMonth / HOURS_PER_MONTH * (cuts[i + 1] - cuts[i]) / S_PER_HOUR;
        }
        return copies * usd;
    }

    /** Objects moved into class {@code k} (k at least 1) by the lifecycle during {@code (from, to]} seconds. */
    public double transitions(int k, double from, double to) {
        if (k < 1 || spec.objectSize() == null) {
            return 0;
        }
        double bytes;
        if (g > 0) {
            double w0 = -s0 / g;
            bytes = Math.max(0, (to - ageFrom[k]) - Math.max(from - ageFrom[k], w0)) * g;
        } else {
            double at = ageFrom[k] - age0;
            bytes = from < at && at <= to ? s0 : 0;
        }
        return copies * bytes / spec.objectSize();
    }

    /** What the transitions into class {@code k} cost over {@code (from, to]} seconds. */
    public double transitionUsd(int k, double from, double to) {
        return transitions(k, from, to) / 1000 * prices[k].transitionUsdPer1000();
    }

    /** GB read back by retrieval {@code i} over {@code [from, to]} seconds. */
    public double retrievedGb(int i, double from, double to) {
        return copies * retrievalPerS[i] * (to - from) / GB;
    }

    /** What retrieval {@code i} cost over {@code [from, to]} seconds. */
    public double retrievalUsd(int i, double from, double to) {
        return retrievedGb(i, from, to) * prices[retrievalClass[i]].retrievalUsdPerGb();
    }

    /** Everything this store cost over {@code [from, to]} seconds. */
    public double usd(double from, double to) {
        if (to <= from) {
            return 0;
        }
        double usd = provisionedUsd(from, to);
        for (int k = 0; k < prices.length; k++) {
            usd += storedUsd(k, from, to) + transitionUsd(k, from, to);
        }
        for (int i = 0; i < retrievalPerS.length; i++) {
            usd += retrievalUsd(i, from, to);
        }
        return usd;
    }

    /** The cost rate at {@code t} seconds, USD per hour (transitions of a bucket without growth, which happen at one instant, left out). */
    public double usdPerHour(double t) {
        double eps = 1e-3;
        double usd = provisionedUsd(t, t + eps);
        for (int k = 0; k < prices.length; k++) {
            usd += copies * bytesIn(k, t) / GB / HOURS_PER_MONTH * prices[k].usdPerGbMonth() * eps / S_PER_HOUR;
            if (g > 0) {
                usd += transitionUsd(k, t, t + eps);
            }
        }
        for (int i = 0; i < retrievalPerS.length; i++) {
            usd += retrievalUsd(i, t, t + eps);
        }
        return usd / eps * S_PER_HOUR;
    }

    /** The storage classes' number. */
    public int classes() {
        return prices.length;
    }

    private double integral(int k, double from, double to) {
        double[] cuts = cuts(from, to);
        double sum = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            double mid = (cuts[i] + cuts[i + 1]) / 2; // the amount is linear between breakpoints: the midpoint rule is exact
            sum += bytesIn(k, mid) * (cuts[i + 1] - cuts[i]);
        }
        return sum;
    }

    private double[] cuts(double from, double to) {
        double[] c = new double[breakpoints.length + 2];
        int n = 0;
        c[n++] = from;
        for (double b : breakpoints) {
            if (b > from && b < to) {
                c[n++] = b;
            }
        }
        c[n++] = to;
        return Arrays.copyOf(c, n);
    }
}
