package io.headroom.pricing;

import io.headroom.design.pricing.Architecture;
import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Market;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.Term;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/pricing.md: two hours of a small shop, its bill summed by hand there,
 * and the {@code cost} object printed as the docs show it.
 */
class PricingExampleTest {
    private static final long H = 3_600_000_000_000L;

    @Test
    void theWorkedExampleOfTheDocs() throws Exception {
        PriceCatalogue aws = PriceCatalogue.defaultCatalogue();
        InstanceSpec fleet = new InstanceSpec("c6i.large", null, 2, 50, null);
        CostLedger ledger = new CostLedger(aws, List.of(CommitmentSpec.reserved("c6i.large", 2, Term.ONE_YEAR)));
        ledger.loadBalancer("edge");
        FunctionMeter resize = ledger.function("resize", aws.functionPrice(Architecture.ARM64), 1024);
        InstanceType c6i = aws.type(fleet.type());
        int od = 0;
        int spot = 0;
        for (int i = 0; i < 6; i++) { // 4 instances from the start, 2 more after an hour
            Market m = fleet.marketOfNext(od, spot);
            ledger.instanceStarted("api", i, c6i, m, fleet.spotDiscount(aws), i < 4 ? 0 : H);
            if (m == Market.ON_DEMAND) {
                od++;
            } else {
                spot++;
            }
        }
        for (int i = 0; i < 100_000; i++) {
            resize.invoked(FunctionMeter.billedMillis(199_600_000L)); // 199.6 ms -> 200 ms
        }
        CostSummary cost = ledger.finish(2 * H, Map.of("api", 0.6), 100_000);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(cost.asJson());
        System.out.println(json);
        System.out.println("instance_hours: " + cost.instanceHours());
        assertEquals(0.255 + 0.238 + 0.102 + 0.045 + 0.286668, cost.totalUsd(), 1e-12);
        assertEquals(0.595 * 0.4, cost.idleUsd(), 1e-12);
        assertEquals(10.0, cost.instanceHours().get("api"), 1e-12);
    }
}
