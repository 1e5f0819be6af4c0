package io.headroom.vpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The whole recommendation ({@code CreatePodResourceRecommender} of kubernetes/autoscaler
 * {@code vertical-pod-autoscaler/pkg/recommender/logic/recommender.go}) on usage series computed by hand. A usage of
 * 1 core falls in the bucket ending at 1.0162814 cores (1016m), 2 cores in the one ending at 2.0934800 (2093m);
 * with the 15 % margin, truncated: 1016 + 152 = 1168m and 2093 + 313 = 2406m.
 */
class RecommenderTest {
    static final long MINUTE = 60_000_000_000L;
    static final long DAY = 1440 * MINUTE;

    /**
     * One core every minute for a day (1441 samples, 0 to 1440 min): confidence min(1440/1440, 1441/1440) = 1 day,
     * so the upper bound is doubled (upstream's comment: "24h history: *2") and the lower bound is
     * 1168 / 1.001^2 = 1165.67.
     */
    @Test
    void oneDayOfSteadyUsage() {
        Recommender r = new Recommender();
        for (int m = 0; m <= 1440; m++) {
            r.addCpuSample(1.0, 1.0, m * MINUTE);
        }
        assertEquals(new Recommendation(1168, 1165, 2336, 1.0), r.recommend(DAY));
    }

    /** Twelve hours (721 samples): confidence 0.5, upper bound x3 ("12h history: *3"), lower 1168 / 1.002^2 = 1163.34. */
    @Test
    void twelveHoursOfSteadyUsage() {
        Recommender r = new Recommender();
        for (int m = 0; m <= 720; m++) {
            r.addCpuSample(1.0, 1.0, m * MINUTE);
        }
        assertEquals(new Recommendation(1168, 1163, 3504, 0.5), r.recommend(DAY / 2));
    }

    /**
     * Four days, 2 cores on the first and 1 core on the next three: with the 24 h half-life the days weigh
     * 1 : 2 : 4 : 8, so 2 cores hold 1/15 of the weight (6.7 %, a quarter without decay). The 90th percentile
     * (threshold 0.9 below the 14/15 = 0.933 of the 1-core bucket) is 1 core: target 1168m; the 95th is 2 cores:
     * 2406m x (1 + 1/3.99931) = 3007.6. Confidence min(5759/1440, 5760/1440) = 3.99931 days; lower
     * 1168 / (1 + 0.001/3.99931)^2 = 1167.4.
     */
    @Test
    void olderUsageDecays() {
        Recommender r = new Recommender();
        for (int m = 0; m < 4 * 1440; m++) {
            r.addCpuSample(m < 1440 ? 2.0 : 1.0, 1.0, m * MINUTE);
        }
        Recommendation rec = r.recommend(4 * DAY);
        assertEquals(1168, rec.targetMilli());
        assertEquals(1167, rec.lowerMilli());
        assertEquals(3007, rec.upperMilli());
        assertEquals(5759.0 / 1440, rec.historyDays());
    }

    /**
     * The same series weighed as before kubernetes/autoscaler#7819 (by the request): the first day's samples, taken
     * with a 4-core request, weigh 40 times the later ones' 0.1, so with the decay 2 cores hold 40 / (40 + 14) of
     * the weight and the target is the 2-core bucket.
     */
    @Test
    void requestWeightingBeforeVpa14() {
        Recommender r = new Recommender(RecommenderConfig.DEFAULT.withWeightByRequest(true));
        for (int m = 0; m < 4 * 1440; m++) {
            r.addCpuSample(m < 1440 ? 2.0 : 1.0, m < 1440 ? 4.0 : 0.1, m * MINUTE);
        }
        assertEquals(2406, r.recommend(4 * DAY).targetMilli());
    }

    /** No sample: no recommendation; one sample alone: confidence 0, so the upper bound is the maximum amount. */
    @Test
    void noHistory() {
        Recommender r = new Recommender();
        assertNull(r.recommend(0));
        r.addCpuSample(1.0, 1.0, 0);
        assertEquals(new Recommendation(1168, 25, Estimators.MAX_RESOURCE_AMOUNT, 0.0), r.recommend(0));
    }

    /** Eight days (the memory aggregation window) after the last sample the aggregate is gone. */
    @Test
    void historyExpires() {
        Recommender r = new Recommender();
        r.addCpuSample(1.0, 1.0, 0);
        r.addCpuSample(1.0, 1.0, MINUTE);
        assertEquals(1168, r.recommend(MINUTE + 8 * DAY - 1).targetMilli());
        assertNull(r.recommend(MINUTE + 8 * DAY));
    }
}
