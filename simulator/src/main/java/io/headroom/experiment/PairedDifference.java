package io.headroom.experiment;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The difference between two designs measured with common random numbers: replication r of both ran
 * with the same seed, so the pairs {@code (a_r, b_r)} share their luck and the differences
 * {@code b_r − a_r} vary far less than either. The mean difference with a paired-t 95 % confidence
 * interval (Student t on the differences, n − 1 degrees of freedom); an interval that excludes 0 is a
 * difference the replications can tell apart from noise.
 *
 * @param mean      mean of {@code b − a}
 * @param halfWidth 95 % half-width (NaN with fewer than two pairs or a missing value)
 */
public record PairedDifference(double mean, double halfWidth) {

    public static PairedDifference of(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " and " + b.length);
        }
        SummaryStatistics d = new SummaryStatistics();
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                return new PairedDifference(Double.NaN, Double.NaN);
            }
            d.addValue(b[i] - a[i]);
        }
        if (d.getN() < 2) {
            return new PairedDifference(d.getN() == 1 ? d.getMean() : Double.NaN, Double.NaN);
        }
        double t = new TDistribution(d.getN() - 1).inverseCumulativeProbability(0.975);
        return new PairedDifference(d.getMean(), t * d.getStandardDeviation() / Math.sqrt(d.getN()));
    }

    /** True when the interval excludes zero. */
    public boolean significant() {
        return !Double.isNaN(halfWidth) && Math.abs(mean) > halfWidth;
    }
}
