package io.headroom.autoscale;

import io.headroom.design.autoscaling.Predictive;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.Metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Predictive scaling on a daily sinusoidal load, rate(t) = 1000 + 500 sin(2πt / 1 day) requests per second,
 * observed as exact five-minute averages: no forecast during the first day; from the second day the forecasts
 * follow the load, and each decision provisions, ahead by the startup time, what the load will need when the
 * instances are ready.
 */
class PredictivePolicyTest {
    private static final long S = 1_000_000_000L;
    private static final long STEP = 300 * S;
    private static final long DAY = 86_400 * S;

    /** The exact mean of the sinusoidal rate over [a, b] ns. */
    static double mean(long a, long b) {
        double d = DAY;
        double w = 2 * Math.PI / d;
        return 1000 - 500 / (w * (b - a)) * (Math.cos(w * b) - Math.cos(w * a));
    }

    static Predictive spec() {
        return new Predictive(Metric.RPS, 100, Duration.ofDays(1), 0.2, 0.01, 0.3, Predictive.FIVE_MINUTES);
    }

    @Test
    void noForecastBeforeOneSeasonThenExactOnANoiseFreeSeason() {
        PredictivePolicy p = new PredictivePolicy(spec());
        FakeView v = new FakeView(10);
        v.startupNs = 600 * S;
        v.fleet.put(Metric.RPS_TOTAL, PredictivePolicyTest::mean);
        double maxError = 0;
        int covered = 0;
        for (long t = STEP; t <= 2 * DAY; t += STEP) {
            int n = p.decide(v.at(t));
            if (t < DAY) {
                assertEquals(-1, n, "no forecast before a full season, t=" + t / S);
                continue;
            }
            // one step ahead: the next five minutes
            maxError = Math.max(maxError, Math.abs(p.model().forecast(1) - mean(t, t + STEP)));
            // ahead by the startup time: what the instances ordered now must carry once ready (10 to 15 min from now)
            double needed = Math.max(Math.max(mean(t, t + STEP), mean(t + STEP, t + 2 * STEP)), mean(t + 2 * STEP, t + 3 * STEP));
            assertEquals((int) Math.ceil(needed / 100 - 1e-9), n, "t=" + t / S);
            assertTrue(n * 100 >= mean(t + 2 * STEP, t + 3 * STEP));
            covered++;
        }
        assertEquals(289, covered);
        assertTrue(maxError < 1e-6, "noise-free: the first season is the seasonal profile exactly, error " + maxError);
    }

    @Test
    void noisyLoadIsForecastWithinItsNoise() {
        // each five-minute average carries independent noise of σ = 50 rps (5 % of the mean). The one-step error is
        // the next observation's own noise plus the model's estimation error; the initial seasonal offsets hold one
        // season's noise, which each later season shrinks by (1 - γ). Bound: RMS error against the noise-free load
        // (estimation error only) below σ, and against the noisy observation below σ √2.
        Random rng = new Random(1);
        double sigma = 50;
        int steps = (int) (4 * DAY / STEP) + 2;
        double[] noise = new double[steps];
        for (int i = 0; i < steps; i++) {
            noise[i] = sigma * rng.nextGaussian();
        }
        PredictivePolicy p = new PredictivePolicy(spec());
        FakeView v = new FakeView(10);
        v.fleet.put(Metric.RPS_TOTAL, (a, b) -> mean(a, b) + noise[(int) (a / STEP)]);
        double sqTrue = 0;
        double sqObserved = 0;
        int n = 0;
        for (long t = STEP; t <= 4 * DAY; t += STEP) {
            p.decide(v.at(t));
            if (t >= 2 * DAY && t < 4 * DAY) {
                double f = p.model().forecast(1);
                double e = f - mean(t, t + STEP);
                sqTrue += e * e;
                double o = f - (mean(t, t + STEP) + noise[(int) (t / STEP)]);
                sqObserved += o * o;
                n++;
            }
        }
        double rmsTrue = Math.sqrt(sqTrue / n);
        double rmsObserved = Math.sqrt(sqObserved / n);
        System.out.printf(Locale.ROOT, "predictive: days 3-4, %d one-step forecasts: RMS error %.1f rps against the load, %.1f against "
                + "the observations (noise σ %.0f)%n", n, rmsTrue, rmsObserved, sigma);
        assertTrue(rmsTrue < sigma, "RMS " + rmsTrue);
        assertTrue(rmsObserved < sigma * Math.sqrt(2), "RMS " + rmsObserved);
    }

    @Test
    void holtWintersFollowsATrend() {
        // a level rising by 1 per step on top of a 4-step season: the trend is learnt
        HoltWinters hw = new HoltWinters(4, 0.5, 0.5, 0.3);
        double[] season = {10, -5, 0, -5};
        for (int t = 0; t < 400; t++) {
            hw.add(100 + t + season[t % 4]);
        }
        for (int h = 1; h <= 4; h++) {
            assertEquals(100 + 399 + h + season[(399 + h) % 4], hw.forecast(h), 0.5, "h=" + h);
        }
    }
}
