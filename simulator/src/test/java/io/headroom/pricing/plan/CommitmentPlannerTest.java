package io.headroom.pricing.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Market;
import io.headroom.design.pricing.Normalization;
import io.headroom.design.pricing.Payment;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.Term;
import io.headroom.pricing.CommitmentCoverage;
import io.headroom.pricing.CostLedger;
import io.headroom.pricing.UsageProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The planner against brute force: every reservation count from 0 to the family's peak (whole instances of the size the
 * planner buys) and a savings plan on a grid of 0.0005 USD/h, each priced by {@link CommitmentCoverage} (the ledger's rule,
 * not the planner's tables). The planner's savings plan sits at a breakpoint the grid may miss, so the brute force can
 * be above the planner by at most the grid step times the largest slope of the cost in the plan's amount (1 / (1 − d) ≤
 * 2.2 here); it may never be below it.
 */
class CommitmentPlannerTest {
    private static final PriceCatalogue CAT = PriceCatalogue.defaultCatalogue();
    private static final double STEP = 0.0005;

    private static UsageProfile curve(List<String> types, double[] hours, int[][] counts) {
        List<InstanceType> ts = types.stream().map(CAT::type).toList();
        return UsageProfile.ofHours(ts, hours, counts);
    }

    /** {cost per hour, counts per family..., S} of the brute force's best. */
    private static double[] bruteForce(UsageProfile u, Term term) {
        List<InstanceType> types = u.types();
        int nt = types.size();
        List<String> fams = new ArrayList<>();
        int[] family = new int[nt];
        long[] q = new long[nt];
        for (int t = 0; t < nt; t++) {
            q[t] = Normalization.quarters(types.get(t).name());
            String f = PriceCatalogue.familyOf(types.get(t).name());
            if (!fams.contains(f)) {
                fams.add(f);
            }
            family[t] = fams.indexOf(f);
        }
        int nf = fams.size();
        long[] buyQ = new long[nf];
        double[] buyPrice = new double[nf];
        int[] maxCount = new int[nf];
        for (int f = 0; f < nf; f++) {
            int buy = -1;
            long peak = 0;
            for (int t = 0; t < nt; t++) {
                if (family[t] == f && (buy < 0 || q[t] < q[buy])) {
                    buy = t;
                }
            }
            for (int i = 0; i < u.size(); i++) {
                long units = 0;
                for (int t = 0; t < nt; t++) {
                    units += family[t] == f ? u.counts()[i][t] * q[t] : 0;
                }
                peak = Math.max(peak, units);
            }
            buyQ[f] = q[buy];
            buyPrice[f] = types.get(buy).onDemandUsdPerHour() * (1 - CAT.reservedDiscount(term));
            maxCount[f] = (int) ((peak + q[buy] - 1) / q[buy]);
        }
        double d = CAT.savingsPlanDiscount(term);
        double maxSpend = 0;
        double[] prices = new double[nt];
        for (int t = 0; t < nt; t++) {
            prices[t] = types.get(t).onDemandUsdPerHour();
        }
        for (int i = 0; i < u.size(); i++) {
            double s = 0;
            for (int t = 0; t < nt; t++) {
                s += u.counts()[i][t] * prices[t];
            }
            maxSpend = Math.max(maxSpend, s);
        }
        double[] best = null;
        int[] r = new int[nf];
        while (true) {
            double fees = 0;
            long[] res = new long[nf];
            for (int f = 0; f < nf; f++) {
                fees += r[f] * buyPrice[f];
                res[f] = r[f] * buyQ[f];
            }
            for (double s = 0; s <= maxSpend + STEP; s += STEP) {
                double cost = fees + s;
                for (int i = 0; i < u.size(); i++) {
                    CommitmentCoverage c = CommitmentCoverage.of(u.counts()[i], new int[nt], prices, null, family, q, res,
                            s > 0 ? new double[] {s / (1 - d)} : new double[0], s > 0 ? new double[] {1 - d} : new double[0]);
                    cost += u.hours(i) / u.totalHours() * c.paidUsdPerHour();
                }
                if (best == null || cost < best[0] - 1e-12) {
                    best = new double[nf + 2];
                    best[0] = cost;
                    for (int f = 0; f < nf; f++) {
                        best[f + 1] = r[f];
                    }
                    best[nf + 1] = s;
                }
            }
            int f = 0;
            while (f < nf && ++r[f] > maxCount[f]) {
                r[f] = 0;
                f++;
            }
            if (f == nf) {
                break;
            }
        }
        return best;
    }

    private static CommitmentPlan checkAgainstBruteForce(UsageProfile u, Term term) {
        CommitmentPlan plan = CommitmentPlanner.plan(u, CAT, term, null);
        double[] brute = bruteForce(u, term);
        double slope = 1 / (1 - CAT.savingsPlanDiscount(term));
        assertTrue(plan.planUsdPerHour() <= brute[0] + 1e-9, "the planner " + plan.planUsdPerHour() + " above brute force " + brute[0]);
        assertTrue(brute[0] <= plan.planUsdPerHour() + STEP * slope + 1e-9,
                "brute force " + brute[0] + " below the planner " + plan.planUsdPerHour());
        return plan;
    }

    @Test
    void aShortSpikeIsLeftOnDemandAndTheSteadyBaseReserved() {
        // 4 c6i.large all day, 10 for 2 hours: the spike runs 2/24 of the time, under every break-even (0.70, 0.75)
        UsageProfile u = curve(List.of("c6i.large"), new double[] {10, 2, 12}, new int[][] {{4}, {10}, {4}});
        CommitmentPlan plan = checkAgainstBruteForce(u, Term.ONE_YEAR);
        assertEquals(1, plan.reserved().size());
        assertEquals("c6i.large", plan.reserved().get(0).type());
        assertEquals(4, plan.reserved().get(0).count());
        assertNull(plan.savingsPlan());
        // 4 × 0.085 × 0.7 + 6 × 0.085 × 2/24
        assertEquals(4 * 0.085 * 0.7 + 6 * 0.085 * 2 / 24, plan.planUsdPerHour(), 1e-12);
        assertEquals(0.7, plan.reserved().get(0).breakEven(), 1e-12);
        assertEquals(1.0, plan.reserved().get(0).utilisation(), 1e-12);
        assertEquals((4 * 24.0) / (4 * 22 + 10 * 2), plan.reserved().get(0).coverage(), 1e-12);
    }

    @Test
    void buyingNothingIsRightWhenNothingRunsLongEnough() {
        // one instance for 12 hours of 24, two for 3 more: 50 % and 12.5 % of the time, under 70 % and 75 %
        UsageProfile u = curve(List.of("c6i.large"), new double[] {12, 3, 9}, new int[][] {{1}, {2}, {0}});
        CommitmentPlan plan = checkAgainstBruteForce(u, Term.ONE_YEAR);
        assertTrue(plan.reserved().isEmpty());
        assertNull(plan.savingsPlan());
        assertEquals(plan.onDemandUsdPerHour(), plan.planUsdPerHour(), 1e-15);
        assertEquals(0, plan.savingsUsdPerHour(), 1e-15);
    }

    @Test
    void sizeFlexibilityCoversTwoLargeAndOneXlargeWithFourLarge() {
        // 2 c6i.large (4 units each) + 1 c6i.xlarge (8) = 16 units = 4 c6i.large reservations, all used
        UsageProfile u = curve(List.of("c6i.large", "c6i.xlarge"), new double[] {24}, new int[][] {{2, 1}});
        CommitmentPlan plan = checkAgainstBruteForce(u, Term.ONE_YEAR);
        assertEquals(1, plan.reserved().size());
        assertEquals("c6i.large", plan.reserved().get(0).type());
        assertEquals(4, plan.reserved().get(0).count());
        assertEquals(1.0, plan.coverage(), 1e-12);
        assertEquals(4 * 0.085 * 0.7, plan.planUsdPerHour(), 1e-12);
    }

    @Test
    void aSavingsPlanTakesTheMiddleLayerWhenItsBreakEvenIsMet() {
        // 3 years: reserved 50 % off (break-even 0.50), savings plan 45 % (0.55). A layer present 52 % of the time pays
        // a reservation; across two families, the layer up to 0.55 is better covered by one plan than by two reservations.
        UsageProfile u = curve(List.of("c6i.large", "m5.large", "m5.xlarge"), new double[] {8, 5, 5, 6},
                new int[][] {{3, 1, 0}, {5, 0, 1}, {2, 2, 1}, {1, 0, 0}});
        CommitmentPlan plan = checkAgainstBruteForce(u, Term.THREE_YEARS);
        assertTrue(plan.savingsUsdPerHour() > 0);
    }

    @Test
    void randomSmallCurvesMatchBruteForce() {
        Random rnd = new Random(23);
        List<String> types = List.of("c6i.large", "c6i.xlarge", "m5.large");
        for (int trial = 0; trial < 12; trial++) {
            int k = 2 + rnd.nextInt(4);
            double[] hours = new double[k];
            int[][] counts = new int[k][3];
            for (int i = 0; i < k; i++) {
                hours[i] = 1 + rnd.nextInt(8);
                counts[i] = new int[] {rnd.nextInt(4), rnd.nextInt(2), rnd.nextInt(3)};
            }
            checkAgainstBruteForce(curve(types, hours, counts), trial % 2 == 0 ? Term.ONE_YEAR : Term.THREE_YEARS);
        }
    }

    @Test
    void theLedgerBillsWhatThePlannerSays() {
        // the curve played through a CostLedger with the planned commitments: the bill is the plan's cost to 1e-9
        UsageProfile u = curve(List.of("c6i.large", "m5.large", "m5.xlarge"), new double[] {8, 5, 5, 6},
                new int[][] {{3, 1, 0}, {5, 0, 1}, {2, 2, 1}, {1, 0, 0}});
        for (Term term : Term.values()) {
            CommitmentPlan plan = CommitmentPlanner.plan(u, CAT, term, Payment.NO_UPFRONT);
            List<CommitmentSpec> specs = new ArrayList<>();
            plan.reserved().forEach(r -> specs.add(CommitmentSpec.reserved(r.type(), r.count(), term, Payment.NO_UPFRONT)));
            if (plan.savingsPlan() != null) {
                specs.add(CommitmentSpec.savingsPlan(plan.savingsPlan().usdPerHour(), term));
            }
            assertEquals(plan.planUsdPerHour() * u.totalHours(), bill(u, specs), 1e-9);
            assertEquals(plan.onDemandUsdPerHour() * u.totalHours(), bill(u, List.of()), 1e-9);
        }
    }

    /** The curve through a ledger: each type's instances started and stopped at the segments' edges (whole hours: no rounding). */
    static double bill(UsageProfile u, List<CommitmentSpec> commitments) {
        CostLedger ledger = new CostLedger(CAT, commitments);
        int nt = u.types().size();
        List<List<Integer>> running = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            running.add(new ArrayList<>());
        }
        int next = 0;
        for (int i = 0; i < u.size(); i++) {
            long at = u.startNs()[i];
            for (int t = 0; t < nt; t++) {
                List<Integer> ids = running.get(t);
                while (ids.size() > u.counts()[i][t]) {
                    ledger.instanceStopped("svc", ids.remove(ids.size() - 1), at);
                }
                while (ids.size() < u.counts()[i][t]) {
                    ledger.instanceStarted("svc", next, u.types().get(t), Market.ON_DEMAND, at);
                    ids.add(next++);
                }
            }
        }
        return ledger.finish(u.endNs(), Map.of(), 0).totalUsd();
    }
}
