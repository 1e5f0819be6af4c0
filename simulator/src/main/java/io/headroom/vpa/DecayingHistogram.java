package io.headroom.vpa;

/**
 * A {@link Histogram} that forgets: a sample taken at time {@code t} weighs
 * {@code weight * 2^((t - reference) / halfLife)}, so every half-life the older samples lose half of their
 * importance relative to new ones (the VPA's default half-life is 24 h for CPU). Only relative weights matter, so
 * the reference time may move at any moment, which multiplies every weight by a power of two; it moves forward
 * (rounded to a multiple of the half-life) whenever a sample comes more than 100 half-lives after it, before the
 * exponent overflows.
 *
 * <p>Ported from kubernetes/autoscaler {@code vertical-pod-autoscaler/pkg/recommender/util/decaying_histogram.go}
 * ({@code AddSample}, {@code SubtractSample}, {@code Merge}, {@code decayFactor},
 * {@code shiftReferenceTimestamp}). Upstream starts from Go's zero time, so its first sample always shifts the
 * reference to that sample's time rounded to the half-life; here the first sample does the same directly, which
 * also admits times before the run (a history seed).
 */
public final class DecayingHistogram {
    /** Beyond {@code 2^MAX_DECAY_EXPONENT} the histogram is renormalised by shifting the reference. */
    static final int MAX_DECAY_EXPONENT = 100;

    private final Histogram histogram;
    private final long halfLifeNs;
    private long referenceNs;
    private boolean referenceSet;

    public DecayingHistogram(HistogramOptions options, long halfLifeNs) {
        if (halfLifeNs <= 0) {
            throw new IllegalArgumentException("half-life must be positive");
        }
        this.histogram = new Histogram(options);
        this.halfLifeNs = halfLifeNs;
    }

    public void addSample(double value, double weight, long tNs) {
        histogram.addSample(value, weight * decayFactor(tNs));
    }

    public void subtractSample(double value, double weight, long tNs) {
        histogram.subtractSample(value, weight * decayFactor(tNs));
    }

    /** Adds {@code other}'s samples, first aligning the older reference time with the younger. */
    public void merge(DecayingHistogram other) {
        if (halfLifeNs != other.halfLifeNs) {
            throw new IllegalArgumentException("can't merge decaying histograms with different half life periods");
        }
        if (other.referenceSet) {
            if (!referenceSet) {
                referenceNs = other.referenceNs;
                referenceSet = true;
            } else if (referenceNs < other.referenceNs) {
                shiftReference(other.referenceNs);
            } else if (other.referenceNs < referenceNs) {
                other.shiftReference(referenceNs);
            }
        }
        histogram.merge(other.histogram);
    }

    public double percentile(double percentile) {
        return histogram.percentile(percentile);
    }

    public boolean isEmpty() {
        return histogram.isEmpty();
    }

    /** Upstream's {@code Equals}: same half-life, reference time and buckets. */
    public boolean sameAs(DecayingHistogram other) {
        return halfLifeNs == other.halfLifeNs && referenceSet == other.referenceSet && referenceNs == other.referenceNs
                && histogram.sameAs(other.histogram);
    }

    long referenceNs() {
        return referenceNs;
    }

    private void shiftReference(long newReferenceNs) {
        long rounded = roundToMultiple(newReferenceNs, halfLifeNs);
        int exponent = (int) Math.floor((double) (referenceNs - rounded) / (double) halfLifeNs + 0.5);
        histogram.scale(Math.scalb(1.0, exponent)); // every weight times 2^exponent
        referenceNs = rounded;
    }

    private double decayFactor(long tNs) {
        if (!referenceSet) {
            referenceNs = roundToMultiple(tNs, halfLifeNs);
            referenceSet = true;
        } else if (tNs > referenceNs + halfLifeNs * MAX_DECAY_EXPONENT) {
            shiftReference(tNs);
        }
        return StrictMath.pow(2.0, (double) (tNs - referenceNs) / (double) halfLifeNs);
    }

    /** Go's {@code time.Round}: the nearest multiple of {@code d}, halfway values rounded up. */
    static long roundToMultiple(long t, long d) {
        long q = Math.floorDiv(t, d);
        long r = t - q * d;
        if (r + r >= d) {
            q++;
        }
        return q * d;
    }
}
