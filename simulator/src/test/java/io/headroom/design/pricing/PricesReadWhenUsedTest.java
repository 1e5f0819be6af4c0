package io.headroom.design.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A bundled catalogue reads its prices at the first price asked for, once, whatever the number of threads asking: a
 * design that prices nothing never pays for reading them.
 */
class PricesReadWhenUsedTest {
    private static final CataloguePrices BUNDLED = PriceCatalogue.defaultCatalogue().prices();

    @Test
    void theNameAndAnUnpricedServicesCoresReadNoPrices() {
        AtomicInteger reads = new AtomicInteger();
        PriceCatalogue c = PriceCatalogue.readWhenUsed("aws-us-east-1", () -> {
            reads.incrementAndGet();
            return BUNDLED;
        });
        assertEquals("aws-us-east-1", c.name());
        assertEquals(3, c.cores(3, null, 4));
        assertEquals(4, c.cores(null, null, 4));
        assertFalse(c.pricesRead());
        assertEquals(0, reads.get());

        assertEquals(2, c.cores(null, InstanceSpec.onDemand("c6i.large"), 4)); // a priced one reads them
        assertEquals(0.085, c.type("c6i.large").onDemandUsdPerHour());
        assertTrue(c.pricesRead());
        assertEquals(1, reads.get());
    }

    @Test
    void threadsAskingAtOnceReadThePricesOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        PriceCatalogue c = PriceCatalogue.readWhenUsed("aws-us-east-1", () -> {
            reads.incrementAndGet();
            return BUNDLED;
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<InstanceType>> asked = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            asked.add(pool.submit(() -> {
                go.await();
                return c.type("r6i.large");
            }));
        }
        go.countDown();
        for (Future<InstanceType> f : asked) {
            assertSame(BUNDLED.types.get("r6i.large"), f.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();
        assertEquals(1, reads.get());
    }

    @Test
    void theBundledCataloguesNameIsTheOneItsFileGives() {
        assertEquals(PriceCatalogue.DEFAULT, BUNDLED.name);
        assertEquals(PriceCatalogue.DEFAULT, PriceCatalogue.defaultCatalogue().name());
    }
}
