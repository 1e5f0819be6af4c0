package io.headroom.validation.calibrate;

import io.headroom.dist.DistributionSpec;
import io.headroom.dist.TimeUnitName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Demand distributions fitted to durations measured at low load, where a response time is (nearly) a
 * service time: "measure at low load, predict the knee". Two families, each by maximum likelihood —
 * lognormal (mu and sigma of ln t: the mean and standard deviation of the logs) and gamma (shape by
 * Newton's method on ln k - digamma(k) = ln(mean) - mean(ln t), started from Minka's approximation; scale
 * mean / k) — ranked by log-likelihood (both have two parameters, so this is also AIC's ranking), with the
 * Kolmogorov–Smirnov distance of each (commons-math3) as a check on the fit's shape.
 */
public final class DemandFit {

    /** One fitted family: the spec to put in a design, its log-likelihood and KS distance on the data. */
    public record Fit(String family, DistributionSpec spec, double logLikelihood, double ks, double meanMs, double cv) {
        /** The YAML flow mapping of the spec, e.g. {@code {dist: gamma, mean: 20.41ms, cv: 0.982}}. */
        public String yaml() {
            if (spec instanceof DistributionSpec.Lognormal l) {
                return String.format(Locale.ROOT, "{dist: lognormal, mu: %.5f, sigma: %.5f, unit: ms}", l.mu(), l.sigma());
            }
            DistributionSpec.Gamma g = (DistributionSpec.Gamma) spec;
            return String.format(Locale.ROOT, "{dist: gamma, mean: %.4fms, cv: %.5f}", g.mean().toNanos() / 1e6, g.cv());
        }
    }

    private DemandFit() {
    }

    /** Both fits, the better (higher likelihood) first. Needs at least 10 positive durations (milliseconds). */
    public static List<Fit> fit(double[] ms) {
        double[] x = java.util.Arrays.stream(ms).filter(v -> v > 0).toArray();
        if (x.length < 10) {
            throw new IllegalArgumentException("need at least 10 positive durations to fit, got " + x.length);
        }
        int n = x.length;
        double sum = 0;
        double sumLog = 0;
        for (double v : x) {
            sum += v;
            sumLog += Math.log(v);
        }
        double mean = sum / n;
        double meanLog = sumLog / n;
        double ss = 0;
        for (double v : x) {
            double d = Math.log(v) - meanLog;
            ss += d * d;
        }
        double sigma = Math.sqrt(ss / n);
        List<Fit> fits = new ArrayList<>();
        if (sigma > MIN_SIGMA) {
            LogNormalDistribution ln = new LogNormalDistribution(null, meanLog, sigma);
            fits.add(new Fit("lognormal", new DistributionSpec.Lognormal(null, null, meanLog, sigma, TimeUnitName.MS),
                    logLikelihood(ln, x), ks(ln, x), ln.getNumericalMean(), Math.sqrt(Math.expm1(sigma * sigma))));
        }
        double s = Math.log(mean) - meanLog;
        if (s > MIN_LOG_GAP) {
            double k = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
            k = newtonShape(k, s);
            if (k > 0 && Double.isFinite(k)) {
                GammaDistribution g = new GammaDistribution(null, k, mean / k);
                fits.add(new Fit("gamma", new DistributionSpec.Gamma(Duration.ofNanos(Math.round(mean * 1e6)), 1 / Math.sqrt(k)),
                        logLikelihood(g, x), ks(g, x), mean, 1 / Math.sqrt(k)));
            }
        }
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("the durations are all equal: use {dist: constant, value: " + mean + "ms}");
        }
        fits.sort(Comparator.comparingDouble(Fit::logLikelihood).reversed());
        return fits;
    }

    /**
     * The moments both fits need, over every positive duration of a stream (milliseconds): the count, the sum, and the
     * sums of the logarithms and of their squares. Maximum likelihood for the lognormal and the gamma depends on the
     * data through these alone, so a stream of any length is fitted exactly without being kept.
     */
    public record Moments(long n, double sum, double sumLog, double sumLogSquared) {
        public Moments add(double ms) {
            double l = Math.log(ms);
            return new Moments(n + 1, sum + ms, sumLog + l, sumLogSquared + l * l);
        }
    }

    /**
     * Both fits from the stream's {@link Moments} (parameters and log-likelihoods over the whole stream), with each
     * family's Kolmogorov–Smirnov distance measured on {@code sample}, a uniform sample of the stream's positive values
     * (all of them when it is short). The better (higher likelihood) first. Needs at least 10 positive durations.
     */
    public static List<Fit> fit(Moments m, double[] sample) {
        if (m.n() < 10) {
            throw new IllegalArgumentException("need at least 10 positive durations to fit, got " + m.n());
        }
        double count = m.n();
        double mean = m.sum() / count;
        double meanLog = m.sumLog() / count;
        double sigma = Math.sqrt(Math.max(0, m.sumLogSquared() / count - meanLog * meanLog));
        double[] x = java.util.Arrays.stream(sample).filter(v -> v > 0).toArray();
        List<Fit> fits = new ArrayList<>();
        if (sigma > MIN_SIGMA) {
            LogNormalDistribution ln = new LogNormalDistribution(null, meanLog, sigma);
            // sum of log densities: -sum(ln x) - n ln(sigma sqrt(2 pi)) - sum((ln x - mu)^2) / (2 sigma^2), the last sum n sigma^2
            double ll = -m.sumLog() - count * Math.log(sigma * Math.sqrt(2 * Math.PI)) - count / 2;
            fits.add(new Fit("lognormal", new DistributionSpec.Lognormal(null, null, meanLog, sigma, TimeUnitName.MS), ll, ks(ln, x),
                    ln.getNumericalMean(), Math.sqrt(Math.expm1(sigma * sigma))));
        }
        double s = Math.log(mean) - meanLog;
        if (s > MIN_LOG_GAP) {
            double k = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
            k = newtonShape(k, s);
            if (k > 0 && Double.isFinite(k)) {
                double theta = mean / k;
                GammaDistribution g = new GammaDistribution(null, k, theta);
                // (k - 1) sum(ln x) - sum(x) / theta - n ln Gamma(k) - n k ln theta
                double ll = (k - 1) * m.sumLog() - m.sum() / theta - count * Gamma.logGamma(k) - count * k * Math.log(theta);
                fits.add(new Fit("gamma", new DistributionSpec.Gamma(Duration.ofNanos(Math.round(mean * 1e6)), 1 / Math.sqrt(k)), ll,
                        ks(g, x), mean, 1 / Math.sqrt(k)));
            }
        }
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("the durations are all equal: use {dist: constant, value: " + mean + "ms}");
        }
        fits.sort(Comparator.comparingDouble(Fit::logLikelihood).reversed());
        return fits;
    }

    /**
     * Below these the durations are equal but for rounding (a coefficient of variation under about 4e-5): no family is
     * fitted, as for exactly equal ones (Newton's method on a gap of rounding noise runs the shape off to infinity).
     */
    private static final double MIN_LOG_GAP = 1e-9;
    private static final double MIN_SIGMA = 1e-6;

    /** The gamma shape k solving ln k - digamma(k) = s by Newton's method from {@code k}; NaN if it leaves (0, inf). */
    private static double newtonShape(double k, double s) {
        for (int i = 0; i < 50; i++) {
            double step = (Math.log(k) - Gamma.digamma(k) - s) / (1 / k - Gamma.trigamma(k));
            k -= step;
            if (!(k > 0) || !Double.isFinite(k)) {
                return Double.NaN;
            }
            if (Math.abs(step) < 1e-12 * k) {
                break;
            }
        }
        return k;
    }

    private static double logLikelihood(RealDistribution d, double[] x) {
        double ll = 0;
        for (double v : x) {
            ll += d instanceof LogNormalDistribution l ? l.logDensity(v) : ((GammaDistribution) d).logDensity(v);
        }
        return ll;
    }

    private static double ks(RealDistribution d, double[] x) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(d, x);
    }
}
