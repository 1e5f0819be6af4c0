package io.headroom.cluster;

import static io.headroom.cluster.AutoscalerFixtures.GIB;
import static io.headroom.cluster.AutoscalerFixtures.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The expanders on two node groups and three pods of 1500m and 1 GiB.
 * <ul>
 *   <li>{@code small}: 2 CPU, 4 GiB, $0.085/h — one such pod per node (two would need 3000m): 3 nodes.</li>
 *   <li>{@code large}: 4 CPU, 16 GiB, $0.192/h — two per node: 2 nodes.</li>
 * </ul>
 */
class ExpanderTest {
    private final AutoscalerFixtures f = new AutoscalerFixtures();
    private final NodeGroup small = group(0, "small", new NodeShape(2000, 4 * GIB, 110), 3, 0, 10, 0.085, 10);
    private final NodeGroup large = group(1, "large", new NodeShape(4000, 16 * GIB, 110), 7, 0, 10, 0.192, 5);
    private final List<Pod> pods = f.pods(3, 1, 1500, GIB, 0);
    private final ExpansionOption onSmall = new ExpansionOption(small, 3, pods);
    private final ExpansionOption onLarge = new ExpansionOption(large, 2, pods);
    private final List<ExpansionOption> both = List.of(onSmall, onLarge);

    @Test
    void leastWastePicksTheGroupWastingLessOfItsNewNodes() {
        // small: CPU (3×2000 − 4500)/6000 = 0.25, memory (12 − 3)/12 = 0.75, waste 1.0
        // large: CPU (2×4000 − 4500)/8000 = 0.4375, memory (32 − 3)/32 = 0.90625, waste 1.34375
        assertEquals(1.0, Expander.waste(onSmall), 0.0);
        assertEquals(1.34375, Expander.waste(onLarge), 0.0);
        assertSame(onSmall, Expander.LEAST_WASTE.choose(both, 10, new SplittableRandom(1)));
    }

    @Test
    void priceWeighsTheMoneyAgainstThePreferredNodeSize() {
        // pod price 1.5 × 0.033174 + 1 × 0.004446 = 0.054207, three: 0.162621;
        // stabilization 0.5 × 0.033174 + 500/1024 × 0.004446 = 0.0187578984375.
        // small: (3 × 0.085 + s) / (0.162621 + s) = 1.5093150349671585; large: (2 × 0.192 + s) / (...) = 2.2205333801620992.
        // With 10 registered nodes the preferred node has 4 CPU: small's unfitness 2, suppressed
        // (2 − 1)(1 − tanh(2/15)) + 1 = 1.8674512116091218, score 2.818572190749284; large's unfitness 1, score 2.2205...
        assertEquals(2.818572190749284, PriceExpander.score(onSmall, 10), 1e-12);
        assertEquals(2.2205333801620992, PriceExpander.score(onLarge, 10), 1e-12);
        assertSame(onLarge, Expander.PRICE.choose(both, 10, new SplittableRandom(1)));
        // With 3 nodes the preferred node has 2 CPU: small scores 1.5093..., large 2 × ... = 4.293250124397741.
        assertEquals(1.5093150349671585, PriceExpander.score(onSmall, 3), 1e-12);
        assertEquals(4.293250124397741, PriceExpander.score(onLarge, 3), 1e-12);
        assertSame(onSmall, Expander.PRICE.choose(both, 3, new SplittableRandom(1)));
    }

    @Test
    void mostPodsPicksTheOptionPlacingMorePods() {
        ExpansionOption fewer = new ExpansionOption(small, 2, pods.subList(0, 2));
        assertSame(onLarge, Expander.MOST_PODS.choose(List.of(fewer, onLarge), 10, new SplittableRandom(1)));
    }

    @Test
    void priorityPicksTheHighestPriorityGroup() {
        assertSame(onSmall, Expander.PRIORITY.choose(both, 10, new SplittableRandom(1)));
        NodeGroup unlisted = group(0, "small", small.template(), 3, 0, 10, 0.085, NodeGroup.NO_PRIORITY);
        ExpansionOption onUnlisted = new ExpansionOption(unlisted, 3, pods);
        assertSame(onLarge, Expander.PRIORITY.choose(List.of(onUnlisted, onLarge), 10, new SplittableRandom(1)));
        // upstream's scan starts at -1: a group at -5 is never chosen over one at -1 or above
        NodeGroup negative = group(1, "large", large.template(), 7, 0, 10, 0.192, -5);
        assertEquals(List.of(onSmall), Expander.PRIORITY.best(List.of(onSmall, new ExpansionOption(negative, 2, pods)), 10));
    }

    @Test
    void tiesAreBrokenAtRandomAndNothingToChooseFromGivesNull() {
        NodeGroup twin = group(2, "twin", small.template(), 3, 0, 10, 0.085, 10);
        ExpansionOption onTwin = new ExpansionOption(twin, 3, pods);
        Set<NodeGroup> chosen = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            chosen.add(Expander.LEAST_WASTE.choose(List.of(onSmall, onTwin), 10, new SplittableRandom(seed)).group());
        }
        assertEquals(Set.of(small, twin), chosen);
        assertNull(Expander.RANDOM.choose(List.of(), 10, new SplittableRandom(1)));
        assertTrue(both.contains(Expander.RANDOM.choose(both, 10, new SplittableRandom(1))));
    }

    @Test
    void namesAreTheFlagValues() {
        assertSame(Expander.LEAST_WASTE, Expander.named("least-waste"));
        assertSame(Expander.MOST_PODS, Expander.named("most-pods"));
        assertNull(Expander.named("fewest-nodes"));
        assertSame(Expander.LEAST_WASTE, AutoscalerSettings.DEFAULTS.expander());
    }

    @Test
    void upstreamPriceCases() {
        // expander/price/price_test.go TestPriceExpander: node n1 has 1 CPU, n2 4 CPU; pods p1 and p2 priced
        // 20 and 10, the stabilization pod 10; the lower score wins.
        // ng1 (2 nodes at 20) vs ng2 (1 node at 200), preferred 2 CPU: ng1 (40+10)/40 x 1.9334 = 2.417, ng2 210/40 x 2 = 10.5
        assertTrue(PriceExpander.score(40, 30, 10, 2000, 1000, 2) < PriceExpander.score(200, 30, 10, 2000, 4000, 1));
        assertEquals(10.5, PriceExpander.score(200, 30, 10, 2000, 4000, 1), 0.0);
        // n1 at 50, preferred 4 CPU: ng1 110/40 x (3(1 - tanh(1/15)) + 1) = 10.45; ng2 5.25: the preferred size wins
        assertTrue(PriceExpander.score(100, 30, 10, 4000, 1000, 2) > PriceExpander.score(200, 30, 10, 4000, 4000, 1));
        // 80 nodes against 40: the unfitness fades with the node count, the cheaper group wins
        assertTrue(PriceExpander.score(1600, 30, 10, 4000, 1000, 80) < PriceExpander.score(8000, 30, 10, 4000, 4000, 40));
        // n1 at 200, n2 at 100, preferred 2 CPU: ng2
        assertTrue(PriceExpander.score(400, 30, 10, 2000, 1000, 2) > PriceExpander.score(100, 30, 10, 2000, 4000, 1));
        // equal node prices, ng1 places only p1: ng2
        assertTrue(PriceExpander.score(400, 20, 10, 2000, 1000, 2) > PriceExpander.score(200, 30, 10, 2000, 4000, 1));
    }

    @Test
    void upstreamLeastWasteCase() {
        // expander/waste/waste_test.go TestLeastWaste: one pod of 500m and 1000 MiB, one node each
        long mib = 1024 * 1024;
        Pod pod = f.pod(1, 500, 1000 * mib, 0, 0);
        NodeGroup balanced = group(0, "balanced", new NodeShape(8000, 16000 * mib, 100), 1, 0, 10, 1, 0);
        NodeGroup highmem = group(1, "highmem", new NodeShape(8000, 32000 * mib, 100), 1, 0, 10, 1, 0);
        NodeGroup lowcpu = group(2, "lowcpu", new NodeShape(4000, 16000 * mib, 100), 1, 0, 10, 1, 0);
        ExpansionOption b = new ExpansionOption(balanced, 1, List.of(pod));
        ExpansionOption h = new ExpansionOption(highmem, 1, List.of(pod));
        ExpansionOption l = new ExpansionOption(lowcpu, 1, List.of(pod));
        assertSame(b, Expander.LEAST_WASTE.choose(List.of(b, h), 1, new SplittableRandom(1)));
        assertSame(l, Expander.LEAST_WASTE.choose(List.of(b, h, l), 1, new SplittableRandom(1)));
    }
}
