package io.headroom.pricing;

import io.headroom.design.pricing.Architecture;
import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Market;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.Term;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bill, case by case, against sums done by hand with the bundled us-east-1 prices: c6i.large
 * 0.085 USD/h, m6i.large 0.096 USD/h, spot discount 0.60, reserved 1y discount 0.30, compute savings
 * plan 1y discount 0.25, ALB 0.0225 USD/h, cross-zone 0.01 USD/GB each way, Lambda x86_64
 * 0.0000166667 USD/GB-s and 0.20 USD per million requests. Tolerance: 1e-12 USD, floating-point
 * rounding of sums of a few dozen terms.
 */
class CostLedgerTest {
    private static final double EPS = 1e-12;
    private static final long S = 1_000_000_000L;
    private static final long H = 3600 * S;
    private static final PriceCatalogue AWS = PriceCatalogue.defaultCatalogue();
    private static final InstanceType C6I = AWS.type("c6i.large");
    private static final InstanceType M6I = AWS.type("m6i.large");

    private static CostLedger ledger(CommitmentSpec... commitments) {
        return new CostLedger(AWS, List.of(commitments));
    }

    @Test
    void pricesAreTheBundledOnes() {
        assertEquals(0.085, C6I.onDemandUsdPerHour());
        assertEquals(0.096, M6I.onDemandUsdPerHour());
        assertEquals(2, C6I.vcpu());
        assertEquals(0.60, AWS.spotDiscount());
        assertEquals(0.30, AWS.reservedDiscount(Term.ONE_YEAR));
        assertEquals(0.25, AWS.savingsPlanDiscount(Term.ONE_YEAR));
        assertEquals(0.0225, AWS.loadBalancerUsdPerHour());
        assertEquals(0.01, AWS.crossZoneUsdPerGb());
    }

    @Test
    void aTenSecondInstancePaysSixtySeconds() {
        CostLedger l = ledger();
        l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 0);
        l.instanceStopped("api", 0, 10 * S);
        CostSummary c = l.finish(10 * S, Map.of(), 0);
        assertEquals(60 * 0.085 / 3600, c.totalUsd(), EPS);
        assertEquals(10.0 / 3600, c.instanceHours().get("api"), EPS);
    }

    @Test
    void usageIsRoundedUpToTheSecond() {
        CostLedger l = ledger();
        l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 0);
        l.instanceStarted("api", 2, C6I, Market.SPOT, 0);
        l.instanceStarted("api", 1, C6I, Market.ON_DEMAND, S / 2);
        l.instanceStopped("api", 2, 61 * S + 1); // 61 s and 1 ns -> 62 s, at 40 % of the price
        l.instanceStopped("api", 1, 90 * S + S / 2); // exactly 90 s
        l.instanceStopped("api", 0, 100 * S + 200_000_000L); // 100.2 s -> 101 s
        CostSummary c = l.finish(200 * S, Map.of(), 0);
        double od = (101 + 90) * 0.085 / 3600;
        double spot = 62 * 0.085 * 0.4 / 3600;
        assertEquals(od, c.byMarket().get("on-demand"), EPS);
        assertEquals(spot, c.byMarket().get("spot"), EPS);
        assertEquals(od + spot, c.totalUsd(), EPS);
    }

    @Test
    void aMixedFleetFollowsBaseAndPercentageAboveBase() {
        InstanceSpec fleet = new InstanceSpec("c6i.large", null, 2, 50, null);
        // scale out from 0 to 8: base 2 on demand, then half of the rest, a fraction rounded to on-demand
        String[] expected = {"on-demand", "on-demand", "on-demand", "spot", "on-demand", "spot", "on-demand", "spot"};
        CostLedger l = ledger();
        int od = 0;
        int spot = 0;
        for (int i = 0; i < expected.length; i++) {
            Market m = fleet.marketOfNext(od, spot);
            assertEquals(expected[i], m.key(), "instance " + (i + 1));
            l.instanceStarted("api", i, C6I, m, 0);
            if (m == Market.ON_DEMAND) {
                od++;
            } else {
                spot++;
            }
            assertEquals(fleet.onDemandCount(od + spot), od);
        }
        assertEquals(5, l.running("api", Market.ON_DEMAND));
        assertEquals(3, l.running("api", Market.SPOT));
        // scale in from 8 to 2: stop whichever keeps the split
        String[] stops = {"spot", "on-demand", "spot", "on-demand", "spot", "on-demand"};
        for (int i = 0; i < stops.length; i++) {
            Market m = fleet.marketToStop(od, spot);
            assertEquals(stops[i], m.key(), "stop " + (i + 1));
            if (m == Market.ON_DEMAND) {
                od--;
            } else {
                spot--;
            }
            assertEquals(fleet.onDemandCount(od + spot), od);
        }
        assertEquals(2, od);
        assertEquals(0, spot);
        // 8 instances for an hour: 5 on demand, 3 on spot at 40 % of the price
        CostSummary c = l.finish(H, Map.of(), 0);
        assertEquals(5 * 0.085, c.byMarket().get("on-demand"), EPS);
        assertEquals(3 * 0.085 * 0.4, c.byMarket().get("spot"), EPS);
        assertEquals(0.527, c.totalUsd(), EPS);
    }

    @Test
    void marketShorthands() {
        assertEquals(Market.SPOT, new InstanceSpec("c6i.large", Market.SPOT, null, null, null).marketOfNext(0, 5));
        assertEquals(Market.ON_DEMAND, InstanceSpec.onDemand("c6i.large").marketOfNext(7, 0));
        InstanceSpec allSpotAboveBase = new InstanceSpec("c6i.large", null, 1, 0, null);
        assertEquals(Market.ON_DEMAND, allSpotAboveBase.marketOfNext(0, 0));
        assertEquals(Market.SPOT, allSpotAboveBase.marketOfNext(1, 0));
        assertEquals(Market.SPOT, allSpotAboveBase.marketOfNext(1, 9));
    }

    @Test
    void reservedInstancesCoverPartOfAFleetAndArePaidWhenUnused() {
        // 4 reserved c6i.large (1y, 30 % off: 0.0595 USD/h each); the fleet is 2, then 6, then 3 on-demand
        // instances, an hour each, plus one spot instance all along (never covered).
        CostLedger l = ledger(CommitmentSpec.reserved("c6i.large", 4, Term.ONE_YEAR));
        l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 0);
        l.instanceStarted("api", 1, C6I, Market.ON_DEMAND, 0);
        l.instanceStarted("api", 99, C6I, Market.SPOT, 0);
        for (int i = 2; i < 6; i++) {
            l.instanceStarted("api", i, C6I, Market.ON_DEMAND, H);
        }
        for (int i = 3; i < 6; i++) {
            l.instanceStopped("api", i, 2 * H);
        }
        CostSummary c = l.finish(3 * H, Map.of(), 0);
        double fee = 4 * 0.085 * 0.7 * 3;          // 0.714, used or not
        double onDemand = (6 - 4) * 0.085;          // the second hour: 2 instances beyond the 4 reserved
        double spot = 3 * 0.085 * 0.4;              // 0.102
        double unused = (2 + 0 + 1) * 0.085 * 0.7;  // 2 unused reservations in hour 1, 1 in hour 3
        assertEquals(fee, c.byMarket().get("reserved"), EPS);
        assertEquals(onDemand, c.byMarket().get("on-demand"), EPS);
        assertEquals(spot, c.byMarket().get("spot"), EPS);
        assertEquals(fee + onDemand + spot, c.totalUsd(), EPS);
        assertEquals(unused, c.byComponent().get("unused-commitments"), EPS);
        assertEquals(fee - unused + onDemand + spot, c.byComponent().get("api"), EPS);
        assertEquals(2 * 3 + 1 * 2 + 3 * 1 + 3, c.instanceHours().get("api"), EPS);
    }

    @Test
    void reservationsAreSharedBetweenComponentsInProportion() {
        CostLedger l = ledger(CommitmentSpec.reserved("c6i.large", 2, Term.ONE_YEAR));
        for (int i = 0; i < 3; i++) {
            l.instanceStarted("a", i, C6I, Market.ON_DEMAND, 0);
        }
        l.instanceStarted("b", 0, C6I, Market.ON_DEMAND, 0);
        CostSummary c = l.finish(H, Map.of(), 0);
        // 4 running, 2 covered: each instance half covered (0.0595 / 2) and half paid (0.085 / 2)
        double perInstance = 0.085 * 0.7 / 2 + 0.085 / 2;
        assertEquals(3 * perInstance, c.byComponent().get("a"), EPS);
        assertEquals(perInstance, c.byComponent().get("b"), EPS);
        assertEquals(2 * 0.085 * 0.7 + 2 * 0.085, c.totalUsd(), EPS);
    }

    @Test
    void aSavingsPlanCoversOnDemandSpendAtItsRate() {
        // 0.1 USD/h at 25 % off covers 0.1 / 0.75 = 0.1333 USD/h of on-demand prices
        CostLedger l = ledger(CommitmentSpec.savingsPlan(0.1, Term.ONE_YEAR));
        l.instanceStarted("api", 0, M6I, Market.ON_DEMAND, 0);
        l.instanceStarted("api", 1, M6I, Market.ON_DEMAND, 0);
        l.instanceStopped("api", 1, H);
        CostSummary c = l.finish(2 * H, Map.of(), 0);
        // hour 1: 0.192 on-demand, 0.1333 covered, 0.0587 paid; hour 2: 0.096 covered, 0.1 - 0.072 unused
        double paid = 0.192 - 0.1 / 0.75;
        assertEquals(2 * 0.1, c.byMarket().get("savings-plan"), EPS);
        assertEquals(paid, c.byMarket().get("on-demand"), EPS);
        assertEquals(0.2 + paid, c.totalUsd(), EPS);
        assertEquals(0.1 - 0.096 * 0.75, c.byComponent().get("unused-commitments"), EPS);
    }

    @Test
    void reservationsApplyBeforeTheSavingsPlan() {
        CostLedger l = ledger(CommitmentSpec.reserved("c6i.large", 1, Term.ONE_YEAR), CommitmentSpec.savingsPlan(0.03, Term.ONE_YEAR));
        l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 0);
        l.instanceStarted("api", 1, C6I, Market.ON_DEMAND, 0);
        CostSummary c = l.finish(H, Map.of(), 0);
        // one c6i.large reserved (0.0595); the other's 0.085: 0.04 covered by the plan (0.03 / 0.75), 0.045 paid
        assertEquals(0.0595 + 0.03 + 0.045, c.totalUsd(), EPS);
        assertEquals(0.0, c.byComponent().get("unused-commitments"), EPS);
    }

    @Test
    void aLoadBalancerPaysItsHourlyRateForTheRunsLength() {
        CostLedger l = ledger();
        l.loadBalancer("edge");
        assertEquals(0.0225, l.ratePerHour(), EPS);
        CostSummary c = l.finish(H + H / 2, Map.of(), 0);
        // an always-on balancer seen for 90 minutes: 1.5 hours, not the 2 an invoice for a balancer of 90 minutes' life says
        assertEquals(1.5 * 0.0225, c.byMarket().get("load-balancer"), EPS);
        assertEquals(1.5 * 0.0225, c.byComponent().get("edge"), EPS);
        assertEquals(0.0225, c.perHourUsd(), EPS);
        // ten minutes of it cost a sixth of an hour: its cost per hour is still its rate, not six balancers'
        CostLedger ten = ledger();
        ten.loadBalancer("edge");
        CostSummary t = ten.finish(H / 6, Map.of(), 0);
        assertEquals(0.0225 / 6, t.totalUsd(), EPS);
        assertEquals(0.0225, t.perHourUsd(), EPS);
        assertEquals(0.0225 * 730, t.perMonthUsd(), 1e-9);
    }

    @Test
    void crossZoneTrafficPaysBothWays() {
        CostLedger l = ledger();
        l.crossZone(10L << 30); // 10 GB
        CostSummary c = l.finish(H, Map.of(), 0);
        assertEquals(10 * 0.01 * 2, c.byMarket().get("network"), EPS);
        assertEquals(0.2, c.byComponent().get("network"), EPS);
    }

    @Test
    void aFunctionPaysPerRequestAndGbSecond() {
        CostLedger l = ledger();
        FunctionMeter m = l.function("resize", AWS.functionPrice(Architecture.X86_64), 512);
        long ms = FunctionMeter.billedMillis(120_300_000L); // 120.3 ms -> 121 ms
        assertEquals(121, ms);
        assertEquals(1, FunctionMeter.billedMillis(1));
        assertEquals(7, FunctionMeter.billedMillis(7_000_000L));
        for (int i = 0; i < 1000; i++) {
            m.invoked(ms);
        }
        assertEquals(0.5 * 0.121 * 1000, m.gbSeconds(), 1e-9); // 60.5 GB-s
        CostSummary c = l.finish(H, Map.of(), 1000);
        double usd = 60.5 * 0.0000166667 + 1000 * 0.20 / 1e6;
        assertEquals(usd, c.byMarket().get("function"), EPS);
        assertEquals(usd, c.byComponent().get("resize"), EPS);
        assertEquals(usd / 1000 * 1e6, c.perMillionRequestsUsd(), 1e-9);
        FunctionMeter arm = ledger().function("f", AWS.functionPrice(Architecture.ARM64), 1024);
        arm.invoked(1000);
        assertEquals(0.0000133334 + 0.2e-6, arm.usd(), EPS);
    }

    @Test
    void idleIsTheUnbusyShareOfInstanceCostPlusUnusedCommitments() {
        CostLedger l = ledger(CommitmentSpec.reserved("m6i.large", 1, Term.ONE_YEAR));
        l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 0);
        l.instanceStarted("api", 1, C6I, Market.ON_DEMAND, 0);
        l.instanceStarted("db", 0, C6I, Market.SPOT, 0);
        l.loadBalancer("edge");
        CostSummary c = l.finish(H, Map.of("api", 0.25, "db", 0.5), 0);
        double unused = 0.096 * 0.7;
        assertEquals(0.17 * 0.75 + 0.034 * 0.5 + unused, c.idleUsd(), EPS);
        assertEquals(0.17 + 0.034 + unused + 0.0225, c.totalUsd(), EPS);
        assertEquals(c.totalUsd(), c.perHourUsd(), EPS);
        assertEquals(0.0, c.perMillionRequestsUsd());
    }

    @Test
    void windowsAddUpToTheTotal() {
        CostLedger l = ledger(CommitmentSpec.reserved("c6i.large", 1, Term.ONE_YEAR), CommitmentSpec.savingsPlan(0.02, Term.THREE_YEARS));
        l.loadBalancer("edge");
        FunctionMeter f = l.function("fn", AWS.functionPrice(Architecture.ARM64), 256);
        long window = 10 * S;
        long t = 0;
        double sum = 0;
        int next = 0;
        for (int w = 0; w < 400; w++) { // 4000 s: ends inside the second hour
            long end = t + window;
            if (w % 7 == 0) {
                l.instanceStarted("api", next++, C6I, w % 3 == 0 ? Market.SPOT : Market.ON_DEMAND, t + 3 * S);
            }
            if (w % 11 == 5 && next > 1) {
                l.instanceStopped("api", next - 2, t + 4 * S);
                l.instanceStarted("api", next - 2 + 100_000, M6I, Market.ON_DEMAND, t + 5 * S); // replaced by another type
            }
            f.invoked(37);
            l.crossZone(1 << 20);
            sum += l.windowCost(t, end);
            t = end;
        }
        CostSummary c = l.finish(t, Map.of(), 0);
        sum += l.windowCost(t, t); // the rounding charged when the run ends
        assertEquals(c.totalUsd(), sum, 1e-9 * c.totalUsd());
        double byComponent = c.byComponent().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(c.totalUsd(), byComponent, 1e-12 * c.totalUsd());
    }

    @Test
    void theSpendCurveIsTheSameWithRoomMadeForItAheadAndPastThatRoom() {
        double[][] curves = new double[3][];
        for (int variant = 0; variant < 3; variant++) {
            CostLedger l = ledger(CommitmentSpec.reserved("c6i.large", 1, Term.ONE_YEAR));
            if (variant == 1) {
                l.expectWindows(300); // room for all of them
            } else if (variant == 2) {
                l.expectWindows(40); // room for some: the rest grows as it comes
            }
            long t = 0;
            for (int w = 0; w < 300; w++) {
                if (w % 9 == 0) {
                    l.instanceStarted("api", w, C6I, Market.ON_DEMAND, t + S);
                }
                l.windowCost(t, t + 10 * S);
                t += 10 * S;
                if (w == 100) {
                    l.expectWindows(50);  // less room than the points already there: nothing lost
                    l.expectWindows(200); // more: the points there are kept
                }
            }
            assertEquals(300, l.spendCurveHours().length);
            assertEquals(3000.0 / 3600, l.spendCurveHours()[299], EPS);
            curves[variant] = l.spendCurveUsd();
        }
        assertArrayEquals(curves[0], curves[1], 0.0);
        assertArrayEquals(curves[0], curves[2], 0.0);
    }

    @Test
    void theRateIsWhatRunsAndWhatIsCommitted() {
        CostLedger l = ledger(CommitmentSpec.reserved("c6i.large", 1, Term.ONE_YEAR));
        assertEquals(0.0595, l.ratePerHour(), EPS);
        l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 0);
        assertEquals(0.0595, l.ratePerHour(), EPS);
        l.instanceStarted("api", 1, C6I, Market.ON_DEMAND, S);
        l.instanceStarted("api", 2, C6I, Market.SPOT, S);
        assertEquals(0.0595 + 0.085 + 0.034, l.ratePerHour(), EPS);
        // over the first hour: 1 s at 0.0595 USD/h, then 3599 s at 0.1785 USD/h
        assertEquals((0.0595 * 1 + 0.1785 * 3599) / 3600, l.windowRatePerHour(0, H), EPS);
    }

    @Test
    void misuseIsAnError() {
        CostLedger l = ledger();
        l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 5 * S);
        assertThrows(IllegalStateException.class, () -> l.instanceStarted("api", 0, C6I, Market.ON_DEMAND, 6 * S));
        assertThrows(IllegalStateException.class, () -> l.instanceStopped("api", 7, 6 * S));
        assertThrows(IllegalArgumentException.class, () -> l.instanceStopped("api", 0, 4 * S));
        l.finish(10 * S, Map.of(), 0);
        assertThrows(IllegalStateException.class, () -> l.instanceStarted("api", 1, C6I, Market.ON_DEMAND, 11 * S));
    }
}
