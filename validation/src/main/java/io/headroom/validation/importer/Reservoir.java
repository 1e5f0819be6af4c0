package io.headroom.validation.importer;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A uniform sample of at most {@code capacity} values from a stream of any length (Vitter's algorithm R), with the
 * stream's exact count, sum, minimum and maximum, and the moments of its positive values for fitting. Seeded, so the same stream gives the same sample.
 */
final class Reservoir {
    private final int capacity;
    /** Grows as values come, up to the capacity: an endpoint seen a few times costs a few values, not the capacity. */
    private double[] values = new double[16];
    private final long seed;
    /** Made when the reservoir is first full (its state is 2.5 KB). */
    private RandomGenerator rng;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long positives;
    private double positiveSum;
    private double sumLog;
    private double sumLogSquared;

    Reservoir(int capacity, long seed) {
        this.capacity = capacity;
        this.seed = seed;
    }

    void add(double v) {
        if (count < capacity) {
            if (count == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(capacity, 2L * values.length));
            }
            values[(int) count] = v;
        } else {
            if (rng == null) {
                rng = new Well19937c(seed);
            }
            long j = (long) (rng.nextDouble() * (count + 1));
            if (j < capacity) {
                values[(int) j] = v;
            }
        }
        count++;
        sum += v;
        if (v > 0) {
            double l = Math.log(v);
            positives++;
            positiveSum += v;
            sumLog += l;
            sumLogSquared += l * l;
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** The moments of every positive value of the stream (what a fit by maximum likelihood needs). */
    io.headroom.validation.calibrate.DemandFit.Moments moments() {
        return new io.headroom.validation.calibrate.DemandFit.Moments(positives, positiveSum, sumLog, sumLogSquared);
    }

    long count() {
        return count;
    }

    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** The sample, a copy, in the order kept. */
    double[] sample() {
        return Arrays.copyOf(values, (int) Math.min(count, capacity));
    }

    /** The sample's median (of the kept values), NaN when empty. */
    double median() {
        double[] s = sample();
        if (s.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
